import { type DB, migrateToLatest, seedStore } from '@kysely-iris/demo'
import {
  type LocalTarget,
  type StartedTarget,
  startTarget,
  traitsOf,
} from '@kysely-iris/sim/testing'
import { Kysely } from 'kysely'
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
  const server = await startTarget(target)
  // Behind iris-pgwire the dialect's probe finds the session model; the sim's `iris` profile gives
  // each connection its own IRIS session (docs/iris-sql.md#the-session-probe).
  const sessionModel = traitsOf(target).irisPgwire ? 'detect' : 'per-connection'
  const db = new Kysely<DB>({
    dialect: new IrisDialect({ connectionString: server.url, sessionModel }),
  })
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
