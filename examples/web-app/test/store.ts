import { type DB, migrateToLatest, seedStore } from '@kysely-iris/demo'
import type { Sim } from '@kysely-iris/sim'
import { Kysely } from 'kysely'
import { IrisDialect } from 'kysely-iris'
import { type App, buildApp } from '../src/app.js'
import { startTarget, type TestTarget } from './targets.js'

/** The documents each test store is seeded with: enough to page and search, quick to insert. */
export const SEEDED_DOCUMENTS = 200

export interface TestStore {
  app: App
  /** The sim, itself or behind iris-pgwire. */
  sim: Sim
  /** Closes the app (which destroys the pool), then stops the target. */
  close(): Promise<void>
}

/** A target (see targets.ts), migrated with the demo's migrations and seeded, behind a fresh app. */
export async function startStore(target: TestTarget = 'sim-iris'): Promise<TestStore> {
  const server = await startTarget(target)
  const db = new Kysely<DB>({ dialect: new IrisDialect({ connectionString: server.url }) })
  await migrateToLatest(db)
  await seedStore(db, SEEDED_DOCUMENTS)
  const app = buildApp({ db })
  await app.ready()
  return {
    app,
    sim: server.sim,
    async close() {
      await app.close()
      await server.stop()
    },
  }
}
