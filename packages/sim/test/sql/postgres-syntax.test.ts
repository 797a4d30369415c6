/**
 * PostgreSQL's own statements and syntax are refused on the sim, through `pg` on one sim, rather than
 * run with PostgreSQL's meaning (docs/iris-sql.md#statements, docs/iris-sql.md#postgresql-syntax).
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { failure, sqlcodeOf } from './profiles.js'

let sim: TestSim
let client: pg.Client

beforeAll(async () => {
  sim = await startTestSim()
  client = await sim.client()
  await client.query('CREATE TABLE t (id INTEGER PRIMARY KEY, ts TIMESTAMP, s VARCHAR(10))')
  await client.query('CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER)')
})
afterAll(() => sim?.close())

const refused = async (sql: string) => [sql, sqlcodeOf(await failure(client, sql))]

describe('statements (docs/iris-sql.md#statements)', () => {
  it("refuses PostgreSQL's statements with SQLCODE -1", async () => {
    for (const sql of [
      'VALUES (1)',
      'TABLE t',
      "COMMENT ON TABLE t IS 'x'",
      'TRUNCATE t',
      'CREATE TEMPORARY TABLE tt (id INTEGER)',
      'CREATE SEQUENCE q',
      'SHOW search_path',
      'SET search_path TO public',
      // docs/iris-sql.md#rowid: IRIS's TRUNCATE TABLE takes one table name alone.
      'TRUNCATE TABLE u CASCADE',
      'TRUNCATE TABLE u RESTART IDENTITY',
    ]) {
      expect(await refused(sql)).toEqual([sql, -1])
    }
  })

  it("runs IRIS's TRUNCATE TABLE and CREATE / DROP SCHEMA", async () => {
    await client.query('CREATE SCHEMA Kept')
    await client.query('DROP SCHEMA Kept')
    // docs/iris-sql.md#schemas: IRIS's forms and SQLCODEs, PostgreSQL's extra forms refused.
    await client.query('CREATE SCHEMA IF NOT EXISTS Lib')
    await client.query('CREATE SCHEMA IF NOT EXISTS lib')
    await client.query('CREATE TABLE Lib.Shelf (id INTEGER)')
    expect(await refused('CREATE SCHEMA Lib')).toEqual(['CREATE SCHEMA Lib', -476])
    expect(await refused('DROP SCHEMA Lib')).toEqual(['DROP SCHEMA Lib', -475])
    expect(await refused('DROP SCHEMA Lib RESTRICT')).toEqual(['DROP SCHEMA Lib RESTRICT', -475])
    await client.query('DROP SCHEMA Lib CASCADE')
    expect(await refused('SELECT id FROM Lib.Shelf')).toEqual(['SELECT id FROM Lib.Shelf', -30])
    await client.query('DROP SCHEMA IF EXISTS Lib')
    expect(await refused('DROP SCHEMA Lib')).toEqual(['DROP SCHEMA Lib', -473])
    for (const sql of [
      'CREATE SCHEMA Own AUTHORIZATION sim',
      'CREATE SCHEMA AUTHORIZATION sim',
      'CREATE SCHEMA Own CREATE TABLE x (id INTEGER)',
      'DROP SCHEMA IF EXISTS a, b',
    ]) {
      expect(await refused(sql)).toEqual([sql, -25])
    }
    await client.query('INSERT INTO u (id, t_id) VALUES (1, 1)')
    await client.query('TRUNCATE TABLE u')
    expect((await client.query('SELECT COUNT(*) AS n FROM u')).rows).toEqual([{ n: '0' }])
    // docs/iris-sql.md#rowid: the RowID counter starts again at 1.
    await client.query('INSERT INTO u (id, t_id) VALUES (2, 1)')
    expect((await client.query('SELECT %ID AS k FROM u')).rows).toEqual([{ k: '1' }])
    await client.query('TRUNCATE TABLE u')
  })

  it('takes SET OPTION COMPILEMODE = IMMEDIATE and refuses the other options (docs/iris-sql.md#set-option)', async () => {
    await client.query('SET OPTION COMPILEMODE = IMMEDIATE')
    for (const sql of ['SET OPTION COMPILEMODE = NOCHECK', 'SET OPTION LOCALE_DEFAULT = 1']) {
      expect(await refused(sql)).toEqual([sql, -1])
    }
  })
})

describe('PostgreSQL syntax inside a statement (docs/iris-sql.md#postgresql-syntax)', () => {
  it('refuses each construct with SQLCODE -1', async () => {
    for (const sql of [
      "SELECT ts + INTERVAL '1 day' AS d FROM t",
      'DELETE FROM t USING u WHERE t.id = u.t_id',
      'SELECT * FROM t CROSS JOIN LATERAL (SELECT * FROM u WHERE u.t_id = t.id) x',
      'SELECT id FROM t EXCEPT SELECT id FROM u',
      'SELECT TOP 1 DISTINCT id FROM t',
      'WITH RECURSIVE r (n) AS (SELECT 1 AS n) SELECT n FROM r',
      'CREATE TABLE v (id INTEGER REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)',
      'SELECT 2 ** 3 AS p',
      'SELECT id FROM t WHERE s LIKE ANY (SELECT s FROM t)',
      'SELECT id FROM t TABLESAMPLE SYSTEM (10)',
      'SELECT id FROM t GROUP BY GROUPING SETS ((id))',
      'SELECT COUNT(*) FILTER (WHERE id > 1) AS n FROM t',
      'SELECT id FROM t WHERE s IS DISTINCT FROM ?',
      "SELECT id FROM t WHERE s SIMILAR TO 'a%'",
      'SELECT s FROM t ORDER BY s COLLATE "C"',
      'SELECT a FROM (VALUES (1)) AS v (a)',
      "SELECT E'a\\n' AS e",
      'SELECT $$x$$ AS d',
      'SELECT 5 & 3 AS b',
      'SELECT 2 ^ 3 AS p',
      'SELECT @ -4 AS a',
      "SELECT id FROM t WHERE s ~~ 'a%'",
      "SELECT id FROM t WHERE s !~~ 'a%'",
      "SELECT id FROM t WHERE s ~~* 'A%'",
      'SELECT 1 << 2 AS s',
      'SELECT 8 >> 1 AS s',
      'SELECT ||/ 8 AS r',
      "SELECT id FROM t WHERE s = 'a' :: varchar",
      'SELECT id FROM t WHERE s ISNULL',
      'SELECT id FROM t WHERE s NOTNULL',
      'SELECT id FROM t WHERE id BETWEEN SYMMETRIC 2 AND 0',
      'SELECT id FROM t WHERE EXISTS (SELECT)',
      'SELECT FROM t',
      'SELECT (t).id FROM t',
      "SELECT 'a'\n'b' AS s",
      'SELECT 1_000 AS n',
      'SELECT 0x10 AS n',
      'SELECT 0o17 AS n',
      'SELECT 0b101 AS n',
      "SELECT DATE '2024-01-01' AS d",
      "SELECT TIME '10:00:00' AS d",
      "SELECT TIMESTAMP '2024-01-01 10:00:00' AS d",
      "SELECT id FROM t WHERE s LIKE 'a%' ESCAPE ''",
      'SELECT CURRENT_DATE + 1 AS d',
      'SELECT CURRENT_DATE - CURRENT_DATE AS n',
      'SELECT CURRENT_TIMESTAMP - CURRENT_TIMESTAMP AS n',
      'SELECT CURRENT_TIME - CURRENT_TIME AS n',
      'SELECT CURRENT_DATE + CURRENT_TIME AS n',
      'SELECT CURRENT_TIME + CURRENT_DATE AS n',
      'SELECT DISTINCT ON (id) id FROM t',
      'SELECT id FROM ONLY t',
      'SELECT id FROM t ORDER BY id USING <',
      'SELECT id FROM t GROUP BY ALL id',
      'SELECT id FROM t GROUP BY DISTINCT id',
      'SELECT id FROM t ORDER BY id FETCH FIRST 1 ROW WITH TIES',
      "SELECT ts AT TIME ZONE 'UTC' AS z FROM t",
      'SELECT id INTO copied FROM t',
      'SELECT id FROM t WHERE EXISTS (TABLE u)',
      'SELECT COUNT(*) AS n FROM t GROUP BY ()',
      'SELECT id FROM t WHERE s IS NOT NORMALIZED',
      'WITH c AS (SELECT 1 AS x) UPDATE u SET t_id = 2',
      'SELECT * FROM ABS(1)',
      'SELECT id FROM t, UPPER(?) AS x',
      'SELECT id FROM t JOIN ABS(1 = 1) AS x ON 1 = 1',
      'SELECT * FROM ROWS FROM (ABS(1))',
      'SELECT MAX(id ORDER BY id) AS m FROM t',
      'SELECT (1, 2) AS r',
      'SELECT (id, s) AS r FROM t',
    ]) {
      expect(await refused(sql)).toEqual([sql, -1])
    }
    // A call right after a %keyword is a call: PostgreSQL's STRING_AGG is no IRIS function.
    const call = "SELECT DISTINCT %EXACT STRING_AGG(s, ',') AS a FROM t"
    expect(await refused(call)).toEqual([call, -359])
    // A qualified call is a user-defined function on IRIS, and the simulator has none.
    const qualified = 'SELECT id FROM t WHERE pg_catalog.length(s) = 1'
    expect(await refused(qualified)).toEqual([qualified, -359])
    // docs/iris-sql.md#ctes-window-functions-and-locking-reads: every locking clause, as FOR UPDATE.
    const lock = 'SELECT id FROM t FOR NO KEY UPDATE'
    expect(await refused(lock)).toEqual([lock, -25])
  })

  it('refuses + and - on dates and times when planning, so over no rows too (docs/iris-sql.md#date-functions)', async () => {
    expect((await client.query('SELECT COUNT(*) AS n FROM t')).rows).toEqual([{ n: '0' }])
    const forms: [string, unknown[]][] = [
      ['SELECT ts - ts AS n FROM t', []],
      ['SELECT id FROM t WHERE CAST(ts AS DATE) - 1 > ?', ['2024-01-01']],
      ['SELECT id FROM t WHERE ts - ts IS NULL', []],
      ['SELECT id FROM t ORDER BY CAST(ts AS DATE) + 1', []],
      ['SELECT COUNT(*) AS n FROM t GROUP BY CAST(ts AS DATE) - CAST(ts AS DATE)', []],
      ['SELECT COUNT(CAST(ts AS DATE) - ?) AS n FROM t', ['2024-01-01']],
      ['UPDATE t SET s = NULL WHERE CAST(ts AS TIME) - CAST(ts AS TIME) IS NULL', []],
      // PostgreSQL reads a parameter or a string as an interval, which IRIS has not.
      ['SELECT CAST(ts AS DATE) + ? AS e FROM t', [1]],
      ['SELECT ts + ? AS e FROM t', ['1 day']],
      ['SELECT ? + ts AS e FROM t', ['1']],
      ["SELECT id FROM t WHERE CAST(ts AS TIME) + '1 hour' > ?", ['10:00:00']],
    ]
    for (const [sql, params] of forms) {
      const error = await failure(client, sql, params)
      expect([sql, sqlcodeOf(error), error.message]).toEqual([
        sql,
        -1,
        expect.stringContaining('DATEADD'),
      ])
    }
  })

  it('refuses PostgreSQL-only INSERT, UPDATE, DELETE and type forms (docs/iris-sql.md#insert-update-and-delete)', async () => {
    for (const [sql, sqlcode] of [
      ['UPDATE ONLY u SET t_id = 1', -1],
      ['DELETE FROM ONLY u WHERE id = 0', -1],
      ['INSERT INTO u (id) OVERRIDING SYSTEM VALUE VALUES (1)', -1],
      ['UPDATE u SET (id, t_id) = (1, 2)', -1],
      ['UPDATE u SET t_id = DEFAULT', -1],
      ['INSERT INTO u (id, t_id) VALUES (1, DEFAULT)', -1],
      ['UPDATE u (id, t_id) VALUES (1) WHERE id = 0', -116],
      ['CREATE TABLE z (v TIMESTAMP WITH TIME ZONE)', -1],
      ['CREATE TABLE z (v TIME WITH TIME ZONE)', -1],
      ['CREATE TABLE z (v TIMESTAMP WITHOUT TIME ZONE)', -1],
      ['CREATE TABLE z (a INTEGER REFERENCES t (s))', -314],
      ['CREATE TABLE z (a INTEGER REFERENCES u (t_id))', -314],
    ] as const) {
      expect(await refused(sql)).toEqual([sql, sqlcode])
    }
  })

  it("runs IRIS's INSERT ... SET, INSERT ... DEFAULT VALUES and UPDATE ... (columns) VALUES", async () => {
    await client.query('INSERT INTO u SET id = ?, t_id = (1 + 2)', [7])
    await client.query('UPDATE u AS x (t_id) VALUES (?) WHERE x.id = ?', [8, 7])
    await client.query('CREATE TABLE d (id INTEGER IDENTITY, n INTEGER DEFAULT 5)')
    await client.query('INSERT INTO d DEFAULT VALUES')
    expect((await client.query('SELECT id, t_id FROM u WHERE id = 7')).rows).toEqual([
      { id: 7, t_id: 8 },
    ])
    expect((await client.query('SELECT id, n FROM d')).rows).toEqual([{ id: 1, n: 5 }])
    // docs/iris-sql.md#insert-update-and-delete: DELETE's FROM keyword is optional.
    expect((await client.query('DELETE u WHERE id = 7')).rowCount).toBe(1)
  })

  it("refuses PostgreSQL's system columns as IRIS refuses an unknown field (SQLCODE -29)", async () => {
    for (const sql of [
      'SELECT ctid, id FROM t',
      'SELECT id FROM t WHERE XMIN = 0',
      'SELECT t.tableoid FROM t',
      'SELECT id FROM t ORDER BY "cmax"',
      'UPDATE t SET s = ? WHERE xmax = 0',
    ]) {
      expect(await refused(sql)).toEqual([sql, -29])
    }
    // A table's name as a value, PostgreSQL's whole row, is no IRIS field either.
    for (const sql of [
      'SELECT t FROM t',
      'SELECT x FROM t AS x',
      'SELECT COALESCE(u, u) AS w FROM u',
      // Never a result column: found in the text, with the tables' columns (docs/iris-sql.md#simulator-limits).
      'SELECT 1 AS n FROM t AS x WHERE x = x',
      'SELECT id FROM t WHERE t IS NULL ORDER BY t',
      'SELECT COUNT(u) AS n FROM u GROUP BY u',
      // Over derived tables and CTEs, their columns read from their select lists.
      'SELECT 1 AS n FROM (SELECT 1 AS a) x WHERE x = x',
      'SELECT 1 AS n FROM (SELECT id FROM t) x WHERE x IS NOT NULL',
      'SELECT 1 AS n FROM (SELECT * FROM t) AS x ORDER BY x',
      'SELECT COUNT(x) AS n FROM (SELECT t.* FROM t) x',
      'SELECT 1 AS n FROM (SELECT id FROM t) x GROUP BY x',
      'WITH x AS (SELECT 1 AS a) SELECT 1 AS n FROM x WHERE x IS NULL',
      'WITH x (a) AS (SELECT id FROM t) SELECT COUNT(x) AS n FROM x',
      // Under a parenthesised join, and over a catalog view.
      'SELECT 1 AS n FROM (t JOIN u ON u.t_id = t.id) WHERE t IS NULL',
      'SELECT 1 AS n FROM (t JOIN u ON u.t_id = t.id) j WHERE j IS NULL',
      'SELECT 1 AS n FROM INFORMATION_SCHEMA.TABLES v WHERE v IS NULL',
    ]) {
      expect(await refused(sql)).toEqual([sql, -29])
    }
    // Named after AS, and the second FROM the simulator itself rewrites with ctid, still run.
    expect((await client.query('SELECT id AS xmin FROM t AS ctid WHERE ctid.id = 0')).rows).toEqual(
      [],
    )
    await client.query('DELETE FROM t FROM u WHERE t.id = u.t_id AND u.id = 0')
  })

  it('still runs the IRIS forms beside them', async () => {
    await client.query('INSERT INTO t (id, s) VALUES (1, ?)', ['a'])
    const { rows } = await client.query(
      'SELECT DISTINCT TOP 1 t.id FROM t JOIN u ON u.t_id = t.id WHERE s = ? OR s IS NULL',
      ['A'],
    )
    expect(rows).toEqual([])
    expect((await client.query('SELECT id FROM t INTERSECT SELECT id FROM t')).rows).toEqual([
      { id: 1 },
    ])
    // docs/iris-sql.md#operators, #literals, #casts: IRIS's own operators and literals still run.
    const values = await client.query(
      "SELECT -id AS a, +id AS b, 'a' || 1 AS c, COUNT(ALL id) AS n, 1e3 AS e, .5 AS h, 7 # 2 AS m, 'x'::varchar AS v, ISNULL(s, 'z') AS i FROM t WHERE s LIKE 'a\\%' ESCAPE '\\' OR id BETWEEN 0 AND 2 GROUP BY id, s",
    )
    expect(values.rows).toEqual([
      { a: -1, b: 1, c: 'a1', n: '1', e: '1000', h: '0.5', m: 1, v: 'x', i: 'a' },
    ])
    expect((await client.query('SELECT DISTINCT BY (id) id FROM t GROUP BY id')).rows).toEqual([
      { id: 1 },
    ])
    // A column named like its table, x.*, a correlated subquery, a window's frame and ORDER BY in a
    // subquery inside a call still run.
    await client.query('CREATE TABLE w (w INTEGER)')
    await client.query('INSERT INTO w (w) VALUES (1)')
    const kept = await client.query(
      'SELECT w, x.w AS v, x.*, (SELECT COUNT(*) FROM t WHERE t.id = x.w) AS n, SUM(w) OVER (ORDER BY w ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s, COALESCE((SELECT TOP 1 id FROM t ORDER BY id), 0) AS f, %EXACT(UPPER(?)) AS e FROM w AS x',
      ['a'],
    )
    expect(kept.rows).toEqual([{ w: 1, v: 1, n: '1', s: '1', f: 1, e: 'A' }])
    // A derived table's or CTE's column named like it, x.a, x.* and a correlated subquery naming
    // its column still run.
    const derived = await client.query(
      'SELECT x, y.a AS b, y.*, (SELECT COUNT(*) FROM t WHERE t.id = y.a) AS n FROM (SELECT 1 AS x) x, (SELECT id AS a FROM t) y WHERE x = 1',
    )
    expect(derived.rows).toEqual([{ x: 1, b: 1, a: 1, n: '1' }])
    expect((await client.query('WITH x AS (SELECT 1 AS x) SELECT x FROM x')).rows).toEqual([
      { x: 1 },
    ])
  })
})
