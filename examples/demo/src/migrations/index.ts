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
 * The document store's migrations, in code (no migration folder to find at run time), in order.
 * The web app runs these same migrations. Table names are upper case: iris-pgwire creates every
 * table under its upper-case name (docs/iris-sql.md#identifiers), so naming them so keeps the
 * catalog, the generated `src/db.d.ts` and the queries in agreement whichever front end created
 * the tables.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001_authors_and_documents': authorsAndDocuments,
  '0002_embedding_index': embeddingIndex,
  '0003_tags': tags,
}

const provider: MigrationProvider = {
  async getMigrations() {
    return { ...migrations }
  },
}

/** Kysely's Migrator over {@link migrations}. */
export function createMigrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider })
}

/** Migrates to the latest version; throws the migration's own error when one fails. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResultSet> {
  return throwOnError(await createMigrator(db).migrateToLatest())
}

/** Runs every migration down, leaving no demo table behind. */
export async function migrateToNothing<DB>(db: Kysely<DB>): Promise<MigrationResultSet> {
  return throwOnError(await createMigrator(db).migrateTo(NO_MIGRATIONS))
}

function throwOnError(result: MigrationResultSet): MigrationResultSet {
  if (result.error !== undefined) throw result.error
  return result
}
