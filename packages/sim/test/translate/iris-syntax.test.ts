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

describe('DATEADD, DATEDIFF, DATEPART (docs/iris-sql.md#date-parts)', () => {
  it('call the runtime with the datepart named in full, quoted or not, in any case', () => {
    expect(
      sqlOf('SELECT DATEADD(dd, 1, d), DATEDIFF(\'MI\', ?, d), DATEPART("Yyyy", d) FROM t'),
    ).toBe(
      "SELECT iris_sim.dateadd('day', 1, d), iris_sim.datediff('minute', $1, d), iris_sim.datepart('year', d) FROM t",
    )
  })

  it('leave a parameter datepart to the runtime', () => {
    expect(sqlOf('SELECT DATEPART(?, d) FROM t')).toBe('SELECT iris_sim.datepart($1, d) FROM t')
  })

  it('refuse an unknown datepart with -8, and one the simulator does not compute with -359', () => {
    expectRejected('SELECT DATEADD(fortnight, 1, d) FROM t', -8)
    expectRejected('SELECT DATEADD(sts, 1, d) FROM t', -8)
    const error = expectRejected('SELECT DATEDIFF(wk, d, e) FROM t', -359)
    expect(error.fields.message).toContain(
      'DATEDIFF with datepart week is IRIS SQL, but the simulator',
    )
    expectRejected('SELECT DATEADD(q, 1, d) FROM t', -359)
    expectRejected('SELECT DATEPART(ns, d) FROM t', -359)
    expectRejected("SELECT DATEPART('d' || 'd', d) FROM t", -359)
    expectRejected('SELECT DATEPART(d) FROM t', -359)
  })
})
