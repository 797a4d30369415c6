import { describe, expect, it } from 'vitest'
import type { TableRef } from '../../src/translate/plan.js'
import { expectRejected, sqlOf } from './helpers.js'

describe('SQL IRIS rejects gets an IRIS error (docs/iris-sql.md#sqlcodes)', () => {
  it('RETURNING (docs/iris-sql.md#returning-and-last_identity)', () => {
    const error = expectRejected('INSERT INTO t (a) VALUES (?) RETURNING id', -1)
    expect(error.fields.message).toContain('[%msg: <RETURNING is not IRIS SQL')
  })

  it('ON CONFLICT (docs/iris-sql.md#upsert)', () =>
    expectRejected('INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING', -1))
  it('ILIKE (docs/iris-sql.md#collation)', () =>
    expectRejected("SELECT a FROM t WHERE a ILIKE 'x%'", -1))
  it('= ANY(array) (docs/iris-sql.md#operators)', () => {
    expectRejected('SELECT a FROM t WHERE a = ANY(?)', -1)
    expectRejected('SELECT a FROM t WHERE a <> ALL (?)', -1)
    expect(sqlOf('SELECT a FROM t WHERE a = ANY (SELECT b FROM u)')).toBe(
      'SELECT a FROM t WHERE a = ANY (SELECT b FROM u)',
    )
  })
  it('row values (docs/iris-sql.md#operators)', () => {
    expectRejected('SELECT a FROM t WHERE (a, b) IN ((1, 2), (3, 4))', -1)
    expectRejected('SELECT a FROM t WHERE x = 1 AND (a, b) NOT IN (SELECT c, d FROM u)', -1)
    expectRejected('SELECT a FROM t WHERE ((a, b) = (?, ?))', -1)
    for (const sql of [
      'SELECT a FROM t WHERE COALESCE(a, b) = 1 AND a IN (1, 2)',
      'INSERT INTO t (a, b) VALUES (1, 2)',
      'SELECT a FROM t WHERE (a = 1 OR b = 2) AND c IN (SELECT d FROM u)',
    ]) {
      expect(sqlOf(sql)).toBe(sql)
    }
  })
  it('boolean literals and predicates used as values (docs/iris-sql.md#booleans)', () => {
    for (const sql of [
      'SELECT TRUE AS x',
      'SELECT a FROM t WHERE false',
      'SELECT a FROM t WHERE b IS TRUE',
      'UPDATE t SET b = TRUE',
      'SELECT a FROM t WHERE (a = 1) = (b = 2)',
      'SELECT a FROM t WHERE (a = 1) <> (b LIKE ?)',
      'SELECT a FROM t WHERE b = (a IS NULL)',
      'SELECT a FROM t WHERE (a = 1 OR b = 2) IS NULL',
      'SELECT a FROM t WHERE ((a = 1)) = 1',
      'SELECT a FROM t WHERE a = EXISTS (SELECT 1 FROM u)',
      'SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u) = (a = 1)',
      'UPDATE t SET b = (a BETWEEN 1 AND 2)',
      "SELECT (a = 1) || 'x' AS s FROM t",
    ]) {
      expect(expectRejected(sql, -1).fields.message).toMatch(/not a value|no boolean literals/)
    }
    // Conditions where conditions go, and parenthesised values next to operators, stay as written.
    for (const sql of [
      'SELECT a FROM t WHERE (a = 1 OR b = 2) AND NOT (c = 3) AND EXISTS (SELECT 1 FROM u)',
      'SELECT a FROM t WHERE (CASE WHEN a = 1 THEN 1 END) = 1 AND COALESCE(a, b) IS NULL',
      'SELECT a FROM t WHERE (SELECT b FROM u WHERE c = 1) = a AND (a + 1) * 2 > 3',
    ]) {
      expect(sqlOf(sql)).toBe(sql)
    }
    expect(sqlOf('SELECT "TRUE" FROM t')).toBe('SELECT "true" FROM t')
  })
  it('distance operators (docs/iris-sql.md#distance-operators)', () => {
    expectRejected('SELECT a <-> b FROM t', -1)
    expectRejected('SELECT a <=> b FROM t', -1)
  })
  it('regular expressions and arrays (docs/iris-sql.md#operators)', () => {
    expectRejected("SELECT a FROM t WHERE a ~ 'x'", -1)
    expectRejected('SELECT a[1] FROM t', -1)
  })
  it('FOR UPDATE (docs/iris-sql.md#ctes-window-functions-and-locking-reads)', () =>
    expectRejected('SELECT a FROM t FOR UPDATE', -25))
  it(':: casts other than the simple forms (docs/iris-sql.md#casts)', () => {
    expectRejected('SELECT a::int FROM t', -1)
    expectRejected('SELECT ?::numeric', -1)
    expectRejected("SELECT '1'::date", -1)
  })
  it('CAST to NUMERIC or DECIMAL without a precision, whose scale on IRIS is unverified (docs/iris-sql.md#column-types)', () => {
    expect(expectRejected('SELECT CAST(a AS NUMERIC) FROM t', -1).message).toContain(
      'write NUMERIC(p,s)',
    )
    expectRejected('SELECT CAST(? AS decimal) FROM t', -1)
  })
  it('CREATE INDEX IF NOT EXISTS (docs/iris-sql.md#create-and-drop)', () => {
    expectRejected('CREATE INDEX IF NOT EXISTS i ON t (a)', -1)
    expectRejected('CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a)', -1)
  })
  it('CREATE INDEX on anything but column names (docs/iris-sql.md#create-and-drop)', () => {
    expectRejected("CREATE INDEX i ON t ((a < 'x'))", -1)
    expectRejected('CREATE INDEX i ON t (a, LOWER(b))', -1)
    expectRejected('CREATE UNIQUE INDEX i ON t (%SQLUPPER(a))', -1)
    expectRejected('CREATE INDEX i ON t (a COLLATE "C")', -1)
    expectRejected('CREATE INDEX i ON t (a) INCLUDE (b)', -25)
    expectRejected('CREATE UNIQUE INDEX i ON t (a) WITH (fillfactor = 70)', -25)
    expect(sqlOf('CREATE INDEX i ON t (a ASC, "B" desc)')).toBe(
      'CREATE INDEX i ON t (a ASC, "b" desc)',
    )
  })
  it('CHECK constraints (docs/iris-sql.md#create-and-drop)', () => {
    expectRejected('CREATE TABLE t (a INTEGER CHECK (a > 0))', -1)
    expectRejected('CREATE TABLE t (a INTEGER, CHECK (a > 0))', -1)
  })
  it('unterminated literals', () => expectRejected("SELECT 'x", -1))
  it("a FROM item's name as a value, derived tables and CTEs included (docs/iris-sql.md#postgresql-syntax)", () => {
    const tables: Record<string, string[]> = { t: ['id', 's'], w: ['w'] }
    const catalog = { starColumns: () => undefined, columns: (t: TableRef) => tables[t.name] }
    for (const sql of [
      'SELECT 1 FROM (SELECT 1 AS a) x WHERE x = x',
      'SELECT 1 FROM (SELECT id FROM t) x WHERE x IS NOT NULL',
      'SELECT 1 FROM (SELECT * FROM t) AS x ORDER BY x',
      'SELECT COUNT(x) FROM (SELECT t.* FROM t) x',
      'SELECT 1 FROM (SELECT COUNT(*) FROM t) x GROUP BY x',
      'WITH x AS (SELECT 1 AS a) SELECT 1 FROM x WHERE x IS NULL',
      'WITH c (a) AS (SELECT id FROM t) SELECT 1 FROM c WHERE c = c',
      'WITH c AS (SELECT 1 AS a), d AS (SELECT * FROM c) SELECT 1 FROM d WHERE d IS NULL',
      'SELECT 1 FROM (SELECT a FROM (SELECT 1 AS a) y WHERE y IS NULL) x',
      'SELECT 1 FROM (SELECT t FROM t) x',
      'WITH x AS (SELECT id FROM t) SELECT 1 FROM x WHERE x IS NOT NULL',
      'WITH x AS (SELECT 1 AS a) SELECT 1 FROM x ORDER BY x',
      'WITH x AS (SELECT id FROM t) SELECT COUNT(x) FROM x',
      'WITH x AS (SELECT 1 AS a) SELECT 1 FROM x GROUP BY x',
      'WITH x AS (SELECT 1 AS a) SELECT 1 FROM (SELECT * FROM x) y WHERE y IS NULL',
      'SELECT 1 FROM (SELECT 1) AS x (a) WHERE x = x',
      'SELECT 1 FROM ((SELECT 1 AS a)) x WHERE x IS NULL',
      'SELECT 1 FROM (SELECT 1 AS a UNION SELECT 2) x WHERE x IS NULL',
      'SELECT 1 FROM (SELECT 1 AS a) x JOIN t ON x = t',
      'SELECT x FROM (SELECT 1 AS a) x',
      // A correlated subquery naming the outer derived table's whole row.
      'SELECT (SELECT COUNT(*) FROM w WHERE w.w = x) FROM (SELECT 1 AS a) x',
      // A parenthesised join's items, nested, aliased or with a derived table among them.
      'SELECT 1 FROM (t JOIN w ON 1 = 1) WHERE t IS NULL',
      'SELECT 1 FROM ((t JOIN w ON 1 = 1) JOIN t AS z ON 1 = 1) WHERE z IS NULL',
      'SELECT 1 FROM (t JOIN w ON 1 = 1) j WHERE j IS NULL',
      'SELECT 1 FROM ((SELECT 1 AS a) x JOIN w ON 1 = 1) WHERE x IS NULL',
      // A catalog view, whose columns the catalog names give (../catalog/names.ts).
      'SELECT 1 FROM INFORMATION_SCHEMA.TABLES t WHERE t IS NULL',
      'SELECT 1 FROM %Dictionary.CompiledProperty p WHERE p IS NULL',
    ])
      expectRejected(sql, -29, { catalog })
    for (const sql of [
      'SELECT x FROM (SELECT 1 AS x) x WHERE x = 1 ORDER BY x',
      'SELECT x.a, x.* FROM (SELECT 1 AS a) x WHERE x.a = 1',
      'SELECT x FROM (SELECT t.id AS x FROM t) x',
      'SELECT id FROM (SELECT * FROM t) t WHERE id IN (SELECT w FROM w WHERE w.w = t.id)',
      'SELECT (SELECT COUNT(*) FROM w WHERE w = a) AS n FROM (SELECT id AS a FROM t) w2',
      'WITH x AS (SELECT 1 AS x) SELECT x FROM x',
      'WITH x (x) AS (SELECT 1 AS a) SELECT x FROM x',
      'WITH t AS (SELECT * FROM t) SELECT s FROM t',
      'SELECT w FROM (SELECT w FROM w) AS w',
      'SELECT a FROM (SELECT 1 AS x) AS x (a)',
      'WITH x AS (SELECT 1 AS a) SELECT x.*, x.a FROM x WHERE x.a = 1 ORDER BY a',
      // Correlated subqueries naming the outer derived table's column.
      'SELECT (SELECT x.a FROM w) AS n, (SELECT a FROM w) AS m FROM (SELECT 1 AS a) x',
      'SELECT 1 FROM (SELECT 1 AS a) x WHERE EXISTS (SELECT 1 FROM w WHERE w.w = x.a)',
      // The columns of a table the catalog does not know are unknown: left to PostgreSQL.
      'SELECT 1 FROM (SELECT 1 AS a) x, unknown WHERE x = x',
      'SELECT 1 FROM (t JOIN w ON t.id = w.w) WHERE w IS NULL AND s IS NULL',
      'SELECT 1 FROM ((SELECT 1 AS a) x JOIN w ON 1 = 1) WHERE a = 1',
      'SELECT 1 FROM ((SELECT 1 AS a) UNION (SELECT 2)) x WHERE a = 1',
      'SELECT table_name FROM INFORMATION_SCHEMA.TABLES t WHERE t.table_name = table_name',
      'SELECT name FROM %Dictionary.CompiledProperty p WHERE name IS NULL',
    ])
      expect(() => sqlOf(sql, { catalog }), sql).not.toThrow()
  })
})

describe('row-limit styles (docs/iris-sql.md#row-limits, docs/iris-sql.md#simulator-profiles)', () => {
  it('TOP, LIMIT and FETCH mixed in one statement, subqueries included: -386', () => {
    expectRejected('SELECT TOP 5 a FROM t LIMIT 5', -386)
    expectRejected('SELECT a FROM (SELECT TOP 5 a FROM t) x LIMIT 2', -386)
    expectRejected('SELECT TOP 5 a FROM t FETCH FIRST 2 ROWS ONLY', -386)
    expectRejected('SELECT a FROM t OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY LIMIT 1', -386)
    expectRejected('SELECT TOP ALL a FROM t OFFSET 3', -386)
  })

  it('OFFSET goes with LIMIT or with FETCH', () => {
    expect(sqlOf('SELECT a FROM t ORDER BY a OFFSET ? ROWS FETCH NEXT ? ROWS ONLY')).toBe(
      'SELECT a FROM t ORDER BY a NULLS FIRST OFFSET $1 ROWS FETCH FIRST $2 ROWS ONLY',
    )
    // docs/iris-sql.md#row-limits: an OFFSET outside both clauses is in neither synopsis.
    expectRejected('SELECT a FROM t ORDER BY a OFFSET ?', -1)
  })

  it('LIMIT after ORDER BY inside a subquery', () => {
    expectRejected('SELECT a FROM (SELECT a FROM t ORDER BY a LIMIT 3) x', -1)
    expectRejected('SELECT a FROM t WHERE a IN (SELECT b FROM u ORDER BY b LIMIT ?)', -1)
    expectRejected('SELECT a FROM t WHERE a IN (SELECT b FROM u ORDER BY b FETCH ?)', -1)
    expect(sqlOf('SELECT a FROM (SELECT a FROM t LIMIT 3) x')).toBe(
      'SELECT a FROM (SELECT a FROM t LIMIT 3) x',
    )
  })

  it('LIMIT / OFFSET before IRIS 2025.1; TOP and %VID still work', () => {
    const old = { irisVersion: [2024, 3] as const }
    expectRejected('SELECT a FROM t LIMIT 3', -25, old)
    expectRejected('SELECT a FROM t ORDER BY a OFFSET ? ROWS', -25, old)
    expectRejected('SELECT a FROM t FETCH FIRST 2 ROWS ONLY', -25, old)
    expect(sqlOf('SELECT TOP ? a FROM t', old)).toBe('SELECT a FROM t LIMIT $1')
    expect(
      sqlOf(
        'SELECT *, %VID FROM (SELECT TOP ALL a FROM t ORDER BY a) WHERE %VID BETWEEN 1 AND 2',
        old,
      ),
    ).toContain('row_number() over ()')
  })

  it('TOP needs a count', () => expectRejected('SELECT TOP a FROM t', -12))
})
