/**
 * IRIS's catalog (docs/iris-sql.md#information_schema,
 * docs/iris-sql.md#vector-columns-in-the-catalog): INFORMATION_SCHEMA views and the class
 * dictionary, with IRIS's column names and values, read through `pg` like the dialect's
 * introspector does.
 */
import type pg from 'pg'
import { beforeAll, expect, it } from 'vitest'
import { describeEachProfile, failure, sqlcodeOf } from './profiles.js'

/** Row values with lower-cased keys: iris-pgwire lower-cases labels (docs/iris-sql.md#iris-pgwire-result-quirks). */
function lowerKeys(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key.toLowerCase(), value])),
  )
}

describeEachProfile('catalog', {}, ({ profile, sim }) => {
  // Behind iris-pgwire, SQLUser reads as public in a table_schema or schema_name column
  // (docs/iris-sql.md#the-public-schema).
  const defaultSchema = profile === 'iris' ? 'SQLUser' : 'public'
  let client: pg.Client
  const rows = async (sql: string, params: unknown[] = []) =>
    lowerKeys((await client.query(sql, params)).rows)

  beforeAll(async () => {
    client = await sim().client()
    await client.query(`CREATE TABLE Author (
      id INTEGER IDENTITY PRIMARY KEY, email VARCHAR(80) NOT NULL UNIQUE %DESCRIPTION 'where to write',
      active BIT, embedding VECTOR(DOUBLE, 4)) %DESCRIPTION 'people who write'`)
    await client.query(
      `CREATE TABLE Book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES Author (id), title VARCHAR(200))`,
    )
    await client.query(`CREATE TABLE Lib.Shelf (id INTEGER PRIMARY KEY, v VECTOR(FLOAT, 3))`)
    await client.query(`CREATE INDEX shelf_v ON Lib.Shelf (v) AS HNSW(Distance='Cosine')`)
    await client.query('CREATE INDEX book_title ON Book (title)')
  })

  it('lists user tables with schema SQLUser, class names and descriptions, and no system schemas', async () => {
    const tables = await rows(
      'SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, CLASSNAME, DESCRIPTION FROM INFORMATION_SCHEMA.TABLES ORDER BY TABLE_SCHEMA, TABLE_NAME',
    )
    expect(tables).toEqual([
      {
        table_schema: expect.stringMatching(/^lib$/i),
        table_name: expect.stringMatching(/^shelf$/i),
        table_type: 'BASE TABLE',
        classname: expect.stringMatching(/^Lib\.shelf$/i),
        description: null,
      },
      {
        table_schema: defaultSchema,
        table_name: expect.stringMatching(/^author$/i),
        table_type: 'BASE TABLE',
        classname: expect.stringMatching(/^User\.author$/i),
        description: 'people who write',
      },
      {
        table_schema: defaultSchema,
        table_name: expect.stringMatching(/^book$/i),
        table_type: 'BASE TABLE',
        classname: expect.stringMatching(/^User\.book$/i),
        description: null,
      },
    ])
  })

  it('compares catalog names case-insensitively (docs/iris-sql.md#catalog-values)', async () => {
    const found = await rows(
      'SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
      ['sqluser', 'AUTHOR'],
    )
    expect(found).toHaveLength(1)
  })

  it('describes columns with IRIS data types and YES/NO flags', async () => {
    const columns = await rows(
      `SELECT COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH, AUTO_INCREMENT, IS_IDENTITY, PRIMARY_KEY, UNIQUE_COLUMN, DESCRIPTION
       FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      ['SQLUser', 'Author'],
    )
    expect(
      columns.map((column) => [
        String(column.column_name).toLowerCase(),
        Number(column.ordinal_position),
        column.data_type,
      ]),
    ).toEqual([
      ['id', 1, 'integer'],
      ['email', 2, 'varchar'],
      ['active', 3, 'bit'],
      ['embedding', 4, 'varchar'], // docs/iris-sql.md#vector-columns-in-the-catalog: VECTOR shows as varchar
    ])
    expect(columns[0]).toMatchObject({
      is_nullable: 'NO',
      auto_increment: 'YES',
      is_identity: 'YES',
      primary_key: 'YES',
      unique_column: 'YES',
    })
    expect(columns[1]).toMatchObject({
      is_nullable: 'NO',
      auto_increment: 'NO',
      primary_key: 'NO',
      unique_column: 'YES',
      description: 'where to write',
    })
    expect(Number(columns[1]?.character_maximum_length)).toBe(80)
    expect(columns[2]).toMatchObject({ is_nullable: 'YES', unique_column: 'NO' })
  })

  it("shows a column of another product's type name as the type IRIS maps it to (docs/iris-sql.md#column-types)", async () => {
    await client.query(
      'CREATE TABLE typenames (a CHAR VARYING(5), b NATIONAL CHARACTER(2), c BINARY VARYING(4), d CLOB, e DOUBLE PRECISION, f DATETIME2, g NUMBER(7,3))',
    )
    const columns = await rows(
      `SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE
       FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      ['typenames'],
    )
    expect(
      columns.map((column) => [
        column.data_type,
        column.character_maximum_length === null ? null : Number(column.character_maximum_length),
      ]),
    ).toEqual([
      ['varchar', 5],
      ['varchar', 2],
      ['varbinary', 4],
      ['longvarchar', null],
      ['double', null],
      ['timestamp', null],
      ['numeric', null],
    ])
    expect([Number(columns[6]?.numeric_precision), Number(columns[6]?.numeric_scale)]).toEqual([
      7, 3,
    ])
    const refused = await failure(client, 'CREATE TABLE typenames2 (a INTEGER(5))')
    expect(sqlcodeOf(refused)).toBe(-1)
    expect(refused.message).toContain('write INTEGER with no arguments')
    await client.query('DROP TABLE typenames')
  })

  it('stores NUMERIC, DECIMAL and DEC without a precision as IRIS does: 15 digits, fractions rounded away (docs/iris-sql.md#column-types)', async () => {
    await client.query('CREATE TABLE bare_numbers (a NUMERIC, b DECIMAL, c DEC, d NUMERIC(10,2))')
    await client.query('INSERT INTO bare_numbers (a, b, c, d) VALUES (?, ?, ?, ?)', [
      '1.5',
      '2.4',
      '-2.5',
      '1.005',
    ])
    // Behind iris-pgwire a NUMERIC column comes back as a number, from the bare simulator as text.
    const [stored] = await rows('SELECT a, b, c, d FROM bare_numbers')
    expect(Object.values(stored ?? {}).map(String)).toEqual(['2', '2', '-3', '1.01'])
    const columns = await rows(
      `SELECT NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS
       WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      ['bare_numbers'],
    )
    expect(
      columns.map((column) => [Number(column.numeric_precision), Number(column.numeric_scale)]),
    ).toEqual([
      [15, 0],
      [15, 0],
      [15, 0],
      [10, 2],
    ])
    const tooBig = await failure(client, 'INSERT INTO bare_numbers (a) VALUES (1000000000000000)')
    expect(sqlcodeOf(tooBig)).toBe(-104)
  })

  it('shows column defaults as written', async () => {
    await client.query(
      "CREATE TABLE defaults (id INTEGER IDENTITY, label VARCHAR(10) DEFAULT 'it''s', qty INTEGER DEFAULT 3)",
    )
    const columns = await rows(
      'SELECT COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      ['defaults'],
    )
    expect(columns.map((column) => column.column_default)).toEqual([null, "it's", '3'])
    await client.query('DROP TABLE defaults')
  })

  it('describes constraints, key columns and foreign keys', async () => {
    const constraints = await rows(
      'SELECT CONSTRAINT_TYPE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_NAME = ? ORDER BY CONSTRAINT_TYPE',
      ['Book'],
    )
    expect(constraints.map((row) => row.constraint_type)).toEqual(['FOREIGN KEY', 'PRIMARY KEY'])
    const keys = await rows(
      `SELECT COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE
       WHERE TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL`,
      ['book'],
    )
    expect(
      keys.map((row) => [
        String(row.column_name).toLowerCase(),
        String(row.referenced_table_name).toLowerCase(),
        String(row.referenced_column_name).toLowerCase(),
      ]),
    ).toEqual([['author_id', 'author', 'id']])
    const references = await rows(
      'SELECT UPDATE_RULE, DELETE_RULE, REFERENCED_TABLE_NAME FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS WHERE TABLE_NAME = ?',
      ['Book'],
    )
    expect(references).toHaveLength(1)
    expect(references[0]).toMatchObject({ update_rule: 'NO ACTION', delete_rule: 'NO ACTION' })
  })

  it('lists indexes, HNSW ones included', async () => {
    const indexes = await rows(
      'SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, INDEX_TYPE FROM INFORMATION_SCHEMA.INDEXES ORDER BY INDEX_NAME',
    )
    const named = indexes.map((row) => [
      String(row.index_name).toLowerCase(),
      String(row.column_name).toLowerCase(),
      row.index_type,
    ])
    expect(named).toContainEqual(['book_title', 'title', 'index'])
    expect(named).toContainEqual(['shelf_v', 'v', 'HNSW'])
  })

  it('lists schemas, without system ones', async () => {
    const schemas = await rows(
      'SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY SCHEMA_NAME',
    )
    expect(schemas.map((row) => String(row.schema_name).toLowerCase())).toEqual([
      'lib',
      defaultSchema.toLowerCase(),
    ])
    expect(schemas[1]?.schema_name).toBe(defaultSchema)
    // docs/iris-sql.md#schemas: a schema without a table is not listed yet.
    const listed = async () =>
      (await rows('SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA')).map((row) =>
        String(row.schema_name).toLowerCase(),
      )
    await rows('CREATE SCHEMA Bare')
    expect(await listed()).not.toContain('bare')
    await rows('CREATE TABLE Bare.Shelf (id INTEGER)')
    expect(await listed()).toContain('bare')
    await rows('DROP SCHEMA Bare CASCADE')
  })

  it('shows SQLUser as public behind iris-pgwire in a column labelled nspname, table_schema or schema_name, not under another label', async () => {
    const [labelled] = await rows(
      `SELECT TABLE_SCHEMA AS nspname, TABLE_SCHEMA AS schema_name, TABLE_SCHEMA AS other
       FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?`,
      ['Book'],
    )
    expect(labelled).toEqual({
      nspname: defaultSchema,
      schema_name: defaultSchema,
      other: 'SQLUser',
    })
  })

  it('projects vector element type and length through %Dictionary (docs/iris-sql.md#vector-columns-in-the-catalog)', async () => {
    const [table] = await rows(
      'SELECT CLASSNAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?',
      ['Author'],
    )
    const properties = await rows(
      'SELECT ID, Name, SqlFieldName, Type FROM "%Dictionary".CompiledProperty WHERE parent = ? ORDER BY Name',
      [table?.classname],
    )
    const byName = Object.fromEntries(
      properties.map((row) => [String(row.name).toLowerCase(), row]),
    )
    expect(byName.embedding).toMatchObject({ type: '%Library.Vector' })
    expect(byName.id).toMatchObject({ type: '%Library.Integer' })
    const parameters = await rows(
      'SELECT element_key, Parameters FROM "%Dictionary".CompiledProperty_Parameters WHERE CompiledProperty = ? ORDER BY element_key',
      [byName.embedding?.id],
    )
    expect(parameters).toEqual([
      { element_key: 'DATATYPE', parameters: 'DOUBLE' },
      { element_key: 'LEN', parameters: expect.stringMatching(/^4$/) },
    ])
  })

  it('shows views in TABLES and VIEWS', async () => {
    await client.query(
      'CREATE VIEW active_authors AS SELECT id, email FROM Author WHERE active = 1',
    )
    const views = await rows('SELECT TABLE_NAME, IS_UPDATABLE FROM INFORMATION_SCHEMA.VIEWS')
    expect(views.map((row) => String(row.table_name).toLowerCase())).toEqual(['active_authors'])
    const tables = await rows(
      'SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?',
      ['active_authors'],
    )
    expect(tables).toEqual([{ table_type: 'VIEW' }])
  })

  it('replaces a view with CREATE OR REPLACE VIEW, its columns too, and shows the new one (docs/iris-sql.md#create-and-drop)', async () => {
    const columns = async () =>
      (
        await rows(
          'SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
          ['author_view'],
        )
      ).map((row) => String(row.column_name).toLowerCase())
    const read = 'SELECT * FROM author_view'
    // Not there yet: OR REPLACE creates it.
    await client.query('CREATE OR REPLACE VIEW author_view AS SELECT id, email FROM Author')
    expect((await client.query(read)).fields.map((field) => field.name.toLowerCase())).toEqual([
      'id',
      'email',
    ])
    // CREATE VIEW of a view that exists is a duplicate name.
    expect(
      sqlcodeOf(await failure(client, 'CREATE VIEW author_view AS SELECT id FROM Author')),
    ).toBe(-201)
    // Fewer columns, renamed and retyped (varchar to the concatenation's type): PostgreSQL's own OR REPLACE refuses each.
    await client.query(
      "CREATE OR REPLACE VIEW author_view (Address) AS SELECT email || '!' FROM Author",
    )
    expect(await columns()).toEqual(['address'])
    expect((await client.query(read)).fields.map((field) => field.name.toLowerCase())).toEqual([
      'address',
    ])
    const [view] = await rows(
      'SELECT VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS WHERE TABLE_NAME = ?',
      ['author_view'],
    )
    expect(String(view?.view_definition)).toMatch(/'!'/)
    // A replace that fails leaves the view as it was; a table's name is not a view's to replace.
    expect(
      sqlcodeOf(
        await failure(client, 'CREATE OR REPLACE VIEW author_view AS SELECT nope FROM Author'),
      ),
    ).toBe(-29)
    expect(sqlcodeOf(await failure(client, 'CREATE OR REPLACE VIEW Book AS SELECT 1 AS x'))).toBe(
      -201,
    )
    expect(await columns()).toEqual(['address'])
    expect((await rows('SELECT COUNT(*) AS n FROM Book'))[0]?.n).toBeDefined()
    await client.query('DROP VIEW author_view')
  })
})
