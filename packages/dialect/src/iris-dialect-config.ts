import type { DatabaseConnection } from 'kysely'
import { IrisConfigError } from './errors.js'
import { redactConnectionString } from './redact-connection-string.js'
import { type IrisServerCheck, SERVER_CHECKS } from './server-check.js'
import type { IrisTransactionsMode } from './session-policy.js'
import { type IrisSessionModel, SESSION_MODELS } from './session-probe.js'

/**
 * The subset of a `pg` Pool the driver uses, typed structurally so any pool that behaves like
 * node-postgres's works (and `pg` stays a peer dependency).
 */
export interface IrisPool {
  connect(): Promise<IrisPoolClient>
  end(): Promise<void>
  readonly totalCount?: number
  readonly idleCount?: number
  readonly waitingCount?: number
}

/** pg's result: rows as arrays (`rowMode: 'array'`), else as objects keyed by the labels. */
export interface IrisQueryResult<Row = unknown[]> {
  command: string
  rowCount: number | null
  rows: Row[]
  fields: { name: string }[]
}

export interface IrisPoolClient {
  /** Rows as objects keyed by the result labels, as pg's `client.query(text, values)` gives them. */
  query(
    text: string,
    values?: readonly unknown[],
  ): Promise<IrisQueryResult<Record<string, unknown>>>
  query(config: {
    /** Prepares the statement under this name, once per connection (pg's named statements). */
    name?: string
    text: string
    values?: readonly unknown[]
    rowMode: 'array'
  }): Promise<IrisQueryResult>
  /** A named statement whose rows come as objects keyed by the result labels. */
  query(config: {
    name: string
    text: string
    values?: readonly unknown[]
  }): Promise<IrisQueryResult<Record<string, unknown>>>
  query<T extends IrisCursor>(cursor: T): T
  release(destroy?: boolean | Error): void
  /** Closes the socket; used to kill an aborted query's session (inflightQueryAbortStrategy 'kill session'). */
  end?(): Promise<void>
}

/** What `pg-cursor`'s Cursor looks like to the driver. */
export interface IrisCursor {
  read(rowCount: number): Promise<unknown[][]>
  close(): Promise<void>
}

export type IrisCursorConstructor = new (
  text: string,
  values: unknown[],
  config: { rowMode: 'array' },
) => IrisCursor

/** Which row-limit syntax to emit (docs/iris-sql.md#row-limits). */
export type IrisPaging = 'limit' | 'top'

/** How a multi-row insert is written (docs/iris-sql.md#multi-row-inserts). */
export type IrisBulkInsertForm = 'values' | 'union-all'

export interface IrisDialectConfig {
  /**
   * A `pg` Pool (or an async factory for one). When given, the connection options below
   * (connectionString, ssl, pool size, timeouts, type parsing) are ignored: configure the pool.
   */
  pool?: IrisPool | (() => Promise<IrisPool>)
  /**
   * Default: `IRIS_URL`, else `DATABASE_URL`, else `postgres://_SYSTEM:SYS@localhost:5432/USER`
   * (a failure to connect on that last one says it was the default, and how to set one).
   */
  connectionString?: string
  /**
   * Passed to `pg` as is. iris-pgwire has SSL off unless configured
   * (docs/iris-sql.md#authentication).
   */
  ssl?: boolean | object
  /** Maximum connections in the pool. Default 10 (pg's default). */
  maxConnections?: number
  /** Milliseconds to wait for a connection (connect or pool checkout). Default 0 = wait forever. */
  connectionTimeoutMillis?: number
  /** Milliseconds a pooled connection may stay idle. Default 10 000 (pg's default). */
  idleTimeoutMillis?: number
  /**
   * Milliseconds the client waits for one query's answer before failing it with IrisTimeoutError
   * and discarding its connection: pg's client-side `query_timeout`. The server is not told: it is
   * not IRIS's statement timeout. Default none.
   */
  queryTimeoutMillis?: number
  /** Any other `pg` Pool option, passed through unchanged. */
  poolOptions?: Record<string, unknown>

  /**
   * Row-limit syntax. Default `limit` (IRIS 2025.1+); `top` for older IRIS
   * (docs/iris-sql.md#row-limits).
   */
  paging?: IrisPaging
  /** IRIS version, e.g. `'2024.1'`; chooses `paging` when `paging` is not given. */
  irisVersion?: string

  /** BIGINT (int8) values. Default `'number'` (see README: exact up to 2^53). */
  int8?: 'number' | 'bigint' | 'string'
  /** NUMERIC / DECIMAL values. Default `'string'` (exact). */
  numeric?: 'string' | 'number'
  /**
   * DATE / TIME / TIMESTAMP values. Default `'string'` (the same under every pgwire,
   * docs/iris-sql.md#result-types).
   */
  date?: 'string' | 'Date'

  /** Multi-row insert form. Default `'values'` (docs/iris-sql.md#multi-row-inserts). */
  bulkInsert?: IrisBulkInsertForm
  /** Maximum parameters in one statement; larger inserts are chunked. Default 2000. */
  maxParameters?: number
  /**
   * Fetch `insertId` with `SELECT LAST_IDENTITY()` after single-row inserts: a second round trip
   * per insert, so off by default (docs/iris-sql.md#returning-and-last_identity).
   */
  insertId?: boolean
  /**
   * How many statements each connection keeps prepared, by SQL text, so the server parses and
   * translates each once per connection (docs/iris-sql.md#prepared-statements). Default 0: off.
   */
  preparedStatements?: number

  /**
   * How the front end maps connections onto IRIS sessions (see README, "Which iris-pgwire
   * backend"). Default `'detect'`: probed once, before the first transaction, chunked insert or
   * insertId, with one SELECT of no table (docs/iris-sql.md#the-session-probe); it recognises
   * iris-pgwire 1.0's two backends, and anything else fails with an IrisConfigError before anything
   * is written. Declare `'per-connection'` where each connection is its own IRIS session.
   */
  sessionModel?: 'detect' | IrisSessionModel
  /**
   * Where the front end does not honour transactions (iris-pgwire's external backend),
   * `transaction()`, `startTransaction()` and chunked inserts fail with
   * IrisTransactionsUnsupportedError before writing (`'required'`, the default).
   * `'unsafe-autocommit'` runs them without a transaction instead: a rollback then undoes nothing.
   */
  transactions?: IrisTransactionsMode

  /**
   * Checks each new connection with `SELECT version()` (docs/iris-sql.md#server-identity): `'fail'`
   * refuses a server that is not InterSystems IRIS with an IrisConfigError, `'warn'` emits a
   * process warning. Default `'off'`.
   */
  serverCheck?: IrisServerCheck
  /** Called once per new connection, e.g. to set session options. */
  onCreateConnection?: (connection: DatabaseConnection) => Promise<void>
  /**
   * A `pg-cursor` Cursor class for `.stream()`. Without it, a stream reads the whole result and
   * yields it in chunks: iris-pgwire ignores portal row limits anyway
   * (docs/iris-sql.md#execute-row-limit).
   */
  cursor?: IrisCursorConstructor
}

export const DEFAULT_CONNECTION_STRING = 'postgres://_SYSTEM:SYS@localhost:5432/USER'
export const DEFAULT_MAX_PARAMETERS = 2000

/** The validated configuration with every default applied. */
export interface ResolvedIrisDialectConfig {
  readonly pool: IrisDialectConfig['pool']
  readonly connectionString: string
  /** Where the connection string came from; `default` means nothing set one. */
  readonly connectionStringSource: 'connectionString' | 'IRIS_URL' | 'DATABASE_URL' | 'default'
  readonly ssl: boolean | object | undefined
  readonly maxConnections: number | undefined
  readonly connectionTimeoutMillis: number | undefined
  readonly idleTimeoutMillis: number | undefined
  readonly queryTimeoutMillis: number | undefined
  readonly poolOptions: Record<string, unknown>
  readonly paging: IrisPaging
  readonly int8: 'number' | 'bigint' | 'string'
  readonly numeric: 'string' | 'number'
  readonly date: 'string' | 'Date'
  readonly bulkInsert: IrisBulkInsertForm
  readonly maxParameters: number
  readonly insertId: boolean
  readonly preparedStatements: number
  readonly sessionModel: 'detect' | IrisSessionModel
  readonly transactions: IrisTransactionsMode
  readonly serverCheck: IrisServerCheck
  readonly onCreateConnection: IrisDialectConfig['onCreateConnection']
  readonly cursor: IrisCursorConstructor | undefined
}

/**
 * Every option of IrisDialectConfig, once: the type checker refuses this object when an option is
 * added to the interface and not here, or named here and not there.
 */
const OPTIONS: { readonly [K in keyof Required<IrisDialectConfig>]: true } = {
  pool: true,
  connectionString: true,
  ssl: true,
  maxConnections: true,
  connectionTimeoutMillis: true,
  idleTimeoutMillis: true,
  queryTimeoutMillis: true,
  poolOptions: true,
  paging: true,
  irisVersion: true,
  int8: true,
  numeric: true,
  date: true,
  bulkInsert: true,
  maxParameters: true,
  insertId: true,
  preparedStatements: true,
  sessionModel: true,
  transactions: true,
  serverCheck: true,
  onCreateConnection: true,
  cursor: true,
}
const KNOWN_OPTIONS: ReadonlySet<string> = new Set(Object.keys(OPTIONS))

/** Options that had another name, and the name they have now. */
const RENAMED_OPTIONS: Readonly<Record<string, keyof IrisDialectConfig>> = {
  statementTimeoutMillis: 'queryTimeoutMillis',
}

/** Validates a config and applies defaults; throws IrisConfigError naming the fix. */
export function resolveIrisDialectConfig(
  config: IrisDialectConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedIrisDialectConfig {
  if (config === null || typeof config !== 'object') {
    fail('the IrisDialect config must be an object, e.g. new IrisDialect({ connectionString })')
  }
  for (const key of Object.keys(config)) {
    const renamed = RENAMED_OPTIONS[key]
    if (renamed) {
      fail(
        `option "${key}" is now "${renamed}" (it is pg's client-side query_timeout, not a server statement timeout); rename it`,
      )
    }
    if (!KNOWN_OPTIONS.has(key)) {
      fail(`unknown IrisDialect option "${key}"; known options: ${[...KNOWN_OPTIONS].join(', ')}`)
    }
  }
  if (
    config.pool !== undefined &&
    typeof config.pool !== 'function' &&
    typeof config.pool?.connect !== 'function'
  ) {
    fail('"pool" must be a pg Pool or an async function returning one')
  }
  const [connectionStringSource, connectionString] = pickConnectionString(config, env)
  checkConnectionString(connectionString)
  return {
    pool: config.pool,
    connectionString,
    connectionStringSource,
    ssl: config.ssl,
    maxConnections: optionalInteger(config, 'maxConnections', 1),
    connectionTimeoutMillis: optionalInteger(config, 'connectionTimeoutMillis', 0),
    idleTimeoutMillis: optionalInteger(config, 'idleTimeoutMillis', 0),
    queryTimeoutMillis: optionalInteger(config, 'queryTimeoutMillis', 1),
    poolOptions: config.poolOptions ?? {},
    paging: resolvePaging(config),
    int8: oneOf(config, 'int8', ['number', 'bigint', 'string'], 'number'),
    numeric: oneOf(config, 'numeric', ['string', 'number'], 'string'),
    date: oneOf(config, 'date', ['string', 'Date'], 'string'),
    bulkInsert: oneOf(config, 'bulkInsert', ['values', 'union-all'], 'values'),
    // The PostgreSQL protocol's Bind message carries a 16-bit parameter count.
    maxParameters: optionalInteger(config, 'maxParameters', 1, 65_535) ?? DEFAULT_MAX_PARAMETERS,
    insertId: optionalBoolean(config, 'insertId') ?? false,
    preparedStatements: optionalInteger(config, 'preparedStatements', 0) ?? 0,
    sessionModel: oneOf(config, 'sessionModel', ['detect', ...SESSION_MODELS], 'detect'),
    transactions: oneOf(config, 'transactions', ['required', 'unsafe-autocommit'], 'required'),
    serverCheck: oneOf(config, 'serverCheck', SERVER_CHECKS, 'off'),
    onCreateConnection: optionalFunction(config, 'onCreateConnection'),
    cursor: optionalFunction(config, 'cursor'),
  }
}

function fail(message: string): never {
  throw new IrisConfigError(`Invalid IrisDialect config: ${message}.`)
}

function pickConnectionString(
  config: IrisDialectConfig,
  env: NodeJS.ProcessEnv,
): [ResolvedIrisDialectConfig['connectionStringSource'], unknown] {
  if (config.connectionString !== undefined) return ['connectionString', config.connectionString]
  if (env.IRIS_URL !== undefined) return ['IRIS_URL', env.IRIS_URL]
  if (env.DATABASE_URL !== undefined) return ['DATABASE_URL', env.DATABASE_URL]
  return ['default', DEFAULT_CONNECTION_STRING]
}

function checkConnectionString(value: unknown): asserts value is string {
  if (typeof value !== 'string')
    fail('"connectionString" must be a string like postgres://user:pass@host:5432/USER')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    fail(
      `connection string "${redactConnectionString(value)}" is not a URL; use postgres://user:pass@host:5432/USER`,
    )
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    fail(
      `connection string "${redactConnectionString(value)}" must start with postgres:// (iris-pgwire speaks the PostgreSQL protocol)`,
    )
  }
}

/** `paging` wins; else `irisVersion` below 2025.1 means `top` (docs/iris-sql.md#row-limits). */
function resolvePaging(config: IrisDialectConfig): IrisPaging {
  const paging =
    config.paging === undefined ? undefined : oneOf(config, 'paging', ['limit', 'top'], 'limit')
  if (config.irisVersion === undefined) return paging ?? 'limit'
  const match =
    typeof config.irisVersion === 'string' ? /^(\d{4})\.(\d+)/.exec(config.irisVersion) : null
  if (!match)
    fail(
      `"irisVersion" must look like '2024.1' or '2025.1', got ${JSON.stringify(config.irisVersion)}`,
    )
  const fromVersion: IrisPaging =
    Number(match[1]) * 100 + Number(match[2]) >= 202501 ? 'limit' : 'top'
  if (paging !== undefined && paging !== fromVersion) {
    fail(
      `paging '${paging}' contradicts irisVersion '${config.irisVersion}' (LIMIT exists from IRIS 2025.1); give only one of them`,
    )
  }
  return fromVersion
}

function oneOf<K extends keyof IrisDialectConfig, V extends string>(
  config: IrisDialectConfig,
  key: K,
  allowed: readonly V[],
  fallback: V,
): V {
  const value = config[key]
  if (value === undefined) return fallback
  if (!allowed.includes(value as V)) {
    fail(
      `"${key}" must be one of ${allowed.map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(value)}`,
    )
  }
  return value as V
}

function optionalInteger(
  config: IrisDialectConfig,
  key: keyof IrisDialectConfig,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const value = config[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const upTo = max === Number.MAX_SAFE_INTEGER ? '' : ` and <= ${max}`
    fail(`"${key}" must be an integer >= ${min}${upTo}, got ${JSON.stringify(value)}`)
  }
  return value
}

function optionalBoolean(
  config: IrisDialectConfig,
  key: keyof IrisDialectConfig,
): boolean | undefined {
  const value = config[key]
  if (value !== undefined && typeof value !== 'boolean') fail(`"${key}" must be true or false`)
  return value as boolean | undefined
}

function optionalFunction<K extends 'onCreateConnection' | 'cursor'>(
  config: IrisDialectConfig,
  key: K,
): IrisDialectConfig[K] {
  const value = config[key]
  if (value !== undefined && typeof value !== 'function') fail(`"${key}" must be a function`)
  return value
}
