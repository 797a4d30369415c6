import { type DB, migrateToLatest, seedStore } from '@kysely-iris/demo'
import { type LocalTarget, type StartedTarget, startTarget } from '@kysely-iris/sim/testing'
import { Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { IrisDialect } from 'kysely-iris'
import { type App, buildApp } from '../src/app.js'

/** The documents each test store is seeded with: enough to page and search, quick to insert. */
export const SEEDED_DOCUMENTS = 200

export interface TestStore {
  app: App
  /** The target the app talks to (`@kysely-iris/sim/testing`). */
  server: StartedTarget
  /** Closes the app (which destroys the pool), then stops the target. */
  close(): Promise<void>
}

/** A target, migrated with the demo's migrations and seeded, behind a fresh app. */
export async function startStore(target: LocalTarget = 'sim-iris'): Promise<TestStore> {
  const server = await startTarget(target, {
    prepare: (sim) => createMigratorTables(sim.url),
  })
  const db = new Kysely<DB>({ dialect: new IrisDialect({ connectionString: server.url }) })
  await migrateToLatest(db)
  await seedStore(db, SEEDED_DOCUMENTS)
  const app = buildApp({ db })
  await app.ready()
  return {
    app,
    server,
    async close() {
      await app.close()
      await server.stop()
    },
  }
}

/**
 * Works around a sim limit (docs/iris-sql.md#simulator-limits): through iris-pgwire, Kysely's
 * Migrator would create its tables as KYSELY_MIGRATION and KYSELY_MIGRATION_LOCK
 * (docs/iris-sql.md#identifiers), then look for them, quoted, as `kysely_migration`, which IRIS
 * finds and the sim's case-sensitive quoted names do not. So they are made here first, under
 * Kysely's own names, on the sim directly, as a tool other than iris-pgwire would.
 */
async function createMigratorTables(simUrl: string): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new IrisDialect({ connectionString: simUrl }) })
  try {
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: async () => ({}) },
    }).migrateToLatest()
    if (error !== undefined) throw error
  } finally {
    await db.destroy()
  }
}
