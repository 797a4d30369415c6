import type { Kysely } from 'kysely'
import {
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  NO_MIGRATIONS,
} from 'kysely/migration'
import { authorsAndDocuments } from './0001-authors-and-documents.js'
import { embeddingIndex } from './0002-embedding-index.js'
import { tags } from './0003-tags.js'

/**
 * The document store's migrations, in code (no migration folder to find at run time), in order,
 * for tables in `schema` (undefined: the default schema). The web app runs these same migrations.
 * Table names are upper case: iris-pgwire creates every table under its upper-case name
 * (docs/iris-sql.md#identifiers), so naming them so keeps the catalog, the generated `src/db.d.ts`
 * and the queries in agreement whichever front end created the tables.
 */
export function migrations(schema?: string): Readonly<Record<string, Migration>> {
  return {
    '0001_authors_and_documents': authorsAndDocuments,
    '0002_embedding_index': embeddingIndex(schema),
    '0003_tags': tags,
  }
}

/**
 * Kysely's Migrator over {@link migrations}. With a schema, the migrations and Kysely's own
 * migration tables go there: the migrations run `withSchema(schema)`, and `migrationTableSchema`
 * keeps the migration tables beside them (Kysely creates the schema first if the catalog lacks it).
 */
export function createMigrator<DB>(db: Kysely<DB>, schema?: string): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations(schema) }) }
  if (schema === undefined) return new Migrator({ db, provider })
  return new Migrator({ db: db.withSchema(schema), provider, migrationTableSchema: schema })
}

/** Migrates to the latest version; throws the migration's own error when one fails. */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  schema?: string,
): Promise<MigrationResultSet> {
  return throwOnError(await createMigrator(db, schema).migrateToLatest())
}

/** Runs every migration down, leaving no demo table behind. */
export async function migrateToNothing<DB>(
  db: Kysely<DB>,
  schema?: string,
): Promise<MigrationResultSet> {
  return throwOnError(await createMigrator(db, schema).migrateTo(NO_MIGRATIONS))
}

function throwOnError(result: MigrationResultSet): MigrationResultSet {
  if (result.error !== undefined) throw result.error
  return result
}
