/**
 * Errors in IRIS's shape (docs/iris-sql.md#error-format): SQLSTATE 42000 and `[SQLCODE:
 * <-n>:<text>]`, for backend errors mapped to SQLCODEs (docs/iris-sql.md#sqlcodes) and for the SQL
 * IRIS rejects. The connection stays usable after each.
 */
import type pg from 'pg'
import { beforeAll, expect, it } from 'vitest'
import { describeEachProfile, failure, sqlcodeOf } from './profiles.js'

describeEachProfile('errors', {}, ({ sim }) => {
  let client: pg.Client
  beforeAll(async () => {
    client = await sim().client()
    await client.query(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY, code VARCHAR(5) UNIQUE, req VARCHAR(5) NOT NULL)',
    )
    await client.query(
      'CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id))',
    )
    await client.query('CREATE TABLE vec (id INTEGER, f VECTOR(FLOAT, 3), g VECTOR(DOUBLE, 3))')
    await client.query('CREATE TABLE scratch (a INTEGER, b INTEGER)')
    await client.query('INSERT INTO parent (id, code, req) VALUES (?, ?, ?)', [1, 'a', 'r'])
    await client.query('INSERT INTO parent (id, code, req) VALUES (?, ?, ?)', [2, 'b', 'r'])
    await client.query('INSERT INTO child (id, parent_id) VALUES (?, ?)', [1, 1])
    await client.query(
      'INSERT INTO vec (id, f, g) VALUES (?, TO_VECTOR(?, float), TO_VECTOR(?, double))',
      [1, '1,2,3', '1,2,3'],
    )
  })

  const cases: [string, string, unknown[], number][] = [
    [
      'a duplicate key on INSERT',
      'INSERT INTO parent (id, code, req) VALUES (?, ?, ?)',
      [1, 'z', 'r'],
      -119,
    ],
    [
      'a case-insensitive duplicate on INSERT',
      'INSERT INTO parent (id, code, req) VALUES (?, ?, ?)',
      [9, 'A', 'r'],
      -119,
    ],
    ['a duplicate key on UPDATE', 'UPDATE parent SET code = ? WHERE id = ?', ['a', 2], -120],
    ['a missing required field', 'INSERT INTO parent (id, code) VALUES (?, ?)', [3, 'c'], -108],
    [
      'an unknown parent on INSERT',
      'INSERT INTO child (id, parent_id) VALUES (?, ?)',
      [2, 99],
      -121,
    ],
    ['an unknown parent on UPDATE', 'UPDATE child SET parent_id = ? WHERE id = ?', [99, 1], -122],
    ['an UPDATE of a referenced key', 'UPDATE parent SET id = ? WHERE id = ?', [5, 1], -123],
    ['a DELETE of a referenced row', 'DELETE FROM parent WHERE id = ?', [1], -124],
    ['a missing table', 'SELECT * FROM no_such_table', [], -30],
    ['a missing column', 'SELECT no_such_column FROM parent', [], -29],
    [
      'a value too long',
      'INSERT INTO parent (id, code, req) VALUES (?, ?, ?)',
      [4, 'toolong', 'r'],
      -104,
    ],
    [
      'an invalid integer',
      'INSERT INTO parent (id, code, req) VALUES (?, ?, ?)',
      ['x', 'q', 'r'],
      -104,
    ],
    [
      'vectors of different lengths',
      'SELECT VECTOR_COSINE(TO_VECTOR(?, float), TO_VECTOR(?, float)) AS c',
      ['1,2', '1,2,3'],
      -258,
    ],
    ['vectors of different types', 'SELECT VECTOR_COSINE(f, g) AS c FROM vec', [], -257],
    ['a syntax error', 'SELEC 1', [], -1],
    // docs/iris-sql.md#sqlcodes: values and columns differ in number.
    ['fewer values than columns', 'INSERT INTO scratch (a, b) VALUES (?)', [1], -116],
    ['more values than columns', 'INSERT INTO scratch (a) VALUES (?, ?)', [1, 2], -116],
    ['fewer values than the table has columns', 'INSERT INTO scratch VALUES (?)', [1], -116],
  ]

  it.each(cases)('maps %s to its SQLCODE', async (_, sql, params, sqlcode) => {
    const error = await failure(client, sql, params)
    expect(error.code).toBe('42000')
    expect(error.message).toMatch(/^\[SQLCODE: <-\d+>:<[^>]+>\]/)
    expect(sqlcodeOf(error)).toBe(sqlcode)
    expect((await client.query('SELECT 1 AS one')).rows).toHaveLength(1) // still usable
  })

  const rejected: [string, string, number][] = [
    ['RETURNING', 'INSERT INTO parent (id, code, req) VALUES (7, ?, ?) RETURNING id', -1],
    [
      'ON CONFLICT',
      'INSERT INTO parent (id, code, req) VALUES (7, ?, ?) ON CONFLICT DO NOTHING',
      -1,
    ],
    ['ILIKE', 'SELECT id FROM parent WHERE code ILIKE ?', -1],
    ['= ANY(', 'SELECT id FROM parent WHERE id = ANY(?)', -1],
    ['a :: cast to another type', 'SELECT ?::date AS d', -1],
    ['the <-> operator', 'SELECT TO_VECTOR(?, float) <-> TO_VECTOR(?, float) AS d', -1],
    ['FOR UPDATE', 'SELECT id FROM parent WHERE id > ? FOR UPDATE', -1],
    ['REPEATABLE READ', 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ', -1],
    ['SERIALIZABLE', 'START TRANSACTION ISOLATION LEVEL SERIALIZABLE', -1],
    ['CREATE INDEX IF NOT EXISTS', 'CREATE INDEX IF NOT EXISTS parent_req ON parent (req)', -1],
    ['an expression index', "CREATE INDEX parent_x ON parent ((req < 'x'))", -1],
    ['TOP mixed with LIMIT', 'SELECT TOP 1 id FROM parent LIMIT ?', -386],
    ['TOP mixed with FETCH', 'SELECT TOP 1 id FROM parent FETCH ?', -386],
    // docs/iris-sql.md#row-limits: IRIS's LIMIT [ALL] count and [OFFSET m] FETCH count.
    ['LIMIT ALL without a count', 'SELECT id FROM parent LIMIT ALL', -1],
    ['OFFSET without LIMIT or FETCH', 'SELECT id FROM parent ORDER BY id OFFSET ? ROWS', -1],
    ['FETCH without a count', 'SELECT id FROM parent FETCH FIRST ROWS ONLY', -1],
    // docs/iris-sql.md#alter-table: PostgreSQL's ALTER COLUMN actions.
    ['ALTER COLUMN SET NOT NULL', 'ALTER TABLE scratch ALTER COLUMN a SET NOT NULL', -1],
    ['ALTER COLUMN DROP NOT NULL', 'ALTER TABLE scratch ALTER COLUMN a DROP NOT NULL', -1],
    ['ALTER COLUMN SET DATA TYPE', 'ALTER TABLE scratch ALTER COLUMN a SET DATA TYPE BIGINT', -1],
    ['ALTER COLUMN TYPE', 'ALTER TABLE scratch ALTER COLUMN a TYPE BIGINT', -1],
    ['ALTER COLUMN SET STATISTICS', 'ALTER TABLE scratch ALTER COLUMN a SET STATISTICS 100', -1],
    ['ALTER COLUMN SET STORAGE', 'ALTER TABLE scratch ALTER COLUMN a SET STORAGE PLAIN', -1],
    [
      'ALTER COLUMN ADD GENERATED',
      'ALTER TABLE scratch ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY',
      -1,
    ],
    ['ALTER COLUMN COLLATE, not modelled', 'ALTER TABLE scratch ALTER COLUMN a COLLATE %EXACT', -1],
    ['ALTER TABLE ONLY', 'ALTER TABLE ONLY scratch ADD COLUMN c INTEGER', -1],
    [
      'a GENERATED column',
      'ALTER TABLE scratch ADD COLUMN c INTEGER GENERATED ALWAYS AS (a + 1) STORED',
      -1,
    ],
    // docs/iris-sql.md#functions, docs/iris-sql.md#alter-table, docs/iris-sql.md#create-and-drop:
    // PostgreSQL forms absent from IRIS's synopses, which Kysely's own suite sends.
    [
      'a LATERAL join',
      'SELECT p.id FROM parent AS p CROSS JOIN LATERAL (SELECT c.id FROM child AS c WHERE c.parent_id = p.id) AS l',
      -1,
    ],
    ['CROSS APPLY', 'SELECT p.id FROM parent AS p CROSS APPLY (SELECT id FROM child) AS l', -1],
    ['COUNT(table.*)', 'SELECT COUNT(p.*) AS n FROM parent AS p', -1],
    ['an aggregate FILTER', 'SELECT COUNT(id) FILTER (WHERE id > ?) AS n FROM parent', -1],
    ['DEFERRABLE', 'ALTER TABLE scratch ADD CONSTRAINT u UNIQUE (a) DEFERRABLE', -1],
    [
      'INITIALLY DEFERRED',
      'CREATE TABLE d (a INTEGER, CONSTRAINT p PRIMARY KEY (a) INITIALLY DEFERRED)',
      -1,
    ],
    [
      'UNIQUE NULLS NOT DISTINCT',
      'ALTER TABLE scratch ADD CONSTRAINT u UNIQUE NULLS NOT DISTINCT (a)',
      -1,
    ],
    ['ALTER TABLE ... RENAME TO', 'ALTER TABLE scratch RENAME TO renamed', -1],
    ['ALTER TABLE ... RENAME COLUMN', 'ALTER TABLE scratch RENAME COLUMN a TO c', -1],
    ['ALTER TABLE ... RENAME CONSTRAINT', 'ALTER TABLE scratch RENAME CONSTRAINT u TO v', -1],
    ['DROP COLUMN IF EXISTS', 'ALTER TABLE scratch DROP COLUMN IF EXISTS b', -1],
    ['CREATE TYPE', "CREATE TYPE mood AS ENUM ('sad')", -1],
    ['DROP TYPE', 'DROP TYPE IF EXISTS mood', -1],
    ['DROP MATERIALIZED VIEW', 'DROP MATERIALIZED VIEW IF EXISTS v', -1],
  ]

  it.each(rejected)('rejects %s with an IRIS SQLCODE', async (_, sql, sqlcode) => {
    const params = (sql.match(/\?/g) ?? []).map(() => '1')
    const error = await failure(client, sql, params)
    expect(error.code).toBe('42000')
    const code = sqlcodeOf(error)
    if (sqlcode === -1) expect([-1, -12, -25]).toContain(code)
    else expect(code).toBe(sqlcode)
  })

  it('refuses boolean values, simple and extended, and runs the IRIS forms (docs/iris-sql.md#booleans)', async () => {
    for (const [sql, params] of [
      ['SELECT 1 = 1 AS x', []],
      ['SELECT id IS NULL AS x FROM parent', []],
      ['SELECT EXISTS (SELECT 1 FROM child) AS e', []],
      ['SELECT id IN (1, 2) AS x, NOT (id = ?) AS w FROM parent', [1]],
      ['SELECT code LIKE ? AS x FROM parent', ['a%']],
      ['SELECT COALESCE(id = 1, id BETWEEN ? AND 2) AS x FROM parent', [1]],
      ['SELECT TRUE AS x', []],
      ['SELECT id FROM parent WHERE TRUE', []],
      ['SELECT id FROM parent WHERE (id = 1) = (id = ?)', [2]],
    ] as [string, unknown[]][]) {
      const error = await failure(client, sql, params)
      expect([sql, error.code, sqlcodeOf(error)]).toEqual([sql, '42000', -1])
      expect(error.message).toMatch(/CASE WHEN <predicate> THEN 1 ELSE 0 END|1 = 1/)
    }
    const iris = await client.query(
      'SELECT CASE WHEN id = ? THEN 1 WHEN NOT (id = ?) THEN 0 END AS x FROM parent WHERE 1 = 1 AND (id = 1 OR EXISTS (SELECT 1 FROM child WHERE parent_id = parent.id)) ORDER BY id',
      [1, 1],
    )
    expect(iris.rows.map((row) => Number(row.x))).toEqual([1])
  })

  it('refuses a predicate as an operand or a value without parentheses, and runs conditions where they go (docs/iris-sql.md#booleans)', async () => {
    for (const [sql, params] of [
      ["SELECT id FROM parent WHERE code LIKE 'a' = req LIKE 'r'", []],
      ['SELECT id FROM parent WHERE id = 1 = id', []],
      ['SELECT id FROM parent WHERE code = ? IS NULL', ['a']],
      ['SELECT id FROM parent WHERE 0 < id < 3', []],
      ['SELECT p.id FROM parent p JOIN child c ON c.parent_id = p.id = 1', []],
      ['UPDATE scratch SET b = a = 1', []],
      ['INSERT INTO scratch (a, b) VALUES (1, 1 = 1)', []],
      ['INSERT INTO scratch SET a = 1, b = a IS NULL', []],
      ['SELECT CAST(id = 1 AS INTEGER) AS x FROM parent', []],
      ['SELECT id FROM parent WHERE COALESCE(id = ?, 0) = 1', [1]],
      ["SELECT id FROM parent WHERE %EXACT(code LIKE 'a') = 1", []],
      ['SELECT {fn ABS(id = 1)} AS x FROM parent', []],
      ['SELECT id FROM parent ORDER BY id = 1', []],
      ['SELECT COUNT(*) AS n FROM parent GROUP BY id BETWEEN 1 AND 2', []],
      ['SELECT CASE WHEN id = 1 THEN code = ? ELSE 0 END AS x FROM parent', ['a']],
      ['SELECT CASE WHEN id = 1 THEN 1 ELSE id IN (1, 2) END AS x FROM parent', []],
      ['SELECT CASE id = 1 WHEN 1 THEN 0 END AS x FROM parent', []],
      ['SELECT CASE id WHEN id > 1 THEN 0 END AS x FROM parent', []],
      ['SELECT id FROM parent WHERE id IN (1, id = 2)', []],
      ['SELECT id FROM parent WHERE id = (SELECT MAX(id) FROM child WHERE id = 1 = 1)', []],
    ] as [string, unknown[]][]) {
      const error = await failure(client, sql, params)
      expect([sql, error.code, sqlcodeOf(error)]).toEqual([sql, '42000', -1])
      expect(error.message).toContain('CASE WHEN <predicate> THEN 1 ELSE 0 END')
    }
    await client.query('START TRANSACTION')
    for (const [sql, params] of [
      ['INSERT INTO scratch (a, b) VALUES (?, ?), (3, 4)', [1, 2]],
      ['UPDATE scratch SET a = 1, b = 2 WHERE a = ? OR a IS NULL', [1]],
      [
        'UPDATE scratch SET b = CASE WHEN a = 1 THEN 2 ELSE b END WHERE a BETWEEN ? AND ? AND b IS NOT NULL',
        [1, 5],
      ],
      [
        'SELECT p.id FROM parent p JOIN child c ON c.parent_id = p.id AND c.id = 1 LEFT JOIN scratch s ON (s.a = p.id OR s.b IS NULL) WHERE p.id NOT BETWEEN ? AND ? AND p.id IN (SELECT parent_id FROM child WHERE id = 1)',
        [2, 3],
      ],
      [
        "SELECT id FROM parent WHERE code LIKE ? ESCAPE '\\' AND code %STARTSWITH 'a' AND NOT req IS NULL AND code NOT LIKE 'z%'",
        ['a%'],
      ],
      [
        'SELECT TOP 1 id, %VID AS v FROM (SELECT TOP ALL id FROM parent WHERE id = ANY (SELECT parent_id FROM child) ORDER BY CASE WHEN id = 1 THEN 0 ELSE 1 END, id DESC) WHERE %VID BETWEEN 1 AND 2',
        [],
      ],
      ["SELECT POSITION('a' IN code) AS p, {fn UCASE(code)} AS u FROM parent WHERE id = 1", []],
      ['SELECT id FROM vec ORDER BY VECTOR_COSINE(f, TO_VECTOR(?, float)) DESC', ['1,2,3']],
      [
        'SELECT id, SUM(id) OVER (PARTITION BY code ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) / 3 AS r FROM parent WHERE id > 0',
        [],
      ],
      ['SELECT id, COUNT(*) AS n FROM parent GROUP BY id HAVING COUNT(*) > 0 AND id IN (1, 2)', []],
    ] as [string, unknown[]][]) {
      await expect(client.query(sql, params), sql).resolves.toBeDefined()
    }
    await client.query('ROLLBACK')
    await client.query("CREATE INDEX vec_f ON vec (f) AS HNSW(M=16, Distance='Cosine')")
    await client.query('DROP INDEX vec_f ON vec')
  })

  it('refuses the windows IRIS does not document (docs/iris-sql.md#window-functions)', async () => {
    for (const [sql, sqlcode] of [
      ['SELECT STDDEV(id) OVER () AS s FROM parent', -359],
      ['SELECT ROW_NUMBER() AS n FROM parent', -1],
      ['SELECT RANK() OVER w AS r FROM parent WINDOW w AS (ORDER BY id)', -1],
      [
        'SELECT SUM(id) OVER (ORDER BY id RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s FROM parent',
        -1,
      ],
      [
        'SELECT SUM(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM parent',
        -1,
      ],
      ['SELECT id FROM parent WHERE ROW_NUMBER() OVER (ORDER BY id) = ?', -1],
      ['SELECT id FROM parent ORDER BY RANK() OVER (ORDER BY id)', -1],
    ] as [string, number][]) {
      const params = (sql.match(/\?/g) ?? []).map(() => 1)
      const error = await failure(client, sql, params)
      expect(sqlcodeOf(error), sql).toBe(sqlcode)
    }
  })

  it('rejects LIMIT after ORDER BY inside a subquery', async () => {
    const error = await failure(
      client,
      'SELECT id FROM (SELECT id FROM parent ORDER BY id LIMIT ?) AS s',
      [1],
    )
    expect(error.code).toBe('42000')
    expect(sqlcodeOf(error)).toBeLessThan(0)
  })
})
