import { describe, expect, it } from 'vitest'
import { expectRejected, pgwire, plans, sqlOf } from './helpers.js'

const simple = { profile: pgwire.profile }
const extended = { profile: pgwire.profile, protocol: 'extended' as const }

describe("iris-pgwire text quirks, in both backends' profiles (docs/iris-sql.md#simulator-profiles)", () => {
  it('rewrites $n to ? by regex, so binding is positional and literals are hit (docs/iris-sql.md#placeholders)', () => {
    expect(sqlOf('SELECT $2, $1', extended)).toBe('SELECT $1, $2')
    expect(sqlOf("SELECT a FROM t WHERE b = $1 AND c = 'costs $1'", extended)).toBe(
      "SELECT a FROM t WHERE b = $1 AND c = 'costs ?'",
    )
  })

  it('splits simple queries on every ; even inside a literal (docs/iris-sql.md#text-rewrites)', () => {
    expectRejected("SELECT 'a;b'", -1, simple)
    expect(plans('SELECT 1; SELECT 2;', simple)).toHaveLength(2)
    expect(sqlOf("SELECT 'a;b'", extended)).toBe("SELECT 'a;b'")
  })

  it("rewrites the literal 'public' and date literals (docs/iris-sql.md#text-rewrites)", () => {
    expect(sqlOf("SELECT a FROM t WHERE s = 'public' AND d = '2024-01-31'", simple)).toBe(
      "SELECT a FROM t WHERE s = 'SQLUser' AND d = TO_DATE('2024-01-31', 'YYYY-MM-DD')",
    )
  })

  it('turns uppercase DOUBLE into DOUBLE PRECISION in parameterized SQL, which IRIS rejects (docs/iris-sql.md#the-double-rewrite)', () => {
    expectRejected('SELECT TO_VECTOR($1, DOUBLE)', -1, extended)
    expectRejected('SELECT CAST($1 AS DOUBLE)', -1, extended)
    expect(sqlOf('SELECT TO_VECTOR($1, double)', extended)).toBe(
      'SELECT iris_sim.to_vector_double($1)',
    )
    expect(sqlOf('SELECT CAST(1 AS DOUBLE)', simple)).toBe('SELECT CAST(1 AS double precision)')
  })

  it('turns a literal LIMIT n OFFSET m at the end into TOP n and drops the offset (docs/iris-sql.md#row-limits)', () => {
    expect(sqlOf('SELECT a FROM t ORDER BY a LIMIT 10 OFFSET 20', simple)).toBe(
      'SELECT a FROM t ORDER BY a NULLS FIRST LIMIT 10',
    )
    expect(sqlOf('SELECT a FROM t ORDER BY a LIMIT $1 OFFSET $2', extended)).toBe(
      'SELECT a FROM t ORDER BY a NULLS FIRST LIMIT $1 OFFSET $2',
    )
  })

  it('leaves the same text alone under profile iris', () => {
    expect(sqlOf("SELECT 'a;b', 'public', '2024-01-31' FROM t ORDER BY a LIMIT 10 OFFSET 20")).toBe(
      "SELECT 'a;b', 'public', '2024-01-31' FROM t ORDER BY a NULLS FIRST LIMIT 10 OFFSET 20",
    )
    expect(sqlOf("SELECT $2, '$1'", { protocol: 'extended' })).toBe("SELECT $2, '$1'")
  })
})
