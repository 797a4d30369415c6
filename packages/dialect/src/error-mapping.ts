import {
  IrisConnectionError,
  IrisError,
  type IrisErrorOptions,
  IrisForeignKeyViolationError,
  IrisLockError,
  IrisNotFoundError,
  IrisNotNullViolationError,
  IrisSyntaxError,
  IrisTimeoutError,
  IrisUniqueViolationError,
  IrisVectorMismatchError,
} from './errors.js'

type IrisErrorClass = new (message: string, options?: IrisErrorOptions) => IrisError

/** SQLCODE → error class (docs/iris-sql.md#sqlcodes). Codes not listed become a plain IrisError. */
const BY_SQLCODE = new Map<number, IrisErrorClass>([
  [-1, IrisSyntaxError],
  [-12, IrisSyntaxError],
  [-25, IrisSyntaxError],
  [-386, IrisSyntaxError],
  [-29, IrisNotFoundError],
  [-30, IrisNotFoundError],
  [-108, IrisNotNullViolationError],
  [-110, IrisLockError],
  [-114, IrisLockError],
  [-119, IrisUniqueViolationError],
  [-120, IrisUniqueViolationError],
  [-121, IrisForeignKeyViolationError],
  [-122, IrisForeignKeyViolationError],
  [-123, IrisForeignKeyViolationError],
  [-124, IrisForeignKeyViolationError],
  [-257, IrisVectorMismatchError],
  [-258, IrisVectorMismatchError],
  [-259, IrisVectorMismatchError],
])

/** `[SQLCODE: <-119>:<message>]` as iris-pgwire writes it (docs/iris-sql.md#error-format). */
const SQLCODE_PATTERN = /\[SQLCODE: <(-?\d+)>:<([^>]*)>\]/

/** Node socket error codes that mean the server could not be reached or went away. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
])

/** Socket error codes of a connect that found no server: the connection string is the likely fix. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH'])

/** pg-pool's two `connectionTimeoutMillis` failures, by its exact words, each with its fix. */
const POOL_TIMEOUTS = new Map([
  [
    'timeout exceeded when trying to connect',
    'No pooled connection became free within connectionTimeoutMillis: all maxConnections are in use. Raise maxConnections or connectionTimeoutMillis, or hold connections for less time (end transactions and streams sooner).',
  ],
  [
    'Connection terminated due to connection timeout',
    'The IRIS server did not complete a new connection within connectionTimeoutMillis: check that iris-pgwire is up and reachable at the connection string, or raise connectionTimeoutMillis.',
  ],
])

/** Reads the IRIS SQLCODE out of a server message, if there is one. */
export function parseSqlcode(message: string): { sqlcode: number; text: string } | undefined {
  const match = SQLCODE_PATTERN.exec(message)
  return match ? { sqlcode: Number(match[1]), text: match[2] ?? '' } : undefined
}

/**
 * Turns whatever `pg` threw into an IrisError subclass carrying sqlcode, sqlstate, the SQL and the
 * original error as `cause`. IrisErrors pass through unchanged.
 */
export function toIrisError(error: unknown, sql?: string): IrisError {
  if (error instanceof IrisError) return error
  const { message = String(error), code } = (error ?? {}) as { message?: string; code?: unknown }
  const sqlstate = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
  const options = { sqlstate, sql, cause: error }
  const parsed = parseSqlcode(message)
  if (parsed) {
    const ErrorClass = BY_SQLCODE.get(parsed.sqlcode) ?? IrisError
    return new ErrorClass(`IRIS SQLCODE ${parsed.sqlcode}: ${parsed.text}`, {
      ...options,
      sqlcode: parsed.sqlcode,
    })
  }
  if (sqlstate?.startsWith('28')) {
    return new IrisConnectionError(
      `Authentication failed, check the user and password in the connection string: ${message}`,
      options,
    )
  }
  const poolTimeout = POOL_TIMEOUTS.get(message)
  if (poolTimeout) return new IrisTimeoutError(poolTimeout, options)
  if (sqlstate === '57014' || /timeout|timed out/i.test(message)) {
    return new IrisTimeoutError(`Timed out: ${message}`, options)
  }
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) {
    return new IrisConnectionError(
      `Could not reach the IRIS server (${message}): check the host and port in the connection string, and that iris-pgwire is running there`,
      options,
    )
  }
  if (
    (typeof code === 'string' && CONNECTION_CODES.has(code)) ||
    sqlstate?.startsWith('08') ||
    /connection terminated|connection.*(closed|ended|lost)|not queryable|Client was closed/i.test(
      message,
    )
  ) {
    return new IrisConnectionError(
      `Connection to the IRIS server failed or was lost: ${message}`,
      options,
    )
  }
  return new IrisError(message, options)
}
