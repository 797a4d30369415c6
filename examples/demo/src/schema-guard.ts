import { type Kysely, sql } from 'kysely'
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE } from 'kysely/migration'
import { DEMO_TABLES } from './demo-schema.js'
import { migrations } from './migrations/index.js'

/** The demo was asked to run in a schema that holds tables it did not create. */
export class ForeignTablesError extends Error {
  override name = 'ForeignTablesError'
}

/**
 * Refuses, before the demo writes anything, a schema holding tables the demo's migrations did not
 * create: other tables, demo-named tables without the demo's migration record (someone else's
 * `AUTHOR`), or a migration table recording migrations that are not the demo's (another Kysely
 * app). The demo creates, fills and (with `--fresh`) drops its tables; beside a user's tables it
 * could mix its rows into theirs. Names compare case-insensitively, as IRIS compares them
 * (docs/iris-sql.md#identifiers).
 */
export async function refuseForeignTables<DB>(db: Kysely<DB>, schema: string): Promise<void> {
  const found = await tablesIn(db, schema)
  const migrationTable = found.get(DEFAULT_MIGRATION_TABLE.toUpperCase())
  const ownNames = new Set<string>([
    ...DEMO_TABLES,
    DEFAULT_MIGRATION_TABLE.toUpperCase(),
    DEFAULT_MIGRATION_LOCK_TABLE.toUpperCase(),
  ])
  const foreign = [...found.entries()]
    .filter(([upper]) => !ownNames.has(upper) || migrationTable === undefined)
    .map(([, name]) => name)
    .sort()
  const foreignMigrations =
    migrationTable === undefined ? [] : await foreignMigrationNames(db, schema, migrationTable)
  if (foreign.length === 0 && foreignMigrations.length === 0) return

  const what = [
    foreign.length === 0 ? undefined : `tables the demo did not create: ${foreign.join(', ')}`,
    foreignMigrations.length === 0
      ? undefined
      : `migrations that are not the demo's in ${migrationTable}: ${foreignMigrations.join(', ')}`,
  ].filter((part) => part !== undefined)
  throw new ForeignTablesError(
    `schema ${schema} already holds ${what.join('; and ')}. Nothing was written. The demo creates, ` +
      'fills and drops its own tables there: run it in a schema of its own (--schema <name>), or ' +
      'pass --allow-other-tables to run beside these tables anyway',
  )
}

/**
 * The schema's tables and views, upper-cased name → name as the catalog shows it. One query on
 * INFORMATION_SCHEMA.TABLES, whose name columns compare case-insensitively
 * (docs/iris-sql.md#catalog-values); the schema is never SQLUser, which iris-pgwire would show as
 * `public` (docs/iris-sql.md#the-public-schema). The one column is read by position: its label's
 * case depends on the front end (docs/iris-sql.md#labels-and-row-counts,
 * docs/iris-sql.md#iris-pgwire-result-quirks).
 */
async function tablesIn<DB>(db: Kysely<DB>, schema: string): Promise<Map<string, string>> {
  const { rows } = await sql<
    Record<string, string>
  >`select ${sql.ref('TABLE_NAME')} from ${sql.table(
    'INFORMATION_SCHEMA.TABLES',
  )} where ${sql.ref('TABLE_SCHEMA')} = ${schema}`.execute(db)
  const names = rows.map((row) => Object.values(row)[0] as string)
  return new Map(names.map((name) => [name.toUpperCase(), name]))
}

async function foreignMigrationNames<DB>(
  db: Kysely<DB>,
  schema: string,
  migrationTable: string,
): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select ${sql.ref('name')} from ${sql.table(
    `${schema}.${migrationTable}`,
  )}`.execute(db)
  const demoMigrations = new Set(Object.keys(migrations()))
  return rows.map((row) => row.name).filter((name) => !demoMigrations.has(name))
}
