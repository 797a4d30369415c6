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

/**
 * Where an integration test runs:
 * - `sim-iris`, `sim-pgwire-1.0`, `sim-pgwire-1.0-dbapi`, `sim-pgwire-1.0-embedded`: the sim with
 *   that profile (docs/iris-sql.md#simulator-profiles);
 * - `iris-pgwire-dbapi`, `iris-pgwire-embedded`: the real iris-pgwire 1.0 on that backend, in
 *   front of a sim of profile `iris` (docs/iris-sql.md#iris-pgwire-backends);
 * - `iris-url`: the real server at IRIS_URL.
 */
export type TestTarget =
  | 'sim-iris'
  | 'sim-pgwire-1.0'
  | 'sim-pgwire-1.0-dbapi'
  | 'sim-pgwire-1.0-embedded'
  | 'iris-pgwire-dbapi'
  | 'iris-pgwire-embedded'
  | 'iris-url'

export interface TestServer {
  readonly url: string
  /** Present when the server is the sim itself; absent behind iris-pgwire or at IRIS_URL. */
  readonly sim: SimHooks | undefined
  readonly target: TestTarget
  /**
   * The IRIS behind the front end, reached without it (the sim's own URL), to look from outside;
   * absent at IRIS_URL.
   */
  readonly irisUrl: string | undefined
  /** The sim profile's quirks a test expects: `pgwire-1.0` for every iris-pgwire target. */
  readonly profile: 'iris' | 'pgwire-1.0'
  stop(): Promise<void>
}

export interface ServerOptions {
  /** Default `sim-iris`, or the profile's sim target when `profile` is given. */
  target?: TestTarget
  profile?: 'iris' | 'pgwire-1.0'
  irisVersion?: string
  lockTimeoutMs?: number
  /** The test uses the sim's hooks (query log, dropped sockets): never run it against IRIS_URL. */
  needsSim?: boolean
}

/** Tests run against IRIS_URL when set, else against a sim started here. */
export const realIrisUrl = process.env.IRIS_URL

/**
 * Starts the target for one test file: a sim on port 0, the real iris-pgwire in front of one, or,
 * when IRIS_URL is set and the test needs no hooks, the real server. Always pair with `stop()` in
 * afterAll.
 */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  if (realIrisUrl && !options.needsSim) {
    return {
      url: realIrisUrl,
      sim: undefined,
      irisUrl: undefined,
      target: 'iris-url',
      profile: 'pgwire-1.0',
      stop: async () => {},
    }
  }
  const target =
    options.target ?? (options.profile === 'pgwire-1.0' ? 'sim-pgwire-1.0' : 'sim-iris')
  const { startSim, startPgwire } = await import('@kysely-iris/sim')
  const backend = PGWIRE_BACKENDS[target]
  const simProfile = backend ? 'iris' : (SIM_PROFILES[target] ?? 'iris')
  const profile = simProfile === 'iris' ? 'iris' : 'pgwire-1.0'
  const sim = await startSim({
    port: 0,
    profile: simProfile,
    ...(options.irisVersion ? { irisVersion: options.irisVersion } : {}),
    ...(options.lockTimeoutMs ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
  })
  if (!backend)
    return { url: sim.url, sim, irisUrl: sim.url, target, profile, stop: () => sim.stop() }
  const pgwire = await startPgwire({ backend, sim }).catch(async (error: unknown) => {
    await sim.stop()
    throw error
  })
  return {
    url: pgwire.url,
    sim: undefined,
    irisUrl: sim.url,
    target,
    profile: 'pgwire-1.0',
    stop: async () => {
      await pgwire.stop()
      await sim.stop()
    },
  }
}

const SIM_PROFILES: Partial<
  Record<TestTarget, 'iris' | 'pgwire-1.0' | 'pgwire-1.0-dbapi' | 'pgwire-1.0-embedded'>
> = {
  'sim-iris': 'iris',
  'sim-pgwire-1.0': 'pgwire-1.0',
  'sim-pgwire-1.0-dbapi': 'pgwire-1.0-dbapi',
  'sim-pgwire-1.0-embedded': 'pgwire-1.0-embedded',
}

const PGWIRE_BACKENDS: Partial<Record<TestTarget, 'dbapi' | 'embedded'>> = {
  'iris-pgwire-dbapi': 'dbapi',
  'iris-pgwire-embedded': 'embedded',
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
 * Both sim profiles (docs/iris-sql.md#simulator-profiles), for tests that need the sim's hooks;
 * against IRIS_URL only one run is needed.
 */
export const PROFILES = realIrisUrl ? (['pgwire-1.0'] as const) : (['iris', 'pgwire-1.0'] as const)

/**
 * A table name unique to this run, so files can share a real server. Upper case: iris-pgwire
 * upper-cases the table name of a CREATE TABLE even when quoted, which IRIS, whose delimited
 * identifiers are case-insensitive, does not notice, but the sim, whose delimited identifiers are
 * still case-sensitive, would (docs/iris-sql.md#identifiers, docs/iris-sql.md#simulator-limits).
 */
export function tableName(base: string): string {
  return `${base}_${process.pid}_${Math.floor(Math.random() * 1e6)}`.toUpperCase()
}
