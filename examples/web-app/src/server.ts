import { fileURLToPath } from 'node:url'
import { countStore, type DB, DOCUMENT_COUNT, migrateToLatest, seedStore } from '@kysely-iris/demo'
import { Kysely } from 'kysely'
import { IrisDialect, redactConnectionString } from 'kysely-iris'
import { buildApp } from './app.js'

/** The server to use: the one IRIS_URL (or DATABASE_URL) names, else the sim, started embedded. */
async function openTarget(): Promise<{
  url: string
  description: string
  sessionModel: 'detect' | 'per-connection'
  stop(): Promise<void>
}> {
  const variable = (['IRIS_URL', 'DATABASE_URL'] as const).find((name) => process.env[name])
  const configuredUrl = variable && process.env[variable]
  // iris-pgwire, whose backend the dialect's probe recognises (docs/iris-sql.md#the-session-probe).
  if (variable && configuredUrl)
    return {
      url: configuredUrl,
      description: `the server ${variable} names`,
      sessionModel: 'detect',
      stop: async () => {},
    }
  // The sim is a dev dependency: loaded only when there is no IRIS to talk to.
  const dataDir = fileURLToPath(new URL('../.web-app-data', import.meta.url))
  const sim = await (await import('@kysely-iris/sim')).startSim({ port: 0, dataDir })
  return {
    url: sim.url,
    description: `the embedded sim, data in ${dataDir}`,
    // The sim's `iris` profile: one IRIS session per connection (docs/iris-sql.md#simulator-profiles).
    sessionModel: 'per-connection',
    stop: () => sim.stop(),
  }
}

/**
 * `pnpm --filter @kysely-iris/web-app start`: serves the document store on PORT (default 3000).
 * Uses IRIS_URL (or DATABASE_URL) when set; otherwise starts the sim embedded, with its data in
 * examples/web-app/.web-app-data, and logs which (password hidden). Migrates, seeds an empty store, and shuts down gracefully on
 * SIGINT / SIGTERM.
 */
async function start(): Promise<void> {
  const target = await openTarget()
  const db = new Kysely<DB>({
    dialect: new IrisDialect({
      connectionString: target.url,
      connectionTimeoutMillis: 5_000,
      sessionModel: target.sessionModel,
    }),
  })
  await migrateToLatest(db)
  if ((await countStore(db)).documents === 0) await seedStore(db, DOCUMENT_COUNT)

  const app = buildApp({ db, logger: true })
  app.log.info(
    { database: redactConnectionString(target.url), target: target.description },
    'connected',
  )
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down')
    await app.close() // waits for in-flight requests, then destroys the pool (onClose)
    await target.stop()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  await app.listen({
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '127.0.0.1',
  })
}

start().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
