import { describe, expect, it } from 'vitest'
import { expectRejected, pgwire, plans, run, sqlOf } from './helpers.js'

const simple = { profile: pgwire.profile }
const extended = { profile: pgwire.profile, protocol: 'extended' as const }
const backend = { profile: 'pgwire-1.0-dbapi' as const }

describe("iris-pgwire text quirks, in both backends' profiles (docs/iris-sql.md#simulator-profiles)", () => {
  it('rewrites $n to ? by regex, so binding is positional and literals are hit (docs/iris-sql.md#placeholders)', () => {
    expect(sqlOf('SELECT $2, $1', extended)).toBe('SELECT $1, $2')
    // Unquoted words upper-cased too (docs/iris-sql.md#identifiers).
    expect(sqlOf("SELECT a FROM t WHERE b = $1 AND c = 'costs $1'", extended)).toBe(
      "SELECT A FROM T WHERE B = $1 AND C = 'costs ?'",
    )
  })

  it('splits simple queries on every ; even inside a literal (docs/iris-sql.md#text-rewrites)', () => {
    expectRejected("SELECT 'a;b'", -1, simple)
    expect(plans('SELECT 1; SELECT 2;', simple)).toHaveLength(2)
    expect(sqlOf("SELECT 'a;b'", extended)).toBe("SELECT 'a;b'")
  })

  it("rewrites the literal 'public' and date literals (docs/iris-sql.md#text-rewrites)", () => {
    expect(sqlOf("SELECT a FROM t WHERE s = 'public' AND d = '2024-01-31'", simple)).toBe(
      "SELECT A FROM T WHERE S = 'SQLUser' AND D = TO_DATE('2024-01-31', 'YYYY-MM-DD')",
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
      'SELECT A FROM T ORDER BY A NULLS FIRST LIMIT 10',
    )
    expect(sqlOf('SELECT a FROM t ORDER BY a LIMIT $1 OFFSET $2', extended)).toBe(
      'SELECT A FROM T ORDER BY A NULLS FIRST LIMIT $1 OFFSET $2',
    )
  })

  it('turns BEGIN [TRANSACTION | WORK] [modes] into START TRANSACTION [modes] (docs/iris-sql.md#transaction-statements)', () => {
    expect(plans('BEGIN WORK', simple)[0]).toMatchObject({ type: 'begin' })
    expect(
      plans('begin transaction isolation level read committed, read only;', extended)[0],
    ).toMatchObject({ type: 'begin', isolation: 'READ COMMITTED', readOnly: true })
    // Modes over two lines escape iris-pgwire's regex: IRIS gets BEGIN.
    expectRejected('BEGIN\nREAD ONLY\n, ISOLATION LEVEL READ COMMITTED', -1, extended)
  })

  it('turns a whole-statement ROLLBACK TO name into ROLLBACK TO SAVEPOINT name (docs/iris-sql.md#savepoints)', () => {
    for (const options of [simple, extended, backend]) {
      expect(plans('rollback to sp1;', options)[0]).toMatchObject({
        type: 'rollbackToSavepoint',
        name: 'sp1',
      })
    }
  })

  it('turns COMMIT / ROLLBACK [WORK | TRANSACTION] into COMMIT / ROLLBACK; RELEASE still reaches IRIS, which refuses it (docs/iris-sql.md#transaction-statements)', () => {
    for (const options of [simple, extended, backend]) {
      expect(plans('commit transaction;', options).map((plan) => [plan.type, plan.source])).toEqual(
        [['commit', 'COMMIT']],
      )
      expect(plans(' ROLLBACK  TRANSACTION ', options)[0]).toMatchObject({ type: 'rollback' })
      expectRejected('RELEASE SAVEPOINT sp1', -1, options)
      expectRejected('RELEASE sp1', -1, options)
    }
    // Not a whole statement of the translator's: IRIS reads the TRANSACTION word.
    expectRejected('COMMIT TRANSACTION WORK', -25, simple)
  })

  it('leaves the same text alone under profile iris', () => {
    expect(sqlOf("SELECT 'a;b', 'public', '2024-01-31' FROM t ORDER BY a LIMIT 10 OFFSET 20")).toBe(
      "SELECT 'a;b', 'public', '2024-01-31' FROM t ORDER BY a NULLS FIRST LIMIT 10 OFFSET 20",
    )
    expect(sqlOf("SELECT $2, '$1'", { protocol: 'extended' })).toBe("SELECT $2, '$1'")
  })

  it("profiles pgwire-1.0-dbapi and -embedded upper-case unquoted words as iris-pgwire's identifier normalizer does (docs/iris-sql.md#identifiers)", () => {
    expect(sqlOf('SELECT "X".y, \'Ab\' FROM t AS "X"', backend)).toBe(
      'SELECT "x".Y, \'Ab\' FROM T AS "x"',
    )
    // CREATE TABLE: the name upper-cased even when quoted; column definitions up to the first `)`
    // keep SQL words upper-cased and other words lower-cased, the rest is upper-cased.
    expect(
      sqlOf('CREATE TABLE "person" (MyCol INT, b VARCHAR(20), Cc INT, "Dd" INT)', backend),
    ).toBe(
      `CREATE TABLE "person" (mycol integer, b iris_sim.string(20) COLLATE iris_sim.sqlupper, CC integer, "dd" integer, "\u0001rowid" bigint GENERATED ALWAYS AS IDENTITY)`,
    )
    expect(run('CREATE TABLE "person" (MyCol INT)', backend).after.at(-2)).toContain("'PERSON'")
    // A SAVEPOINT name keeps its case; a word in a name that is not ASCII is left alone.
    expect(plans('SAVEPOINT Sp1', backend)[0]).toMatchObject({ type: 'savepoint', name: 'sp1' })
    expect(sqlOf('SELECT Größe FROM übung', backend)).toBe('SELECT "größe" FROM "übung"')
    expect(sqlOf('SELECT x FROM t', { profile: 'pgwire-1.0-embedded' })).toBe('SELECT X FROM T')
    expect(sqlOf('SELECT x FROM t', simple)).toBe('SELECT X FROM T')
    expect(sqlOf('SELECT x FROM t')).toBe('SELECT x FROM t')
  })
})
