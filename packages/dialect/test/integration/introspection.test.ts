import { describeTargets } from '@kysely-iris/sim/testing'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { description, type IrisTableMetadata } from '../../src/index.js'
import { tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

/** Every column type of docs/iris-sql.md#column-types, as DDL. */
const TYPES: [column: string, ddl: string][] = [
  ['c_integer', 'INTEGER'],
  ['c_bigint', 'BIGINT'],
  ['c_smallint', 'SMALLINT'],
  ['c_tinyint', 'TINYINT'],
  ['c_numeric', 'NUMERIC(10,2)'],
  ['c_decimal', 'DECIMAL(8,3)'],
  ['c_double', 'DOUBLE'],
  ['c_float', 'FLOAT'],
  ['c_varchar', 'VARCHAR(40)'],
  ['c_char', 'CHAR(5)'],
  ['c_longvarchar', 'LONGVARCHAR'],
  ['c_bit', 'BIT'],
  ['c_date', 'DATE'],
  ['c_time', 'TIME'],
  ['c_timestamp', 'TIMESTAMP'],
  ['c_posixtime', 'POSIXTIME'],
  ['c_varbinary', 'VARBINARY(16)'],
  ['c_longvarbinary', 'LONGVARBINARY'],
  ['c_uniqueidentifier', 'UNIQUEIDENTIFIER'],
  ['c_vector', 'VECTOR(FLOAT, 3)'],
]

describeTargets(describe, 'introspection from INFORMATION_SCHEMA', (target) => {
  // iris-pgwire reports SQLUser as `public` in schema columns (docs/iris-sql.md#the-public-schema);
  // the introspector reports IRIS's name on every target.
  const defaultSchema = 'SQLUser'
  const table = tableName('every_type')
  const view = tableName('every_type_view')
  const t = useTestDatabase({
    target,
    tables: {
      [table]: (create) => {
        let builder = create
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('required', 'varchar(10)', (c) =>
            c.notNull().defaultTo('abc').modifyEnd(description('A required column')),
          )
        for (const [column, ddl] of TYPES) builder = builder.addColumn(column, sql.raw(ddl))
        return builder.modifyEnd(description('Every IRIS type'))
      },
    },
    views: { [view]: (db) => db.selectFrom(table).select(['id', 'c_varchar']) },
  })

  it('lists user schemas only', async () => {
    const schemas = (await t.db.introspection.getSchemas()).map((s) => s.name)
    expect(schemas).toContain(defaultSchema)
    expect(schemas.filter((s) => s.startsWith('%') || /^ens/i.test(s))).toEqual([])
  })

  it('reports every IRIS column type, nullability, identity, defaults, comments and vector info', async () => {
    const tables = (await t.db.introspection.getTables()) as IrisTableMetadata[]
    const found = tables.find((tb) => tb.name === table)
    expect(found).toBeDefined()
    if (!found) return
    expect(found).toMatchObject({
      schema: defaultSchema,
      isView: false,
      comment: 'Every IRIS type',
    })
    expect(found.columns.map((c) => c.name)).toEqual(['id', 'required', ...TYPES.map(([c]) => c)])
    const byName = new Map(found.columns.map((c) => [c.name, c]))
    expect(byName.get('id')).toMatchObject({
      isIdentity: true,
      isAutoIncrementing: true,
      isPrimaryKey: true,
      isNullable: false,
    })
    expect(byName.get('required')).toMatchObject({
      isNullable: false,
      hasDefaultValue: true,
      comment: 'A required column',
      irisType: 'VARCHAR(10)',
    })
    expect(byName.get('c_integer')).toMatchObject({
      dataType: 'INTEGER',
      isNullable: true,
      isIdentity: false,
    })
    expect(byName.get('c_varchar')).toMatchObject({
      dataType: 'VARCHAR',
      irisType: 'VARCHAR(40)',
      characterMaximumLength: 40,
    })
    expect(byName.get('c_numeric')).toMatchObject({
      irisType: 'NUMERIC(10,2)',
      numericPrecision: 10,
      numericScale: 2,
    })
    expect(byName.get('c_bit')).toMatchObject({ dataType: 'BIT' })
    expect(byName.get('c_date')).toMatchObject({ dataType: 'DATE' })
    expect(byName.get('c_timestamp')).toMatchObject({ dataType: 'TIMESTAMP' })
    expect(byName.get('c_vector')).toMatchObject({
      dataType: 'VECTOR',
      irisType: 'VECTOR(FLOAT,3)',
      vector: { elementType: 'float', length: 3 },
    })
    for (const column of found.columns)
      expect(column.dataType, column.name).toMatch(/^[A-Z][A-Z ]*$/)
  })

  it('flags views', async () => {
    const tables = await t.db.introspection.getTables()
    expect(tables.find((tb) => tb.name === view)).toMatchObject({ isView: true })
  })

  it("hides Kysely's migration tables, whatever case the front end created them in", async (context) => {
    if (target === 'iris-url') {
      context.skip('creates kysely_migration tables, which a real server may hold already')
      return
    }
    // Created as Kysely's Migrator creates them; iris-pgwire upper-cases the names
    // (docs/iris-sql.md#identifiers).
    for (const name of ['kysely_migration', 'kysely_migration_lock'])
      await t.db.schema.createTable(name).addColumn('name', 'varchar(255)').execute()
    const isKysely = (name: string) => /^kysely_migration(_lock)?$/i.test(name)
    const internal = (
      await t.db.introspection.getTables({ withInternalKyselyTables: true })
    ).filter((tb) => isKysely(tb.name))
    try {
      expect(internal.map((tb) => [tb.schema, tb.name.toLowerCase()])).toEqual([
        [defaultSchema, 'kysely_migration'],
        [defaultSchema, 'kysely_migration_lock'],
      ])
      expect((await t.db.introspection.getTables()).filter((tb) => isKysely(tb.name))).toEqual([])
    } finally {
      // By the name the catalog shows: the sim behind iris-pgwire compares quoted names by case.
      for (const tb of internal) await t.db.schema.dropTable(tb.name).execute()
    }
  })
})
