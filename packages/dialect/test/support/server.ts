import { startTarget, type Target, traitsOf } from '@kysely-iris/sim/testing'
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

export type { Target as TestTarget }

export interface TestServer {
  readonly url: string
  /** Present when the client talks to the sim itself; absent behind iris-pgwire or at IRIS_URL. */
  readonly sim: SimHooks | undefined
  readonly target: Target
  /**
   * The IRIS behind the front end, reached without it (the sim's own URL), to look from outside;
   * absent at IRIS_URL.
   */
  readonly irisUrl: string | undefined
  stop(): Promise<void>
}

export interface ServerOptions {
  /** Default `sim-iris`; IRIS_URL's server when it is set and the test needs no hooks. */
  target?: Target
  irisVersion?: string
  lockTimeoutMs?: number
  /** The test uses the sim's hooks (query log, dropped sockets): never run it against IRIS_URL. */
  needsSim?: boolean
}

/** Tests run against IRIS_URL when set, else against a sim started here. */
export const realIrisUrl = process.env.IRIS_URL

/**
 * Starts the target for one test file (`@kysely-iris/sim/testing`): a sim on port 0, the real
 * iris-pgwire in front of one, or, when IRIS_URL is set and the test needs no hooks, the real
 * server. Always pair with `stop()` in afterAll.
 */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const target: Target =
    realIrisUrl && !options.needsSim ? 'iris-url' : (options.target ?? 'sim-iris')
  const started = await startTarget(target, {
    sim: {
      ...(options.irisVersion ? { irisVersion: options.irisVersion } : {}),
      ...(options.lockTimeoutMs ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
    },
  })
  return {
    url: started.url,
    sim: started.sim,
    irisUrl: started.iris?.url,
    target,
    stop: () => started.stop(),
  }
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
  const db = new Kysely<DB>({
    dialect: new IrisDialect({
      sessionModel: sessionModelOf(server.target),
      ...dialectConfig,
      pool,
    }),
  })
  return { db, pool }
}

/**
 * The session model a test declares for its target. The sim's `iris` profile gives each connection
 * its own IRIS session (docs/iris-sql.md#simulator-profiles), which the probe cannot tell
 * (docs/iris-sql.md#the-session-probe); the other targets are iris-pgwire 1.0 or the sim's model of
 * it, and so is IRIS_URL's server in the project's test bed (README, "Against a real IRIS"): the
 * probe finds their model.
 */
export function sessionModelOf(target: Target): 'per-connection' | 'detect' {
  return traitsOf(target).irisPgwire ? 'detect' : 'per-connection'
}

/** Rows of ad-hoc test tables. */
// biome-ignore lint/suspicious/noExplicitAny: integration tests create their tables at run time
export type AnyDB = any

/**
 * The sim's own targets for tests that need its hooks (docs/iris-sql.md#simulator-profiles): the
 * `iris` profile, and iris-pgwire's embedded backend, whose results differ most from IRIS's (`''` as
 * NULL, canonical numbers, `column1..N`); the text rewrites are the same on both backends.
 */
export const SIM_TARGETS = [
  'sim-iris',
  'sim-pgwire-1.0-embedded',
] as const satisfies readonly Target[]

/**
 * A table name unique to this run, so files can share a real server. Upper case: iris-pgwire
 * upper-cases the table name of a CREATE TABLE even when quoted (docs/iris-sql.md#identifiers), so
 * the name a test asserts in the catalog is the same on every target.
 */
export function tableName(base: string): string {
  return `${base}_${process.pid}_${Math.floor(Math.random() * 1e6)}`.toUpperCase()
}
