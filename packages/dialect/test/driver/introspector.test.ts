import { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisDialect, type IrisIntrospector } from '../../src/index.js'
import { FakePool } from '../support/fake-pool.js'

describe('introspector (INFORMATION_SCHEMA)', () => {
  it('reads INFORMATION_SCHEMA only, never pg_catalog', async () => {
    const pool = new FakePool()
    const db = new Kysely<unknown>({ dialect: new IrisDialect({ pool }) })
    await db.introspection.getSchemas()
    await db.introspection.getTables()
    expect(pool.texts.length).toBeGreaterThan(0)
    expect(pool.texts.every((text) => !/pg_catalog/i.test(text))).toBe(true)
    expect(pool.texts.filter((text) => /INFORMATION_SCHEMA/.test(text))).toHaveLength(3)
  })

  it('treats the missing-table fault ("table does not exist") on TABLES as no tables', async () => {
    const pool = new FakePool((q) =>
      /"TABLES"/.test(q.text) ? new Error("[SQLCODE: <-30>:<Table 'SQLUser.x' not found>]") : {},
    )
    const db = new Kysely<unknown>({ dialect: new IrisDialect({ pool }) })
    expect(await db.introspection.getTables()).toEqual([])
  })

  it('returns columns without vector info when the class dictionary cannot be read', async () => {
    const pool = new FakePool((q) => {
      if (/"TABLES"/.test(q.text)) {
        return {
          rows: [['SQLUser', 'doc', 'BASE TABLE', 'User.doc', null]],
          fields: names('table_schema table_name table_type classname description'),
        }
      }
      if (/"COLUMNS"/.test(q.text)) {
        return {
          rows: [
            [
              'SQLUser',
              'doc',
              'embedding',
              1,
              null,
              'YES',
              'varchar',
              4096,
              null,
              null,
              'NO',
              'NO',
              'NO',
              'NO',
              null,
            ],
          ],
          fields: names(
            'table_schema table_name column_name ordinal_position column_default is_nullable data_type character_maximum_length numeric_precision numeric_scale auto_increment is_identity primary_key unique_column description',
          ),
        }
      }
      if (/%Dictionary/.test(q.text))
        return new Error('[SQLCODE: <-30>:<Table %Dictionary.CompiledProperty not found>]')
      return {}
    })
    const db = new Kysely<unknown>({ dialect: new IrisDialect({ pool }) })
    const [table] = await db.introspection.getTables()
    expect(table?.columns).toEqual([
      expect.objectContaining({
        name: 'embedding',
        dataType: 'VARCHAR',
        irisType: 'VARCHAR(4096)',
        isNullable: true,
      }),
    ])
    expect(table?.columns[0]).not.toHaveProperty('vector')
  })

  /** A catalog as iris-pgwire shows it: SQLUser as `public`, CREATE TABLE names upper-cased. */
  const pgwireCatalog = () =>
    new FakePool((q) => {
      if (/"SCHEMATA"/.test(q.text))
        return { rows: [['public'], ['Sales'], ['%Library']], fields: names('schema_name') }
      if (/"TABLES"/.test(q.text)) {
        return {
          rows: [
            ['public', 'KYSELY_MIGRATION', 'BASE TABLE', 'User.KYSELYMIGRATION', null],
            ['public', 'KYSELY_MIGRATION_LOCK', 'BASE TABLE', 'User.KYSELYMIGRATIONLOCK', null],
            ['public', 'PERSON', 'BASE TABLE', 'User.PERSON', null],
            ['Sales', 'ORDERS', 'BASE TABLE', 'Sales.ORDERS', null],
          ],
          fields: names('table_schema table_name table_type classname description'),
        }
      }
      return {}
    })

  it("reports iris-pgwire's `public` as the IRIS schema SQLUser", async () => {
    const db = new Kysely<unknown>({ dialect: new IrisDialect({ pool: pgwireCatalog() }) })
    expect((await db.introspection.getSchemas()).map((s) => s.name)).toEqual(['SQLUser', 'Sales'])
    // Sorted by the schema reported.
    expect((await db.introspection.getTables()).map((t) => [t.schema, t.name])).toEqual([
      ['Sales', 'ORDERS'],
      ['SQLUser', 'PERSON'],
    ])
  })

  it("answers Kysely 0.28's getMetadata with the tables getTables returns", async () => {
    const dialect = new IrisDialect({ pool: pgwireCatalog() })
    const introspector = dialect.createIntrospector(
      new Kysely<unknown>({ dialect }),
    ) as IrisIntrospector
    const options = { withInternalKyselyTables: true }
    expect(await introspector.getMetadata(options)).toEqual({
      tables: await introspector.getTables(options),
    })
  })

  it("hides Kysely's migration tables in any case unless withInternalKyselyTables", async () => {
    const db = new Kysely<unknown>({ dialect: new IrisDialect({ pool: pgwireCatalog() }) })
    const all = await db.introspection.getTables({ withInternalKyselyTables: true })
    expect(all.map((t) => t.name)).toEqual([
      'ORDERS',
      'KYSELY_MIGRATION',
      'KYSELY_MIGRATION_LOCK',
      'PERSON',
    ])
  })
})

/** Server labels, lower-cased as iris-pgwire sends them; the driver restores the selected names. */
function names(labels: string): { name: string }[] {
  return labels.split(' ').map((name) => ({ name }))
}
