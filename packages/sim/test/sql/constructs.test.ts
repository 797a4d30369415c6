/**
 * Every construct the sim accepts runs through `pg` with IRIS's meaning (results, not SQL text):
 * SQLUPPER collation, %EXACT and the collation functions (docs/iris-sql.md#collation), loose
 * parameters, TOP / LIMIT / %VID (docs/iris-sql.md#row-limits, docs/iris-sql.md#vid-paging), BIT
 * (docs/iris-sql.md#booleans), identities and LAST_IDENTITY
 * (docs/iris-sql.md#returning-and-last_identity, docs/iris-sql.md#identity-columns), INSERT OR
 * UPDATE (docs/iris-sql.md#upsert), multi-row VALUES
 * and INSERT ... SELECT (docs/iris-sql.md#multi-row-inserts), DISTINCT BY
 * (docs/iris-sql.md#distinct-by), window functions (docs/iris-sql.md#window-functions), vectors
 * (docs/iris-sql.md#vectors), strings with numbers (docs/iris-sql.md#implicit-conversion), and DDL
 * text (docs/iris-sql.md#ddl).
 */
import type pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { startTestSim } from '../support/start-test-sim.js'
import { describeEachProfile, failure, sqlcodeOf } from './profiles.js'

const ids = (result: pg.QueryResult) => result.rows.map((row) => Number(Object.values(row)[0]))

describeEachProfile('accepted constructs', {}, ({ profile, sim }) => {
  let client: pg.Client
  beforeAll(async () => {
    client = await sim().client()
    await client.query(
      'CREATE TABLE person (id INTEGER PRIMARY KEY, name VARCHAR(20), team VARCHAR(10), active BIT)',
    )
    await client.query(
      'INSERT INTO person (id, name, team, active) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)',
      [1, 'Alice', 'Red', 1, 2, 'alice', 'red', 0, 3, 'Bob', 'RED', 1, 4, 'Carol', 'Blue', 0],
    )
  })

  it('compares strings case-insensitively with = and LIKE, and DISTINCT folds case (docs/iris-sql.md#collation)', async () => {
    expect(
      ids(await client.query('SELECT id FROM person WHERE name = ? ORDER BY id', ['ALICE'])),
    ).toEqual([1, 2])
    expect(
      ids(await client.query('SELECT id FROM person WHERE name LIKE ? ORDER BY id', ['al%'])),
    ).toEqual([1, 2])
    const teams = await client.query('SELECT DISTINCT team FROM person')
    expect(teams.rows).toHaveLength(2)
  })

  it('reads a backslash in a LIKE pattern as itself; only ESCAPE names an escape character (docs/iris-sql.md#like)', async () => {
    await client.query('CREATE TABLE path (id INTEGER PRIMARY KEY, p VARCHAR(20))')
    await client.query('INSERT INTO path (id, p) VALUES (?, ?), (?, ?), (?, ?)', [
      ...[1, 'C:\\dir\\'],
      ...[2, 'a\\_b'],
      ...[3, 'a_b'],
    ])
    const like = (pattern: string, escapeClause = '') =>
      client.query(`SELECT id FROM path WHERE p LIKE ?${escapeClause} ORDER BY id`, [pattern])
    expect(ids(await like('C:\\dir\\'))).toEqual([1]) // a trailing \ is no error
    expect(ids(await like('a\\_b'))).toEqual([2]) // \ is literal, _ still a wildcard
    expect(ids(await like('a\\%'))).toEqual([2])
    expect(ids(await like('a!_b', " ESCAPE '!'"))).toEqual([3])
    expect(
      ids(await client.query("SELECT id FROM path WHERE p NOT LIKE 'a\\%' ORDER BY id")),
    ).toEqual([1, 3])
  })

  it('compares exactly with %EXACT and normalises with %SQLUPPER', async () => {
    expect(
      ids(
        await client.query('SELECT id FROM person WHERE %EXACT(name) = ? ORDER BY id', ['alice']),
      ),
    ).toEqual([2])
    const upper = await client.query('SELECT %SQLUPPER(name) AS u FROM person WHERE id = ?', [2])
    expect(String(upper.rows[0].u).trim()).toBe('ALICE')
  })

  describe('EXACT order: canonical numbers first, in numeric order, then other strings by character (docs/iris-sql.md#collation)', () => {
    const values = ['10', '9', '-2', '.5', 'a', '01', '1.0', null, 'B']
    const ascending = [null, '-2', '.5', '9', '10', '01', '1.0', 'B', 'a']
    const column = async (sql: string) =>
      (await client.query(sql)).rows.map((row) => Object.values(row)[0] ?? null)

    beforeAll(async () => {
      await client.query(
        'CREATE TABLE sortkey (id INTEGER PRIMARY KEY, c VARCHAR(10) COLLATE %EXACT, s VARCHAR(10), t VARCHAR(10) COLLATE %SQLSTRING)',
      )
      // Literals: behind iris-pgwire a parameter such as '1.0' arrives re-typed as a number (docs/iris-sql.md#parameter-re-typing).
      for (const [id, value] of values.entries()) {
        const literal = value === null ? 'NULL' : `'${value}'`
        await client.query(
          `INSERT INTO sortkey (id, c, s, t) VALUES (${id}, ${literal}, ${literal}, ${literal})`,
        )
      }
    })

    it('orders %EXACT(x) and a string function so, ascending and descending', async () => {
      expect(await column('SELECT c FROM sortkey ORDER BY %EXACT(c)')).toEqual(ascending)
      expect(await column('SELECT c FROM sortkey ORDER BY %EXACT(c) DESC')).toEqual(
        [...ascending].reverse(),
      )
      expect(await column('SELECT s FROM sortkey ORDER BY LTRIM(s)')).toEqual(ascending)
      // A || chain with a literal is EXACT (docs/iris-sql.md#collation), so EXACT order too.
      expect(await column("SELECT s FROM sortkey ORDER BY s || ''")).toEqual(ascending)
      expect(await column('SELECT s FROM sortkey ORDER BY RTRIM(s) DESC, id')).toEqual(
        [...ascending].reverse(),
      )
      expect(await column('SELECT s FROM sortkey ORDER BY UPPER(s)')).toEqual([
        ...ascending.slice(0, 7),
        ...['a', 'B'], // upper-cased, 'A' and 'B'
      ])
      expect(await column('SELECT UPPER(id) FROM sortkey ORDER BY UPPER(id) DESC')).toEqual([
        8, 7, 6, 5, 4, 3, 2, 1, 0,
      ])
    })

    it('orders a COLLATE %EXACT column so; a %SQLSTRING one, whose collated values start with a space, by character', async () => {
      expect(await column('SELECT c FROM sortkey ORDER BY c')).toEqual(ascending)
      expect(await column('SELECT x.c FROM sortkey x ORDER BY x.c DESC')).toEqual(
        [...ascending].reverse(),
      )
      expect(
        await column('SELECT %EXACT(c) FROM sortkey GROUP BY %EXACT(c) ORDER BY %EXACT(c)'),
      ).toEqual(ascending)
      expect(await column('SELECT c, COUNT(*) FROM sortkey GROUP BY c ORDER BY c')).toEqual(
        ascending,
      )
      expect(await column('SELECT t FROM sortkey ORDER BY t')).toEqual([
        null,
        ...['-2', '.5', '01', '1.0', '10', '9', 'B', 'a'],
      ])
    })

    it('orders so by alias and by column number, under TOP and in a window', async () => {
      expect(await column('SELECT %EXACT(c) AS e FROM sortkey ORDER BY e')).toEqual(ascending)
      expect(await column('SELECT LTRIM(s), id FROM sortkey ORDER BY 1 DESC')).toEqual(
        [...ascending].reverse(),
      )
      expect(await column('SELECT TOP 4 c FROM sortkey ORDER BY %EXACT(c)')).toEqual(
        ascending.slice(0, 4),
      )
      for (const window of ['%EXACT(c)', 'c']) {
        const ranked = await client.query(
          `SELECT c, ROW_NUMBER() OVER (ORDER BY ${window}) AS n FROM sortkey ORDER BY n`,
        )
        expect(ranked.rows.map((row) => row.c ?? null)).toEqual(ascending)
      }
      expect(await column('SELECT c AS k, id FROM sortkey ORDER BY k')).toEqual(ascending)
    })

    it('orders so under SELECT DISTINCT, keeping its rows, labels, row limits and parameters', async () => {
      // Every row twice: DISTINCT still gives each value (NULL included) once.
      expect(
        await column('SELECT DISTINCT x.c FROM sortkey x, sortkey y WHERE y.id < 2 ORDER BY x.c'),
      ).toEqual(ascending)
      expect(await column('SELECT DISTINCT %EXACT(c) AS e FROM sortkey ORDER BY e DESC')).toEqual(
        [...ascending].reverse(),
      )
      const limited = await client.query(
        'SELECT DISTINCT TOP 3 c, LTRIM(s) FROM sortkey WHERE id < ? ORDER BY 2',
        [100],
      )
      expect(limited.fields.map((field) => field.name)).toEqual(['c', 'ltrim'])
      expect(limited.rows.map((row) => row.c ?? null)).toEqual(ascending.slice(0, 3))
      const paged = await client.query(
        'SELECT DISTINCT c FROM sortkey ORDER BY c DESC LIMIT ? OFFSET ?',
        [2, 1],
      )
      expect(paged.rows.map((row) => row.c ?? null)).toEqual([...ascending].reverse().slice(1, 3))
    })
  })

  it('keeps a case-insensitive unique key', async () => {
    await client.query('CREATE TABLE tag (name VARCHAR(20) UNIQUE)')
    await client.query('INSERT INTO tag (name) VALUES (?)', ['Red'])
    expect(sqlcodeOf(await failure(client, 'INSERT INTO tag (name) VALUES (?)', ['RED']))).toBe(
      -119,
    )
  })

  it('takes loosely typed parameters: INSERT ... SELECT ? UNION ALL SELECT ? into an integer column (docs/iris-sql.md#multi-row-inserts)', async () => {
    await client.query('CREATE TABLE nums (n INTEGER, label VARCHAR(10))')
    await client.query('INSERT INTO nums (n, label) SELECT ?, ? UNION ALL SELECT ?, ?', [
      '1',
      'one',
      '2',
      'two',
    ])
    const result = await client.query('SELECT n FROM nums ORDER BY n')
    expect(result.rows.map((row) => row.n)).toEqual([1, 2])
  })

  it('limits rows with TOP n, TOP ?, TOP ALL, nested TOP, and LIMIT / OFFSET (docs/iris-sql.md#row-limits)', async () => {
    expect(ids(await client.query('SELECT TOP 2 id FROM person ORDER BY id'))).toEqual([1, 2])
    expect(ids(await client.query('SELECT TOP ? id FROM person ORDER BY id', [3]))).toEqual([
      1, 2, 3,
    ])
    expect(ids(await client.query('SELECT TOP ALL id FROM person ORDER BY id'))).toEqual([
      1, 2, 3, 4,
    ])
    expect(
      ids(
        await client.query(
          'SELECT id FROM person WHERE id IN (SELECT TOP 2 id FROM person ORDER BY id DESC) ORDER BY id',
        ),
      ),
    ).toEqual([3, 4])
    expect(
      ids(await client.query('SELECT id FROM person ORDER BY id LIMIT ? OFFSET ?', [2, 1])),
    ).toEqual([2, 3])
    // IRIS's LIMIT ALL n is LIMIT n; its FETCH lets out FIRST / NEXT, ROW / ROWS and ONLY.
    for (const [sql, expected] of [
      ['SELECT id FROM person ORDER BY id LIMIT ALL ? OFFSET ? ROWS', [2, 3]],
      ['SELECT id FROM person ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY', [3]],
      ['SELECT id FROM person ORDER BY id OFFSET ? FETCH ?', [3]],
    ] as const)
      expect([sql, ids(await client.query(sql, [2, 1]))]).toEqual([sql, expected])
  })

  it('pages with %VID over an ordered derived table (docs/iris-sql.md#vid-paging)', async () => {
    const result = await client.query(
      'SELECT id, %VID FROM (SELECT TOP ALL id FROM person ORDER BY id DESC) WHERE %VID BETWEEN ? AND ?',
      [2, 3],
    )
    expect(ids(result)).toEqual([3, 2])
  })

  it('stores BIT as 0/1 (docs/iris-sql.md#booleans)', async () => {
    const result = await client.query('SELECT id FROM person WHERE active = ? ORDER BY id', [1])
    expect(ids(result)).toEqual([1, 3])
  })

  it('generates identities with IDENTITY, AUTO_INCREMENT and SERIAL and reads LAST_IDENTITY() (docs/iris-sql.md#returning-and-last_identity)', async () => {
    for (const keyword of ['IDENTITY', 'AUTO_INCREMENT', 'SERIAL']) {
      const table = `gen_${keyword.toLowerCase()}`
      await client.query(`CREATE TABLE ${table} (id INTEGER ${keyword}, v VARCHAR(5))`)
      await client.query(`INSERT INTO ${table} (v) VALUES (?)`, ['a'])
      await client.query(`INSERT INTO ${table} (v) VALUES (?) -- a trailing comment`, ['b'])
      const last = await client.query('SELECT LAST_IDENTITY() AS id')
      expect(Number(last.rows[0].id)).toBe(2)
    }
  })

  it('updates the row any unique key matches with INSERT OR UPDATE, else inserts (docs/iris-sql.md#upsert)', async () => {
    await client.query(
      'CREATE TABLE account (id INTEGER IDENTITY PRIMARY KEY, email VARCHAR(40) UNIQUE, name VARCHAR(20))',
    )
    await client.query('INSERT OR UPDATE account (email, name) VALUES (?, ?)', ['a@x', 'first'])
    await client.query('INSERT OR UPDATE INTO account (email, name) VALUES (?, ?)', [
      'A@X',
      'second',
    ])
    await client.query('INSERT OR UPDATE account (email, name) VALUES (?, ?)', ['b@x', 'third'])
    const result = await client.query('SELECT email, name FROM account ORDER BY id')
    expect(result.rows.map((row) => [row.email, row.name])).toEqual([
      ['A@X', 'second'],
      ['b@x', 'third'],
    ])
    expect(Number((await client.query('SELECT LAST_IDENTITY() AS id')).rows[0].id)).toBe(2)
  })

  it('inserts from a SELECT without FROM and from multi-row VALUES (docs/iris-sql.md#multi-row-inserts)', async () => {
    await client.query('CREATE TABLE pair (a INTEGER, b VARCHAR(5))')
    await client.query('INSERT INTO pair (a, b) SELECT ?, ?', [1, 'x'])
    await client.query('INSERT INTO pair (a, b) VALUES (?, ?), (?, ?)', [2, 'y', 3, 'z'])
    expect(ids(await client.query('SELECT a FROM pair ORDER BY a'))).toEqual([1, 2, 3])
  })

  it('keeps one row per group with DISTINCT BY (docs/iris-sql.md#distinct-by)', async () => {
    const result = await client.query('SELECT DISTINCT BY (team) team FROM person')
    expect(result.rows).toHaveLength(2)
  })

  it('runs the windows IRIS documents: PARTITION BY, ORDER BY, a ROWS frame, windowed aggregates (docs/iris-sql.md#window-functions)', async () => {
    const result = await client.query({
      text: 'SELECT id, ROW_NUMBER() OVER (PARTITION BY active ORDER BY id) AS rn, COUNT(*) OVER (PARTITION BY active) AS n, SUM(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s, LAG(id, 1, 0) OVER (ORDER BY id) AS p, AVG(id) OVER () AS a FROM person WHERE id > ? ORDER BY id',
      values: [0],
      rowMode: 'array',
    })
    expect(result.rows.map((row: unknown[]) => row.map(Number))).toEqual([
      [1, 1, 2, 3, 0, 2.5],
      [2, 1, 2, 6, 1, 2.5],
      [3, 2, 2, 9, 2, 2.5],
      [4, 2, 2, 7, 3, 2.5],
    ])
  })

  it('stores vectors at their precision and computes cosine and dot product (docs/iris-sql.md#vectors)', async () => {
    await client.query(
      'CREATE TABLE emb (id INTEGER, f VECTOR(FLOAT, 3), d VECTOR(DOUBLE, 3), n VECTOR(DECIMAL, 3), i VECTOR(INTEGER, 3))',
    )
    await client.query(
      'INSERT INTO emb (id, f, d, n, i) VALUES (?, TO_VECTOR(?, float), TO_VECTOR(?, Double), TO_VECTOR(?, Decimal), TO_VECTOR(?, integer))',
      [1, '[0.1,0.2,0.3]', '0.1,0.2,0.3', '0.1,0.2,0.3', '1,2,3'],
    )
    await client.query(
      'INSERT INTO emb (id, f, d, n, i) VALUES (?, TO_VECTOR(?, float, 3), TO_VECTOR(?, double, 3), TO_VECTOR(?, decimal), TO_VECTOR(?, integer))',
      [2, '1,0,0', '1,0,0', '1,0,0', '1,0,0'],
    )
    const stored = await client.query('SELECT f, d, n, i FROM emb WHERE id = ?', [1])
    expect(stored.rows[0].d).toBe('0.1,0.2,0.3') // DOUBLE keeps its precision
    expect(stored.rows[0].i).toBe('1,2,3')
    expect(String(stored.rows[0].f).split(',').map(Number)[0]).toBeCloseTo(0.1, 6) // FLOAT is single precision
    const nearest = await client.query(
      'SELECT TOP 1 id, VECTOR_COSINE(d, TO_VECTOR(?, double)) AS score FROM emb ORDER BY score DESC',
      ['1,0,0'],
    )
    expect(Number(nearest.rows[0].id)).toBe(2)
    expect(Number(nearest.rows[0].score)).toBeCloseTo(1, 10)
    const dot = await client.query(
      'SELECT VECTOR_DOT_PRODUCT(i, TO_VECTOR(?, integer)) AS p FROM emb WHERE id = ?',
      ['1,1,1', 1],
    )
    expect(Number(dot.rows[0].p)).toBe(6)
  })

  it('accepts HNSW index DDL and still searches exactly (docs/iris-sql.md#hnsw-indexes)', async () => {
    await client.query('CREATE TABLE doc (id INTEGER, v VECTOR(FLOAT, 2))')
    await client.query(
      "CREATE INDEX doc_v ON doc (v) AS HNSW(Distance='Cosine', M=16, efConstruct=64)",
    )
    await client.query(
      'INSERT INTO doc (id, v) VALUES (?, TO_VECTOR(?, float)), (?, TO_VECTOR(?, float))',
      [1, '1,0', 2, '0,1'],
    )
    const result = await client.query(
      'SELECT TOP 1 id FROM doc ORDER BY VECTOR_COSINE(v, TO_VECTOR(?, float)) DESC',
      ['0.1,0.9'],
    )
    expect(ids(result)).toEqual([2])
  })

  it('takes %DESCRIPTION, LONGVARCHAR and VARCHAR without length meaning 1 (docs/iris-sql.md#ddl)', async () => {
    await client.query(
      "CREATE TABLE texts (body LONGVARCHAR %DESCRIPTION 'the body', flag VARCHAR)",
    )
    await client.query('INSERT INTO texts (body, flag) VALUES (?, ?)', ['x'.repeat(10_000), 'y'])
    expect(
      sqlcodeOf(await failure(client, 'INSERT INTO texts (body, flag) VALUES (?, ?)', ['b', 'yy'])),
    ).toBe(-104)
    const result = await client.query('SELECT body FROM texts')
    expect(String(result.rows[0].body)).toHaveLength(10_000)
  })

  it('renames a table with ALTER TABLE t RENAME name, without TO (docs/iris-sql.md#alter-table)', async () => {
    await client.query('CREATE TABLE OldName (a INTEGER)')
    await client.query('ALTER TABLE OldName RENAME NewName')
    await client.query('INSERT INTO NewName (a) VALUES (?)', [1])
    expect((await client.query('SELECT a FROM newname')).rows).toEqual([{ a: 1 }])
    expect(sqlcodeOf(await failure(client, 'SELECT a FROM OldName'))).toBe(-30)
    // The catalog lists it under the new name (whose case iris-pgwire may rewrite: docs/iris-sql.md#identifiers).
    const tables = await client.query(
      "SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'NewName'",
    )
    expect(Object.values(tables.rows[0]).map(Number)).toEqual([1])
  })

  it('takes the DEFAULT values IRIS documents, in CREATE TABLE and ALTER TABLE (docs/iris-sql.md#column-defaults)', async () => {
    await client.query(
      "CREATE TABLE defaults (id INTEGER, s VARCHAR(10) DEFAULT 'it''s', n INTEGER DEFAULT -2, x NUMERIC(5,2) DEFAULT (1.5), b BIT DEFAULT 1 NOT NULL, z VARCHAR(5) DEFAULT NULL, t TIMESTAMP DEFAULT CURRENT_TIMESTAMP, t2 TIMESTAMP DEFAULT CURRENT_TIMESTAMP(2), g TIMESTAMP DEFAULT GETUTCDATE(), c TIME DEFAULT CURRENT_TIME, e DATE DEFAULT CURRENT_DATE, d DATE DEFAULT TO_DATE('31-12-2009', 'DD-MM-YYYY'))",
    )
    await client.query('ALTER TABLE defaults ADD COLUMN m INTEGER DEFAULT 7')
    await client.query('ALTER TABLE defaults ALTER COLUMN n DEFAULT 3') // IRIS's [SET] DEFAULT
    await client.query('INSERT INTO defaults (id) VALUES (?)', [1])
    const [row] = (await client.query('SELECT s, n, x, b, z, m FROM defaults')).rows
    // Numbers and BIT come back as each profile types them (docs/iris-sql.md#result-types).
    const [s, n, x, b, z, m] = Object.values(row)
    expect([s, Number(n), Number(x), Number(b), z, Number(m)]).toEqual(["it's", 3, 1.5, 1, null, 7])
    const clocks = await client.query(
      "SELECT COUNT(*) AS k FROM defaults WHERE d = TO_DATE('31-12-2009', 'DD-MM-YYYY') AND t IS NOT NULL AND t2 IS NOT NULL AND g IS NOT NULL AND c IS NOT NULL AND e IS NOT NULL",
    )
    expect(ids(clocks)).toEqual([1])
  })

  it('refuses a DEFAULT that is not one IRIS value, and PostgreSQL-only foreign key clauses, before PostgreSQL runs them (docs/iris-sql.md#column-defaults, docs/iris-sql.md#foreign-keys)', async () => {
    for (const [sql, sqlcode] of [
      ['CREATE TABLE bad (u VARCHAR(36) DEFAULT gen_random_uuid())', -359],
      ["CREATE TABLE bad (s VARCHAR(9) DEFAULT 'a' || 'b')", -1],
      ['CREATE TABLE bad (n INTEGER DEFAULT (1 = 1))', -1],
      ['CREATE TABLE bad (t TIMESTAMP DEFAULT NOW())', -1],
      ['CREATE TABLE bad (n INTEGER DEFAULT ABS(-1))', -1],
      ['CREATE TABLE bad (t VARCHAR(9) DEFAULT USER)', -1],
      ["CREATE TABLE bad (t DATE DEFAULT OBJECTSCRIPT '+$HOROLOG')", -1],
      ["CREATE TABLE bad (d DATE DEFAULT {d '2020-01-02'})", -1],
      ['ALTER TABLE person ADD COLUMN bad INTEGER DEFAULT 1 + 1', -1],
      ['ALTER TABLE person ALTER COLUMN team SET DEFAULT 2 * 3', -1],
      ["CREATE TABLE bad (n INTEGER DEFAULT 'x')", -1], // IRIS takes it; the simulator cannot hold it
      // IRIS stores these as written in place of a day count, seconds or a timestamp: not modelled.
      ['CREATE TABLE bad (d DATE DEFAULT 5)', -1],
      ["CREATE TABLE bad (c TIME DEFAULT '12:30:00')", -1],
      ["CREATE TABLE bad (t TIMESTAMP DEFAULT '2024-01-31 10:00:00')", -1],
      ["ALTER TABLE person ADD COLUMN bad NUMERIC(5,2) DEFAULT ('1.5.')", -1],
      ['CREATE TABLE bad (a INTEGER REFERENCES person (id) ON DELETE RESTRICT)', -1],
      ['CREATE TABLE bad (a INTEGER REFERENCES person (id) MATCH FULL)', -1],
      [
        'CREATE TABLE bad (a INTEGER, FOREIGN KEY (a) REFERENCES person (id) ON DELETE SET NULL (a))',
        -1,
      ],
    ] as const) {
      expect([sql, sqlcodeOf(await failure(client, sql))]).toEqual([sql, sqlcode])
    }
    expect(sqlcodeOf(await failure(client, 'SELECT * FROM bad'))).toBe(-30)
  })

  it("runs IRIS's referential actions and DROP VIEW ... CASCADE (docs/iris-sql.md#foreign-keys)", async () => {
    await client.query('CREATE TABLE owner (id INTEGER PRIMARY KEY)')
    await client.query(
      'CREATE TABLE pet (id INTEGER, owner_id INTEGER REFERENCES owner (id) ON DELETE CASCADE ON UPDATE SET NULL)',
    )
    await client.query('INSERT INTO owner (id) VALUES (?), (?)', [1, 2])
    await client.query('INSERT INTO pet (id, owner_id) VALUES (?, ?), (?, ?)', [1, 1, 2, 2])
    await client.query('DELETE FROM owner WHERE id = ?', [1])
    expect(ids(await client.query('SELECT id FROM pet'))).toEqual([2])
    await client.query('CREATE VIEW owners AS SELECT id FROM owner')
    await client.query('CREATE VIEW owner_ids AS SELECT id FROM owners')
    expect(sqlcodeOf(await failure(client, 'DROP VIEW owners'))).toBe(-321) // RESTRICT, the default
    await client.query('DROP VIEW owners CASCADE')
    expect(sqlcodeOf(await failure(client, 'SELECT id FROM owner_ids'))).toBe(-30)
    // docs/iris-sql.md#create-and-drop: DROP TABLE refuses a table a view reads, unless CASCADE.
    await client.query('CREATE VIEW pets AS SELECT id FROM pet')
    expect(sqlcodeOf(await failure(client, 'DROP TABLE pet'))).toBe(-321)
    await client.query('DROP TABLE pet CASCADE')
    expect(sqlcodeOf(await failure(client, 'SELECT id FROM pets'))).toBe(-30)
  })

  it('references the primary key with REFERENCES t, and refuses to drop a table a foreign key references, CASCADE or not (docs/iris-sql.md#foreign-keys, docs/iris-sql.md#create-and-drop)', async () => {
    await client.query('CREATE TABLE kennel (id INTEGER PRIMARY KEY)')
    await client.query('CREATE TABLE dog (id INTEGER, kennel_id INTEGER REFERENCES kennel)')
    await client.query("CREATE TABLE keyless (v INTEGER, n INTEGER DEFAULT '5')")
    await client.query('CREATE TABLE numbered (id IDENTITY, v INTEGER)')
    expect(sqlcodeOf(await failure(client, 'INSERT INTO dog (id, kennel_id) VALUES (1, 9)'))).toBe(
      -121,
    )
    for (const [sql, sqlcode] of [
      ['CREATE TABLE bad (a INTEGER REFERENCES keyless)', -315],
      ['ALTER TABLE dog ADD CONSTRAINT bad FOREIGN KEY (id) REFERENCES keyless', -315],
      ['CREATE TABLE bad (a INTEGER REFERENCES numbered)', -1], // IRIS references the IDENTITY column
      ['DROP TABLE kennel', -320],
      ['DROP TABLE kennel CASCADE %DELDATA', -320],
      ['DROP TABLE kennel %NODELDATA', -1],
    ] as const) {
      expect([sql, sqlcodeOf(await failure(client, sql))]).toEqual([sql, sqlcode])
    }
    await client.query('DROP TABLE dog %DELDATA')
    await client.query('DROP TABLE kennel')
    // docs/iris-sql.md#foreign-keys: an IDENTITY column is unique, so a foreign key may name it.
    await client.query('CREATE TABLE tagged (n INTEGER REFERENCES numbered (id))')
    await client.query('INSERT INTO numbered (v) VALUES (1)')
    await client.query('INSERT INTO tagged (n) VALUES (1)')
    expect(sqlcodeOf(await failure(client, 'INSERT INTO tagged (n) VALUES (2)'))).toBe(-121)
  })

  it("makes a column required and optional with IRIS's ALTER COLUMN c NOT NULL / NULL (docs/iris-sql.md#alter-table)", async () => {
    await client.query('CREATE TABLE required (a INTEGER)')
    await client.query('ALTER TABLE required ALTER COLUMN a NOT NULL')
    expect(sqlcodeOf(await failure(client, 'INSERT INTO required (a) VALUES (NULL)'))).toBe(-108)
    await client.query('ALTER TABLE required ALTER a NULL')
    await client.query('INSERT INTO required (a) VALUES (NULL)')
  })

  it('runs IRIS functions with their IRIS meaning, and refuses other names with -359 (docs/iris-sql.md#functions)', async () => {
    const result = await client.query(
      "SELECT LENGTH('x  ') AS len, ROUND(LOG(EXP(2)), 6) AS ln, CHAR(65) AS c FROM person WHERE id = 1",
    )
    expect(result.rows[0]).toMatchObject({ len: 1, c: 'A' })
    expect(Number(result.rows[0].ln)).toBe(2)
    for (const sql of ["SELECT string_agg(name, ',') FROM person", 'SELECT random()']) {
      expect(sqlcodeOf(await failure(client, sql))).toBe(-359)
    }
  })

  it('squares with SQUARE and concatenates two strings with CONCAT, refusing a number (docs/iris-sql.md#functions)', async () => {
    const result = await client.query(
      'SELECT SQUARE(?) AS sq, SQUARE(MAX(id)) AS sq4, CONCAT(MIN(name), NULL) AS n, {fn CONCAT(?, CHAR(65))} AS c FROM person',
      [1.5, 'x '],
    )
    const row = result.rows[0]
    expect([Number(row.sq), Number(row.sq4), row.n, row.c]).toEqual([2.25, 16, null, 'x A'])
    const number = await client.query("SELECT CONCAT(id, 'x') AS c FROM person WHERE id = 1")
    expect(number.rows[0].c).toBe('1x') // a number in canonical form (docs/iris-sql.md#implicit-conversion)
  })

  describe('strings and numbers together (docs/iris-sql.md#implicit-conversion)', () => {
    beforeAll(async () => {
      await client.query(
        'CREATE TABLE mixed (id INTEGER PRIMARY KEY, c VARCHAR(10), e VARCHAR(10) COLLATE %EXACT, n NUMERIC(6,2))',
      )
      await client.query("INSERT INTO mixed (id, c, e, n) VALUES (1, '1 ', '1', 1.50)")
      await client.query("INSERT INTO mixed (id, c, e, n) VALUES (2, 'abc', 'x', 2)")
      await client.query("INSERT INTO mixed (id, c, e, n) VALUES (3, '1.5', '.5', 1.5)")
      await client.query("INSERT INTO mixed (id, c, e, n) VALUES (4, '10', '10', NULL)")
    })

    // Each WHERE clause and the ids IRIS returns: the number in canonical form, compared as a
    // string under the string's collation, numerically for a canonical number under EXACT.
    it.each([
      ['c = 1', [1]], // %SQLUPPER ignores the trailing blank of '1 '
      ['1 = c', [1]],
      ['c = 1.50', [3]], // 1.50 is 1.5 in canonical form
      ["c IN (1, 'ABC')", [1, 2]],
      ['c > 5', [2]], // string order: '10' and '1.5' sort before '5'
      ['c BETWEEN 1 AND 5', [1, 3, 4]],
      ['c = id', [1]],
      ['c = n', [3]],
      ['e = 1', [1]],
      ['e < 1', [3]], // '.5' is a canonical number
      ['e > 9', [2, 4]], // '10' as a number, 'x' above every number
      ['NULLIF(c, id) IS NULL', [1]],
    ])('WHERE %s', async (where, expected) => {
      expect(ids(await client.query(`SELECT id FROM mixed WHERE ${where} ORDER BY id`))).toEqual(
        expected,
      )
    })

    // Each expression on row `id` and its value in IRIS: a string in arithmetic is its leading
    // numeric part by ObjectScript's rule, 0 without one (c: '1 ', 'abc', '1.5', '10').
    it.each([
      ['c + 1', 2, 1],
      ['c + 1', 3, 2.5],
      ['id * c', 4, 40],
      ['-c', 3, -1.5],
      ['c / 4', 4, 2.5],
      ['c \\ 4', 4, 2],
      ['c # 3', 4, 1],
      ['c + c', 3, 3],
      ['n / c', 3, 1],
      ['id \\ c', 4, 0],
      ["CAST('--1.5e1x' AS VARCHAR) + 1", 1, 16], // signs, an exponent, then a non-numeric tail
      ["CAST('32hut' AS VARCHAR) * 2", 1, 64],
      ["CAST(' 5' AS VARCHAR) + 1", 1, 1], // a leading blank is not numeric
    ])('computes %s on row %i', async (expression, id, expected) => {
      const result = await client.query(`SELECT ${expression} AS v FROM mixed WHERE id = ?`, [id])
      expect(Number(result.rows[0].v)).toBe(expected)
    })

    it('writes a number in canonical form in LENGTH and CONCAT; UPPER and LOWER return it', async () => {
      const result = await client.query(
        'SELECT LENGTH(n) AS l, CONCAT(n, id) AS c, UPPER(n) AS u, LOWER(id) AS lo FROM mixed WHERE id = 1',
      )
      const row = result.rows[0]
      expect([row.l, row.c, Number(row.u), Number(row.lo)]).toEqual([3, '1.51', 1.5, 1])
    })

    it('writes a number in canonical form in || and STRING, as CONCAT (docs/iris-sql.md#operators)', async () => {
      // Row 1: c '1 ' (%SQLUPPER), e '1' (EXACT), n 1.50.
      const result = await client.query({
        text: "SELECT 'a' || 1.50, 1 || 2, -0.50 || 'x', n || c, e || 1, ? || 1.50, 2.50 || ?, n || id || 'z', id || 'x', c || NULL, NULL || n, CAST(NULL AS INTEGER) || 1, STRING('a', 1.50, NULL, -0.50, id), STRING(n, c) FROM mixed WHERE id = 1",
        values: ['p', 'q'],
        rowMode: 'array',
      })
      expect(result.rows[0]).toEqual([
        'a1.5',
        '12',
        '-.5x',
        '1.51 ',
        '11',
        'p1.5',
        '2.5q',
        '1.51z',
        '1x',
        null,
        null,
        null,
        'a1.5-.51',
        '1.51 ',
      ])
    })

    // Each statement and the VARCHAR column IRIS gives it, in order: the type of highest
    // precedence, a number in canonical form, a string literal a VARCHAR (c: '1 ', 'abc', '1.5',
    // '10'; e: '1', 'x', '.5', '10'; n: 1.50, 2, 1.5, NULL).
    it.each<[string, unknown[], (string | null)[]]>([
      [
        'SELECT CASE WHEN id = 2 THEN c ELSE id END AS v FROM mixed ORDER BY id',
        [],
        ['1', 'abc', '3', '4'],
      ],
      [
        'SELECT CASE WHEN id = 1 THEN n ELSE c END AS v FROM mixed ORDER BY id',
        [],
        ['1.5', 'abc', '1.5', '10'],
      ],
      [
        'SELECT CASE WHEN id < 3 THEN CASE WHEN id = 1 THEN n ELSE c END ELSE -0.50 END AS v FROM mixed ORDER BY id',
        [],
        ['1.5', 'abc', '-.5', '-.5'],
      ],
      [
        "SELECT CASE WHEN id = 1 THEN 'a' ELSE 2 END AS v FROM mixed ORDER BY id",
        [],
        ['a', '2', '2', '2'],
      ],
      [
        'SELECT CASE WHEN id = ? THEN c ELSE ? END AS v FROM mixed ORDER BY id',
        [2, 7],
        ['7', 'abc', '7', '7'],
      ],
      [
        'SELECT c AS v FROM mixed WHERE id = 2 UNION SELECT id FROM mixed WHERE id = 1 UNION SELECT n FROM mixed WHERE id = 3 ORDER BY 1',
        [],
        ['1', '1.5', 'abc'],
      ],
      ['SELECT e AS v FROM mixed INTERSECT SELECT id FROM mixed', [], ['1']],
      [
        'SELECT CASE WHEN id = 1 THEN c ELSE n END AS v FROM mixed WHERE id < 3 UNION ALL SELECT id FROM mixed WHERE id = 4 ORDER BY 1',
        [],
        ['1 ', '2', '4'],
      ],
      ["SELECT id AS v FROM mixed WHERE id = 1 UNION SELECT '01' ORDER BY 1", [], ['01', '1']],
      ["SELECT id AS v FROM mixed WHERE id = 1 UNION SELECT 'x' ORDER BY 1", [], ['1', 'x']],
      // IFNULL(a, b [, c]) never returns a; a literal or NULL it returns makes it VARCHAR.
      ['SELECT IFNULL(n, 5) AS v FROM mixed ORDER BY id', [], [null, null, null, '5']],
      ["SELECT IFNULL(n, 'none', id) AS v FROM mixed ORDER BY id", [], ['1', '2', '3', 'none']],
      ['SELECT IFNULL(?, -1.50) AS v FROM mixed WHERE id = 1', [null], ['-1.5']],
      // NVL and ISNULL convert a number replacing a string to VARCHAR, in canonical form.
      [
        'SELECT NVL(CASE WHEN id > 2 THEN c END, n) AS v FROM mixed ORDER BY id',
        [],
        ['1.5', '2', '1.5', '10'],
      ],
      ['SELECT ISNULL(NULLIF(c, c), -0.50) AS v FROM mixed WHERE id = 1', [], ['-.5']],
      [
        'SELECT NVL(CASE WHEN id > 2 THEN e END, id) AS v FROM mixed ORDER BY id',
        [],
        ['1', '2', '.5', '10'],
      ],
    ])('gives VARCHAR to %s', async (sql, params, expected) => {
      // VARCHAR's OID; iris-pgwire's embedded backend describes a string as text
      // (docs/iris-sql.md#result-types).
      const varchar = profile === 'pgwire-1.0-embedded' ? 25 : 1043
      // Twice: the second run starts from the statement the engine rewrote (plan cache).
      for (const _run of [1, 2]) {
        const result = await client.query({ text: sql, values: params, rowMode: 'array' })
        expect(result.rows.map(([v]) => v)).toEqual(expected)
        expect(result.fields.map((field) => field.dataTypeID)).toEqual([varchar])
      }
    })

    it('hands a number to a string function in canonical form, keeping its numeric arguments', async () => {
      const result = await client.query({
        text: "SELECT LEFT(12.50, 3), RIGHT(n, 2), LTRIM(-0.50), RTRIM(id), TRIM(n), TRIM(LEADING 1 FROM n), REPLACE(12.3, '.', '_'), REPLACE(c, 1, 'one'), REPEAT(id, 3), REPLICATE(n, 2), INSTR(n, 5), POSITION(5 IN n), CHAR_LENGTH(n), CHARACTER_LENGTH(-0.5), ASCII(n), CHARINDEX(5, n), STUFF(n, 1, 1, 9), LPAD(id, 3, 0), RPAD(n, 4, 0), LEN(n), SUBSTRING(n, 2, 2), SUBSTR(007.10, 2), REVERSE(n), %SQLUPPER(n) FROM mixed WHERE id = 1",
        rowMode: 'array',
      })
      expect(result.rows[0]).toEqual([
        '12.',
        '.5',
        '-.5',
        '1',
        '1.5',
        '.5',
        '12_3',
        'one ',
        '111',
        '1.51.5',
        3,
        3,
        3,
        3,
        49,
        3,
        '9.5',
        '001',
        '1.50',
        3,
        '.5',
        '.1',
        '5.1',
        ' 1.5',
      ])
      // Over strings, literals and parameters the functions over text run, as before.
      const strings = await client.query({
        text: "SELECT LEFT(c, 1) AS l, LEFT(?, 2) AS p, TRIM(' x ') AS t, REPLACE(c, 'b', ?) AS r FROM mixed WHERE id = 2",
        values: ['xyz', 'B'],
      })
      expect(strings.rows).toEqual([{ l: 'a', p: 'xy', t: 'x', r: 'aBc' }])
    })

    it('types NVL and ISNULL as their checked expression, a numeric string literal replacing a number as that number', async () => {
      const result = await client.query({
        text: "SELECT NVL(n, '0') AS a, ISNULL(CASE WHEN id = 1 THEN id END, '-2') AS b, NVL(c, 'none') AS c FROM mixed WHERE id = 4",
        rowMode: 'array',
      })
      expect(result.rows).toEqual([[expect.anything(), -2, '10']])
      expect(Number(result.rows[0]?.[0])).toBe(0)
    })

    it('labels NVL, ISNULL and IFNULL without alias with their names, as other calls', async () => {
      const result = await client.query(
        'SELECT NVL(c, id), ISNULL(id, 2), IFNULL(c, 1), IFNULL(c, 1, 2) FROM mixed WHERE id = 1',
      )
      expect(result.fields.map((field) => field.name)).toEqual([
        'nvl',
        'isnull',
        'ifnull',
        'ifnull',
      ])
    })

    it('returns a number literal from UPPER and LOWER, and compares their string result EXACT', async () => {
      const { rows } = await client.query('SELECT UPPER(7) AS u, LOWER(1.50) AS l, UCASE(-2) AS c')
      expect(rows.map((row) => [row.u, Number(row.l), row.c])).toEqual([[7, 1.5, -2]])
      expect(ids(await client.query("SELECT id FROM mixed WHERE UPPER(c) = 'ABC'"))).toEqual([2])
      expect(ids(await client.query("SELECT id FROM mixed WHERE UPPER(c) = 'abc'"))).toEqual([])
    })

    it.each([
      ['SELECT COALESCE(c, id) FROM mixed', -378],
      ['SELECT {fn IFNULL(c, id)} FROM mixed', -378],
      ['SELECT NVL(id, c) FROM mixed', -378], // how IRIS makes a string a number there is undocumented
      ["SELECT ISNULL(n, 'x') FROM mixed", -104],
      ["SELECT NVL(c, CAST('2024-01-02' AS DATE)) FROM mixed", -378],
      ["SELECT CASE WHEN id = 1 THEN c ELSE CAST('2024-01-02' AS DATE) END FROM mixed", -1],
      [
        "SELECT CASE WHEN id = 1 THEN c WHEN id = 2 THEN id ELSE CAST('2024-01-02' AS DATE) END FROM mixed",
        -1,
      ], // the string a date becomes is undocumented on IRIS
      ["SELECT STRING(c, CAST('2024-01-02' AS DATE)) FROM mixed", -1],
      ["SELECT id FROM mixed WHERE id = 'abc'", -104], // undocumented on IRIS
    ])(
      'refuses what mixes a string and a number where IRIS is not followed: %s',
      async (sql, sqlcode) => {
        const error = await failure(client, sql)
        expect([sqlcodeOf(error), error.message]).toEqual([
          sqlcode,
          expect.stringContaining('CAST the'),
        ])
      },
    )
  })

  it('finds with CHARINDEX, replaces with STUFF, pads with LPAD, RPAD and SPACE, joins with STRING, refusing what is not documented (docs/iris-sql.md#string-functions)', async () => {
    const result = await client.query(
      "SELECT CHARINDEX('o', name) AS c, CHARINDEX('o', name, ?) AS c3, CHARINDEX(NULL, name) AS cn, STUFF(name, 2, 9, 'ee') AS s, STUFF(name, 0, 0, '>') AS s0, LPAD(name, 5, '*') AS p, LPAD(team, 6) AS pt, RPAD(name, 7, '-=') AS r, RPAD(name, 2) AS r2, DAY({fn TIMESTAMPADD(SQL_TSI_MONTH, 1, ?)}) AS feb, '>' || SPACE(2.7) || '<' AS sp, STRING(name, NULL, '', ' ', team) AS st, STRING(NULL, NULL) AS stn FROM person WHERE id = 3",
      [3, '2024-01-31 10:00:00'],
    )
    expect(result.rows[0]).toEqual({
      c: 2,
      c3: 0,
      cn: null,
      s: 'Bee',
      s0: '>Bob',
      p: '**Bob',
      pt: '   RED',
      r: 'Bob-=-=',
      r2: 'Bo',
      feb: 29, // {fn TIMESTAMPADD} keeps a valid date, as DATEADD (docs/iris-sql.md#date-parts)
      sp: '>  <',
      st: 'Bob RED',
      stn: null,
    })
    for (const sql of [
      "SELECT CHARINDEX('', name) FROM person", // empty substring
      "SELECT STUFF(name, 9, 1, 'x') FROM person", // start past the end
      'SELECT LPAD(name, 2) FROM person', // truncation: which end is cut
      "SELECT LPAD(name, 6, 'ab') FROM person WHERE id = 1", // pad string cut to fit
      'SELECT RPAD(name, -1) FROM person', // a negative length
    ]) {
      expect(sqlcodeOf(await failure(client, sql))).toBe(-359)
    }
  })

  it('takes GREATEST and LEAST of numbers, NULL when any is NULL, refusing strings (docs/iris-sql.md#functions)', async () => {
    const result = await client.query(
      'SELECT GREATEST(id, 2) AS g, LEAST(id, 2.5, ?) AS l, GREATEST(id, NULL) AS gn, LEAST(id) AS one FROM person WHERE id = 3',
      [7],
    )
    const row = result.rows[0]
    expect([row.g, Number(row.l), row.gn, row.one]).toEqual([3, 2.5, null, 3])
    const strings = await failure(client, 'SELECT GREATEST(name, team) FROM person')
    expect([sqlcodeOf(strings), strings.message]).toEqual([
      -359,
      expect.stringContaining('GREATEST of strings, dates or times is IRIS SQL'),
    ])
  })

  it('lists with LIST: NULLs left out, empty strings kept; refuses the forms it does not model (docs/iris-sql.md#functions)', async () => {
    const result = await client.query(
      "SELECT LIST(CASE WHEN id = 1 THEN '' WHEN id = 2 THEN NULL ELSE name END) AS names, LIST(id) AS ids FROM person",
    )
    const { names, ids: listedIds } = result.rows[0]
    expect(String(names).split(',').sort()).toEqual(['', 'Bob', 'Carol'])
    expect(String(listedIds).split(',').map(Number).sort()).toEqual([1, 2, 3, 4])
    for (const sql of [
      'SELECT LIST(name) FROM person WHERE id > 9', // over no value: undocumented
      'SELECT LIST(DISTINCT name) FROM person', // compared under the collation
      'SELECT LIST(CAST(id AS NUMERIC(5,2))) FROM person', // canonical decimals
    ]) {
      expect(sqlcodeOf(await failure(client, sql))).toBe(-359)
    }
  })

  it("returns one part of a date with YEAR, MONTH, DAYOFWEEK, WEEK, SECOND, DAYNAME and the like, and the month's end with LAST_DAY (docs/iris-sql.md#date-functions)", async () => {
    const result = await client.query(
      'SELECT YEAR(?) AS y, QUARTER(?) AS q, MONTH(?) AS m, DAY(?) AS d, DAYOFWEEK(?) AS dw, DAYOFYEAR(?) AS dy, HOUR(?) AS h, MINUTE(?) AS mi, SECOND(?) AS s, WEEK(?) AS w, DAYNAME(?) AS dn, MONTHNAME(?) AS mn, DAY(LAST_DAY(?)) AS ld',
      Array(13).fill('2018-02-25 10:11:12.50'), // a Sunday
    )
    const { dn, mn, ...numbers } = result.rows[0]
    expect(Object.values(numbers).map(Number)).toEqual([2018, 1, 2, 25, 1, 56, 10, 11, 12.5, 9, 28])
    expect([dn, mn]).toEqual(['Sunday', 'February'])
  })

  it('divides as decimals with /, as integers with \\, takes # as modulo, and refuses % (docs/iris-sql.md#operators)', async () => {
    const result = await client.query(
      'SELECT 7/2 AS half, 6/3 AS whole, 1 + 7 \\ 2 AS q, 7 # 2 AS m, 1 + 7 # 2 AS p, -7 # 2 AS n, MOD(-7, 2) AS f FROM person WHERE id = 1',
    )
    // Numbers as text on profile iris, as numbers behind iris-pgwire (docs/iris-sql.md#result-types).
    const numbers = Object.fromEntries(
      Object.entries(result.rows[0]).map(([key, value]) => [key, Number(value)]),
    )
    expect(numbers).toEqual({ half: 3.5, whole: 2, q: 4, m: 1, p: 2, n: -1, f: -1 })
    expect(sqlcodeOf(await failure(client, 'SELECT 7 % 2'))).toBe(-1)
  })

  it('sorts NULL lowest: first in ascending order, last in descending order (docs/iris-sql.md#collation)', async () => {
    await client.query('CREATE TABLE ranked (id INTEGER PRIMARY KEY, score INTEGER)')
    await client.query('INSERT INTO ranked (id, score) VALUES (1, 5), (2, NULL), (3, 1)')
    expect(ids(await client.query('SELECT id FROM ranked ORDER BY score'))).toEqual([2, 3, 1])
    expect(ids(await client.query('SELECT id FROM ranked ORDER BY score DESC'))).toEqual([1, 3, 2])
    expect(
      sqlcodeOf(await failure(client, 'SELECT id FROM ranked ORDER BY score NULLS LAST')),
    ).toBe(-1)
  })

  it('turns the simple :: casts pgwire rewrites into CAST and strips a trailing ;', async () => {
    const result = await client.query('SELECT ?::int + 1 AS n, ?::text AS t;', ['41', 'x'])
    expect(result.rows.map((row) => [Number(row.n), row.t])).toEqual([[42, 'x']])
  })

  it('never rewrites inside a string literal or a quoted identifier (profile iris); iris-pgwire does (docs/iris-sql.md#placeholders)', async () => {
    const sql = `SELECT 'TOP 5 -- $1 ; LIMIT 1' AS "select TOP 1", ? AS p`
    if (profile === 'iris') {
      const result = await client.query(sql, ['v'])
      expect(result.rows).toEqual([{ 'select TOP 1': 'TOP 5 -- $1 ; LIMIT 1', p: 'v' }])
    } else {
      // iris-pgwire turns the `$1` inside the literal into a marker: an inlined value is corrupted.
      // Without FROM it labels the quoted alias ?column?; the embedded backend, whose alias parser
      // stops at the LIMIT inside the literal, labels both (docs/iris-sql.md#iris-pgwire-result-quirks).
      const result = await client.query({ text: sql, values: ['v'], rowMode: 'array' })
      expect(result.rows).toEqual([['TOP 5 -- ? ; LIMIT 1', 'v']])
      expect(result.fields.map((field) => field.name)).toEqual(
        profile === 'pgwire-1.0-dbapi' ? ['?column?', 'p'] : ['?column?', '?column?'],
      )
    }
  })

  // Behind iris-pgwire a statement that starts with WITH is described with NoData: its rows are
  // dropped or unreadable (pgwire-dbapi.test.ts, pgwire-embedded.test.ts).
  if (profile === 'iris')
    it('runs CTEs and window functions (docs/iris-sql.md#ctes-window-functions-and-locking-reads)', async () => {
      const result = await client.query(
        'WITH t AS (SELECT id FROM person WHERE id < ?) SELECT id, ROW_NUMBER() OVER (ORDER BY id DESC) AS rn FROM t ORDER BY id',
        [3],
      )
      expect(result.rows.map((row) => Number(row.rn))).toEqual([2, 1])
    })

  // iris-pgwire rewrites %SQLUPPER(x) to UPPER(x) before IRIS sees it (docs/iris-sql.md#text-rewrites),
  // so IRIS's own collation functions are tested where nothing stands in front of it.
  if (profile === 'iris')
    describe('collation functions and keywords (docs/iris-sql.md#collation)', () => {
      const one = async (sql: string, params: unknown[] = []) =>
        Object.values((await client.query(sql, params)).rows[0] ?? {})[0]
      beforeAll(async () => {
        await client.query('CREATE TABLE word (id INTEGER PRIMARY KEY, w VARCHAR(20))')
        await client.query('INSERT INTO word (id, w) VALUES (?, ?), (?, ?)', [
          ...[1, 'Abc d \t '],
          ...[2, 'abc'],
        ])
      })

      it('%SQLUPPER upper-cases, strips trailing whitespace and prefixes a space', async () => {
        expect(await one('SELECT %SQLUPPER(w) FROM word WHERE id = ?', [1])).toBe(' ABC D')
        expect(await one('SELECT %SQLUPPER(?) AS u', ['x y  '])).toBe(' X Y')
        expect(await one('SELECT %SQLUPPER(?) AS u', [null])).toBe(' ')
      })

      it('%SQLSTRING strips trailing whitespace and prefixes a space, keeping case', async () => {
        expect(await one('SELECT %SQLSTRING(w) FROM word WHERE id = ?', [1])).toBe(' Abc d')
        expect(await one('SELECT %SQLSTRING(?) AS s', [null])).toBe(' ')
      })

      it('refuses the collated form of an empty or all-blank string, which holds $CHAR(0)', async () => {
        for (const value of ['', ' \t ']) {
          const error = await failure(client, 'SELECT %SQLUPPER(?) AS u', [value])
          expect(sqlcodeOf(error)).toBe(-400)
          expect(error.message).toContain('LENGTH(x) = 0')
        }
      })

      it('%EXACT returns the value as stored and compares it exactly', async () => {
        expect(await one('SELECT %EXACT(w) FROM word WHERE id = ?', [1])).toBe('Abc d \t ')
        const exact = await client.query('SELECT id FROM word WHERE %EXACT(w) = ?', ['abc'])
        expect(ids(exact)).toEqual([2])
      })

      it('refuses the deprecated %STRING, whose punctuation stripping it does not model', async () => {
        expect(sqlcodeOf(await failure(client, 'SELECT %STRING(w) FROM word'))).toBe(-359)
      })

      it('compares a COLLATE %SQLSTRING column case-sensitively', async () => {
        await client.query('CREATE TABLE code (c VARCHAR(5) COLLATE %SQLSTRING UNIQUE)')
        await client.query('INSERT INTO code (c) VALUES (?), (?)', ['ab', 'AB'])
        const rows = await client.query('SELECT c FROM code WHERE c = ?', ['ab'])
        expect(rows.rows.map((row) => row.c)).toEqual(['ab'])
      })
    })
})

describe('irisVersion below 2025.1 (docs/iris-sql.md#simulator-profiles)', () => {
  it('rejects LIMIT / OFFSET but takes TOP', async () => {
    const sim = await startTestSim({ irisVersion: '2024.3' })
    try {
      const client = await sim.client()
      const error = await failure(client, 'SELECT 1 AS one LIMIT ?', [1])
      expect(error.code).toBe('42000')
      expect(sqlcodeOf(error)).toBeLessThan(0)
      expect((await client.query('SELECT TOP 1 1 AS one')).rows).toHaveLength(1)
    } finally {
      await sim.close()
    }
  })
})
