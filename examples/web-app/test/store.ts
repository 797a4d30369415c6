import { type DB, migrateToLatest, seedStore } from '@kysely-iris/demo'
import { startSim } from '@kysely-iris/sim'
import { Kysely } from 'kysely'
import { IrisDialect } from 'kysely-iris'
import { type App, buildApp } from '../src/app.js'

/** The documents each test store is seeded with: enough to page and search, quick to insert. */
export const SEEDED_DOCUMENTS = 200

export interface TestStore {
  app: App
  sim: Awaited<ReturnType<typeof startSim>>
  /** Closes the app (which destroys the pool), then stops the sim. */
  close(): Promise<void>
}

/**
 * A sim on a free port, migrated with the demo's migrations and seeded, behind a fresh app.
 * `pgwire-1.0` adds iris-pgwire 1.0's quirks (docs/iris-sql.md#simulator-profiles).
 */
export async function startStore(profile: 'iris' | 'pgwire-1.0' = 'iris'): Promise<TestStore> {
  const sim = await startSim({ port: 0, profile })
  const db = new Kysely<DB>({ dialect: new IrisDialect({ connectionString: sim.url }) })
  await migrateToLatest(db)
  await seedStore(db, SEEDED_DOCUMENTS)
  const app = buildApp({ db })
  await app.ready()
  return {
    app,
    sim,
    async close() {
      await app.close()
      await sim.stop()
    },
  }
}
