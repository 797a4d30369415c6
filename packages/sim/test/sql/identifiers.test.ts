/**
 * Identifiers as IRIS compares and shows them (docs/iris-sql.md#identifiers): case-insensitive,
 * quoted ones included, in every direction; a second object whose name differs only in case is a
 * duplicate; the catalog shows each name with the case it was created with, and a plain column is
 * labelled so too (docs/iris-sql.md#labels-and-row-counts). Behind iris-pgwire (its profiles) the
 * names are created as iris-pgwire rewrites their case, so the catalog shows those names.
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { describeEachProfile, failure, sqlcodeOf } from './profiles.js'

/** The first value of each row, whatever its label's case (iris-pgwire lower-cases labels). */
const firstValues = (result: pg.QueryResult) => result.rows.map((row) => Object.values(row)[0])

describeEachProfile('identifiers', {}, ({ profile, sim }) => {
  let client: pg.Client
  /**
   * The names the catalog shows: as created, which behind iris-pgwire means as it rewrote them
   * (unquoted words and a CREATE TABLE name upper-cased, its first column definitions lower-cased,
   * docs/iris-sql.md#identifiers), and its schema `public` for SQLUser.
   */
  const asCreated = <T>(onIris: T, behindPgwire: T): T =>
    profile === 'iris' ? onIris : behindPgwire
  beforeAll(async () => {
    client = await sim().client()
    await client.query('CREATE TABLE MyTable (MyCol INTEGER, "Quoted Col" VARCHAR(10))')
    await client.query('CREATE TABLE "Foo" (id INTEGER, "Name" VARCHAR(10))')
    await client.query('CREATE TABLE "MySchema"."Bar" (Id INTEGER PRIMARY KEY)')
    await client.query('INSERT INTO MyTable (MyCol, "Quoted Col") VALUES (?, ?)', [1, 'a'])
    await client.query('INSERT INTO "Foo" (id, "Name") VALUES (?, ?)', [7, 'seven'])
  })

  it('finds a table and its columns in any case, quoted or not', async () => {
    for (const sql of [
      'SELECT mycol FROM mytable',
      'SELECT MYCOL FROM MYTABLE',
      'SELECT "mycol" FROM "MYTABLE"',
      'SELECT "MyCol" FROM "mytable" WHERE "QUOTED COL" = \'a\'',
      'SELECT t.MYCOL FROM "MyTable" t',
      'SELECT "T"."mycol" FROM sqluser.MyTable AS t',
    ]) {
      expect(firstValues(await client.query(sql)), sql).toEqual([1])
    }
    for (const sql of [
      'SELECT id FROM "FOO"',
      'SELECT "ID" FROM foo WHERE name = \'seven\'',
      'SELECT Id FROM "foo" WHERE "NAME" = \'seven\'',
      'SELECT COUNT(*) FROM myschema.bar',
      'SELECT COUNT(*) FROM "MYSCHEMA"."BAR"',
    ]) {
      expect(firstValues(await client.query(sql)), sql).toHaveLength(1)
    }
  })

  it('writes through any case: INSERT, UPDATE, DELETE, INSERT OR UPDATE', async () => {
    await client.query('INSERT INTO "FOO" ("ID", "NAME") VALUES (?, ?)', [8, 'eight'])
    await client.query('UPDATE foo SET NAME = ? WHERE "Id" = ?', ['acht', 8])
    await client.query('INSERT OR UPDATE INTO "myschema"."BAR" ("ID") VALUES (?)', [1])
    await client.query('INSERT OR UPDATE INTO MySchema.Bar (id) VALUES (?)', [1])
    expect(
      firstValues(await client.query('SELECT COUNT(*) FROM "MySchema"."Bar"')).map(Number),
    ).toEqual([1])
    expect(firstValues(await client.query('SELECT "name" FROM "Foo" WHERE id = ?', [8]))).toEqual([
      'acht',
    ])
    await client.query('DELETE FROM "fOO" WHERE ID = ?', [8])
    expect(firstValues(await client.query('SELECT COUNT(*) FROM Foo')).map(Number)).toEqual([1])
  })

  it('refuses a table, view or column whose name differs only in case (SQLCODE -201 / -306)', async () => {
    expect(sqlcodeOf(await failure(client, 'CREATE TABLE "foo" (x INTEGER)'))).toBe(-201)
    expect(sqlcodeOf(await failure(client, 'CREATE TABLE FOO (x INTEGER)'))).toBe(-201)
    expect(sqlcodeOf(await failure(client, 'CREATE VIEW "MYTABLE" AS SELECT 1 AS x'))).toBe(-201)
    expect(sqlcodeOf(await failure(client, 'CREATE TABLE dup (A INTEGER, "a" INTEGER)'))).toBe(-306)
    expect(sqlcodeOf(await failure(client, 'ALTER TABLE "Foo" ADD COLUMN "ID" INTEGER'))).toBe(-306)
    // CREATE TABLE IF NOT EXISTS in another case is the same table: a no-op that keeps its name.
    await client.query('CREATE TABLE IF NOT EXISTS "FOO" (other INTEGER)')
    const tables = await client.query(
      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'foo'",
    )
    expect(firstValues(tables)).toEqual(asCreated(['Foo'], ['FOO']))
  })

  it('shows tables, columns and schemas in INFORMATION_SCHEMA as created', async () => {
    const tables = await client.query(
      "SELECT TABLE_SCHEMA, TABLE_NAME, CLASSNAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN ('mytable', 'FOO', 'bar') ORDER BY TABLE_NAME",
    )
    expect(tables.rows.map((row) => Object.values(row))).toEqual(
      asCreated(
        [
          ['MySchema', 'Bar', 'MySchema.Bar'],
          ['SQLUser', 'Foo', 'User.Foo'],
          ['SQLUser', 'MyTable', 'User.MyTable'],
        ],
        [
          ['MYSCHEMA', 'BAR', 'MYSCHEMA.BAR'],
          ['public', 'FOO', 'User.FOO'],
          ['public', 'MYTABLE', 'User.MYTABLE'],
        ],
      ),
    )
    const columns = await client.query(
      'SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      ['MYTABLE'],
    )
    expect(firstValues(columns)).toEqual(
      asCreated(['MyCol', 'Quoted Col'], ['mycol', 'Quoted Col']),
    )
    const schemata = await client.query(
      "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = 'myschema'",
    )
    expect(firstValues(schemata)).toEqual(asCreated(['MySchema'], ['MYSCHEMA']))
  })

  it('shows index and constraint names as created, and keys by the columns as created', async () => {
    await client.query(
      'CREATE TABLE Keyed (Code VARCHAR(5), Ref INTEGER, CONSTRAINT "MyUnique" UNIQUE (Code), CONSTRAINT MyFk FOREIGN KEY (Ref) REFERENCES "MySchema"."Bar" (ID))',
    )
    await client.query('CREATE INDEX "RefIndex" ON keyed (REF)')
    const constraints = await client.query(
      "SELECT CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE WHERE TABLE_NAME = 'KEYED' ORDER BY CONSTRAINT_NAME",
    )
    expect(constraints.rows.map((row) => Object.values(row))).toEqual(
      asCreated(
        [
          ['MyFk', 'Ref', 'Id'],
          ['MyUnique', 'Code', null],
        ],
        [
          ['MYFK', 'REF', 'id'],
          ['MyUnique', 'code', null],
        ],
      ),
    )
    const indexes = await client.query(
      "SELECT INDEX_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'keyed' AND INDEX_NAME = 'REFINDEX'",
    )
    expect(indexes.rows.map((row) => Object.values(row))).toEqual([
      ['RefIndex', asCreated('Ref', 'REF')],
    ])
    await client.query('DROP INDEX refindex ON Keyed')
    await client.query('ALTER TABLE keyed DROP CONSTRAINT "MYUNIQUE"')
  })

  it('follows renames and forgets the names of dropped objects', async () => {
    await client.query('CREATE TABLE Renamed (OldName INTEGER)')
    await client.query('ALTER TABLE RENAMED ALTER COLUMN oldname RENAME "NewName"')
    const columns = await client.query(
      "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'renamed'",
    )
    expect(firstValues(columns)).toEqual(['NewName'])
    await client.query('DROP TABLE "RENAMED"')
    await client.query('CREATE TABLE RENAMED (newname INTEGER)')
    const again = await client.query(
      "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'renamed'",
    )
    expect(again.rows.map((row) => Object.values(row))).toEqual([['RENAMED', 'newname']])
  })

  // Registered where labels come from the engine: the embedded backend labels a result from the
  // statement's text instead (docs/iris-sql.md#iris-pgwire-result-quirks), which
  // pgwire-embedded.test.ts and pgwire/profiles-agree.test.ts check against the real iris-pgwire.
  const labelsFromEngine = profile !== 'pgwire-1.0-embedded'
  if (labelsFromEngine)
    it('labels a plain column as created, an alias as written, a %VID as written (iris-pgwire then lower-cases them)', async () => {
      const labels = async (sql: string, params: unknown[] = []) =>
        (await client.query(sql, params)).fields.map((field) => field.name)
      const shown = (expected: string[]) =>
        profile === 'iris' ? expected : expected.map((label) => label.toLowerCase())
      expect(await labels('SELECT mycol, "QUOTED COL" FROM mytable')).toEqual(
        shown(['MyCol', 'Quoted Col']),
      )
      expect(await labels('SELECT * FROM foo')).toEqual(shown(['id', 'Name']))
      expect(await labels('SELECT f.*, 1 AS One, f.NAME AS "lower" FROM foo f')).toEqual(
        shown(['id', 'Name', 'One', 'lower']),
      )
      expect(
        await labels('SELECT MyCol AS MYCOL, COUNT(*) AS "N" FROM MyTable GROUP BY mycol'),
      ).toEqual(shown(['MYCOL', 'N']))
      expect(
        await labels('SELECT TOP 1 mycol AS "Top" FROM mytable UNION SELECT 2 AS x ORDER BY 1'),
      ).toEqual(shown(['Top']))
      expect(
        await labels(
          'SELECT Id, %VID FROM (SELECT TOP ALL id FROM foo ORDER BY id) WHERE %VID > 0',
        ),
      ).toEqual(shown(['id', '%VID']))
      // A derived table's or CTE's column: its alias as written, or the table column as created.
      expect(await labels('SELECT * FROM (SELECT id AS "personId", "NAME" FROM foo) s')).toEqual(
        shown(['personId', 'Name']),
      )
      expect(
        await labels(
          'WITH c AS (SELECT MyCol AS "Renamed", 1 AS One FROM MyTable) SELECT c.* FROM c',
        ),
      ).toEqual(shown(['Renamed', 'One']))
      expect(await labels('SELECT s.PERSONID FROM (SELECT id AS "personId" FROM foo) s')).toEqual(
        shown(['personId']),
      )
      // Through the extended protocol (a parameter): the same labels.
      expect(await labels('SELECT "NAME" FROM foo WHERE id = ?', [7])).toEqual(shown(['Name']))
    })

  it('reads a view and its columns in any case, showing them as created', async () => {
    await client.query('CREATE VIEW "MyView" AS SELECT MyCol AS "ViewCol" FROM MyTable')
    expect(firstValues(await client.query('SELECT viewcol FROM MYVIEW'))).toEqual([1])
    const columns = await client.query(
      "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'myview'",
    )
    expect(columns.rows.map((row) => Object.values(row))).toEqual([['MyView', 'ViewCol']])
    const result = await client.query('SELECT viewcol FROM myview')
    expect(result.fields.map((field) => field.name)).toEqual([
      profile === 'iris' ? 'ViewCol' : 'viewcol',
    ])
  })

  it('reads names with letters PostgreSQL would not fold, in any case', async () => {
    await client.query('CREATE TABLE Übung (Größe INTEGER)')
    await client.query('INSERT INTO übung (GRÖßE) VALUES (?)', [2])
    expect(firstValues(await client.query('SELECT "größe" FROM "ÜBUNG"'))).toEqual([2])
    const columns = await client.query(
      "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'übung'",
    )
    expect(firstValues(columns)).toEqual(['Größe'])
  })
})

describe('identifiers [profile pgwire-1.0-dbapi]: iris-pgwire rewrites their case (docs/iris-sql.md#identifiers)', () => {
  let sim: TestSim
  beforeAll(async () => {
    sim = await startTestSim({ profile: 'pgwire-1.0-dbapi' })
  })
  afterAll(() => sim.close())

  it('creates a quoted lower-case table upper-cased, and still finds it by its name as written', async () => {
    const client = await sim.client()
    await client.query(
      'CREATE TABLE "kysely_migration" (Name VARCHAR(255) NOT NULL PRIMARY KEY, Timestamp VARCHAR(255))',
    )
    await client.query('INSERT INTO "kysely_migration" ("name", "timestamp") VALUES ($1, $2)', [
      'm1',
      't1',
    ])
    const found = await client.query('SELECT "name" FROM "kysely_migration"')
    expect(found.rows).toEqual([{ name: 'm1' }])
    const columns = await client.query(
      'SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = $1 ORDER BY ORDINAL_POSITION',
      ['kysely_migration'],
    )
    // Column definitions up to the first `)` are lower-cased, the rest upper-cased.
    expect(columns.rows.map((row) => Object.values(row))).toEqual([
      ['KYSELY_MIGRATION', 'name'],
      ['KYSELY_MIGRATION', 'TIMESTAMP'],
    ])
  })
})
