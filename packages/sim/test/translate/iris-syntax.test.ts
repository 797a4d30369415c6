/** Hand-written IRIS syntax in its PostgreSQL translation: %STARTSWITH (docs/iris-sql.md#startswith). */
import { describe, expect, it } from 'vitest'
import { expectRejected, sqlOf } from './helpers.js'

describe('%STARTSWITH (docs/iris-sql.md#startswith)', () => {
  it('becomes a LIKE of the escaped prefix, the prefix operand found by precedence', () => {
    expect(sqlOf("SELECT a FROM t WHERE a %STARTSWITH 'x' || ? AND b LIKE ?")).toBe(
      "SELECT a FROM t WHERE a LIKE iris_sim.startswith_pattern('x' || $1) ESCAPE '\\' AND b LIKE $2 ESCAPE ''",
    )
    expect(sqlOf('SELECT a FROM t WHERE NOT %EXACT(a) %STARTSWITH (?)')).toBe(
      "SELECT a FROM t WHERE NOT ((a) COLLATE iris_sim.exact) LIKE iris_sim.startswith_pattern(($1)) ESCAPE '\\'",
    )
  })

  it('leaves %STARTSWITH in a literal alone', () => {
    expect(sqlOf("SELECT '%STARTSWITH' AS a")).toBe("SELECT '%STARTSWITH' AS a")
  })

  it('refuses x NOT %STARTSWITH and a missing prefix', () => {
    expectRejected("SELECT a FROM t WHERE a NOT %STARTSWITH 'x'", -1)
    expectRejected('SELECT a FROM t WHERE a %STARTSWITH', -12)
  })
})
