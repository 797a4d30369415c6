import { Kysely } from 'kysely'
import pg from 'pg'
import { typeParsers } from '../../src/create-pool.js'
import { IrisDialect, type IrisDialectConfig } from '../../src/index.js'
import { resolveIrisDialectConfig } from '../../src/iris-dialect-config.js'

/** What a test may need from the sim beyond a URL ("needs the sim" tests). */
export interface SimHooks {
  readonly queryLog: {
    readonly entries: readonly { connectionId: number; sql: string; params: readonly unknown[] }[]
    clear(): void
  }
  dropConnections(): void
  connectionCount(): number
}

export interface TestServer {
  readonly url: string
  /** Present when the server is the sim; absent against a real IRIS (IRIS_URL). */
  readonly sim: SimHooks | undefined
  readonly profile: 'iris' | 'pgwire-1.0'
  stop(): Promise<void>
}

export interface ServerOptions {
  profile?: 'iris' | 'pgwire-1.0'
  irisVersion?: string
  lockTimeoutMs?: number
  /** The test uses the sim's hooks (query log, dropped sockets): never run it against IRIS_URL. */
  needsSim?: boolean
}

/** Tests run against IRIS_URL when set, else against a sim started here. */
export const realIrisUrl = process.env.IRIS_URL

/**
 * Starts a sim on port 0 for one test file, or, when IRIS_URL is set and the test needs no hooks,
 * returns the real server. Always pair with `stop()` in afterAll.
 */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const profile = options.profile ?? 'iris'
  if (realIrisUrl && !options.needsSim) {
    return { url: realIrisUrl, sim: undefined, profile: 'pgwire-1.0', stop: async () => {} }
  }
  const { startSim } = await import('@kysely-iris/sim')
  const sim = await startSim({
    port: 0,
    profile,
    ...(options.irisVersion ? { irisVersion: options.irisVersion } : {}),
    ...(options.lockTimeoutMs ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
  })
  return { url: sim.url, sim, profile, stop: () => sim.stop() }
}

export interface TestDb<DB> {
  readonly db: Kysely<DB>
  readonly pool: pg.Pool
}

/** A Kysely over IrisDialect with its own pg Pool, so tests can read pool counts. */
// biome-ignore lint/suspicious/noExplicitAny: integration tests use ad-hoc tables
export function connect<DB = any>(
  server: TestServer,
  config: Omit<IrisDialectConfig, 'pool'> & { max?: number } = {},
): TestDb<DB> {
  const { max = 10, ...dialectConfig } = config
  // The same per-pool parsing the dialect applies to the pools it creates itself.
  const { int8, numeric, date } = resolveIrisDialectConfig(dialectConfig)
  const pool = new pg.Pool({
    connectionString: server.url,
    max,
    types: { getTypeParser: typeParsers({ int8, numeric, date }, pg.types) },
  })
  pool.on('error', () => {}) // as the dialect's own pools do (src/create-pool.ts)
  const db = new Kysely<DB>({ dialect: new IrisDialect({ ...dialectConfig, pool }) })
  return { db, pool }
}

/** Rows of ad-hoc test tables. */
// biome-ignore lint/suspicious/noExplicitAny: integration tests create their tables at run time
export type AnyDB = any

/**
 * Both sim profiles (docs/iris-sql.md#simulator-profiles); against IRIS_URL only one run is needed.
 */
export const PROFILES = realIrisUrl ? (['pgwire-1.0'] as const) : (['iris', 'pgwire-1.0'] as const)

/** A table name unique to this run, so files can share a real server. */
export function tableName(base: string): string {
  return `${base}_${process.pid}_${Math.floor(Math.random() * 1e6)}`
}
