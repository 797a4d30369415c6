import { IrisConfigError } from './errors.js'
import type { IrisPool, ResolvedIrisDialectConfig } from './iris-dialect-config.js'

type TypeParser = (value: string) => unknown
interface PgTypes {
  getTypeParser(oid: number, format?: 'text' | 'binary'): TypeParser
}
interface PgModule {
  Pool: new (
    options: Record<string, unknown>,
  ) => IrisPool & { on(event: 'error', listener: (error: Error) => void): unknown }
  types: PgTypes
}

/** PostgreSQL type OIDs the value options re-parse. */
const OID = {
  bool: 16,
  int8: 20,
  numeric: 1700,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
} as const

/**
 * Builds the `pg` Pool when the user gave none. `pg` is a peer dependency loaded lazily, so a
 * project that passes its own pool never needs it resolved here.
 */
export async function createPool(config: ResolvedIrisDialectConfig): Promise<IrisPool> {
  const pg = await loadPg()
  const pool = new pg.Pool({
    ...config.poolOptions,
    connectionString: config.connectionString,
    ...defined({
      ssl: config.ssl,
      max: config.maxConnections,
      connectionTimeoutMillis: config.connectionTimeoutMillis,
      idleTimeoutMillis: config.idleTimeoutMillis,
      query_timeout: config.queryTimeoutMillis,
    }),
    // Per-pool parsing: pg's global registry (pg.types.setTypeParser) is never touched, so other
    // pools in the same process keep their own behaviour.
    types: { getTypeParser: typeParsers(config, pg.types) },
  })
  // An idle client whose server went away emits 'error' on the pool; pg has already removed it,
  // and without a listener Node would crash the process. The next query gets a fresh connection.
  pool.on('error', () => {})
  return pool
}

async function loadPg(): Promise<PgModule> {
  try {
    const module = (await import('pg')) as unknown as { default?: PgModule } & PgModule
    return module.default ?? module
  } catch (cause) {
    throw new IrisConfigError(
      'kysely-iris needs the "pg" package (a peer dependency): run `npm install pg`, or pass your own `pool`.',
      { cause },
    )
  }
}

/**
 * A `getTypeParser` applying the int8 / numeric / date options. Under `iris` the server declares
 * these types; under iris-pgwire 1.0 most values arrive as int4/float8/text
 * (docs/iris-sql.md#result-types), so the defaults are the ones that give the same JS value in
 * both: dates stay strings, and a bool is the 1 / 0 a BIT gives where it arrives as an integer
 * (docs/iris-sql.md#booleans).
 */
export function typeParsers(
  config: Pick<ResolvedIrisDialectConfig, 'int8' | 'numeric' | 'date'>,
  fallback: PgTypes,
): (oid: number, format?: 'text' | 'binary') => TypeParser {
  const overrides = new Map<number, TypeParser>()
  overrides.set(
    OID.int8,
    config.int8 === 'bigint' ? BigInt : config.int8 === 'number' ? Number : String,
  )
  overrides.set(OID.numeric, config.numeric === 'number' ? Number : String)
  const dateParser: TypeParser = config.date === 'Date' ? parseOdbcDate : String
  for (const oid of [OID.timestamp, OID.timestamptz]) overrides.set(oid, dateParser)
  overrides.set(OID.date, (value) => dateParser(fromPgDays(value)))
  overrides.set(OID.time, timeOrDouble)
  overrides.set(OID.bool, bitValue)
  return (oid, format = 'text') =>
    (format === 'text' ? overrides.get(oid) : undefined) ?? fallback.getTypeParser(oid, format)
}

/**
 * iris-pgwire's external backend sends a DATE as PostgreSQL's day number (days since 2000-01-01)
 * in text (docs/iris-sql.md#result-types); a date's own text is never a bare integer.
 */
function fromPgDays(value: string): string {
  if (!/^-?\d+$/.test(value)) return value
  return new Date(Date.UTC(2000, 0, 1 + Number(value))).toISOString().slice(0, 10)
}

/**
 * iris-pgwire's external backend announces DOUBLE as TIME (docs/iris-sql.md#result-types); a
 * time's own text always has colons, so a bare number is the DOUBLE it is.
 */
function timeOrDouble(value: string): string | number {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(Infinity|NaN)$/.test(value)
    ? Number(value)
    : value
}

/** A bool's text as a BIT's value; PostgreSQL and iris-pgwire send `t` / `f`. */
const BIT_VALUES: ReadonlyMap<string, number> = new Map([
  ['t', 1],
  ['f', 0],
  ['true', 1],
  ['false', 0],
  ['1', 1],
  ['0', 0],
])

/**
 * iris-pgwire's embedded backend sends a BIT as the integer it is, which no parser can tell from an
 * INTEGER; so a BIT announced as bool is read as the same 1 / 0 (docs/iris-sql.md#booleans).
 */
function bitValue(value: string): number | string {
  return BIT_VALUES.get(value) ?? value
}

/**
 * `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS[.fff]` (IRIS ODBC format, docs/iris-sql.md#dates-and-times),
 * read as UTC.
 */
function parseOdbcDate(value: string): Date | string {
  const iso =
    value.length === 10
      ? `${value}T00:00:00Z`
      : `${value.replace(' ', 'T')}${/[Zz+]|-\d\d:?\d\d$/.test(value.slice(10)) ? '' : 'Z'}`
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? value : date
}

function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined))
}
