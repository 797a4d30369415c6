import { IrisUnsupportedError } from './errors.js'

/**
 * Length given to `varchar` without one: IRIS reads a length-less VARCHAR as length 1
 * (docs/iris-sql.md#column-types), so the dialect always writes an explicit length.
 */
export const DEFAULT_VARCHAR_LENGTH = 255

/**
 * What `text` becomes. LONGVARCHAR is a stream in IRIS: it cannot be compared with `=`, sorted,
 * grouped or indexed. A long VARCHAR is an ordinary string that can
 * (docs/iris-sql.md#column-types).
 */
export const TEXT_TYPE = 'varchar(32000)'

/**
 * Kysely's column data types in IRIS spelling (docs/iris-sql.md#column-types), written lowercase
 * because iris-pgwire rewrites an uppercase `DOUBLE` in parameterized SQL
 * (docs/iris-sql.md#the-double-rewrite).
 */
const SIMPLE_TYPES: Readonly<Record<string, string>> = {
  varchar: `varchar(${DEFAULT_VARCHAR_LENGTH})`,
  char: 'char(1)',
  text: TEXT_TYPE,
  integer: 'integer',
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  smallint: 'smallint',
  bigint: 'bigint',
  boolean: 'bit',
  real: 'double',
  'double precision': 'double',
  float4: 'double',
  float8: 'double',
  binary: 'varbinary(1)',
  bytea: 'longvarbinary',
  blob: 'longvarbinary',
  varbinary: 'longvarbinary',
  date: 'date',
  datetime: 'timestamp',
  datetime2: 'timestamp',
  time: 'time',
  timestamp: 'timestamp',
  serial: 'integer identity',
  bigserial: 'bigint identity',
  uuid: 'uniqueidentifier',
}

/**
 * Parameterized forms kept as written (docs/iris-sql.md#column-types), with the IRIS name where it
 * differs.
 */
const PARAMETERIZED_TYPES: ReadonlyArray<[RegExp, (args: string) => string]> = [
  [/^varchar\((\d+)\)$/, (n) => `varchar(${n})`],
  [/^char\((\d+)\)$/, (n) => `char(${n})`],
  [/^decimal\((\d+, \d+)\)$/, (ps) => `decimal(${ps})`],
  [/^numeric\((\d+, \d+)\)$/, (ps) => `numeric(${ps})`],
  [/^binary\((\d+)\)$/, (n) => `varbinary(${n})`],
  [/^varbinary\((\d+)\)$/, (n) => `varbinary(${n})`],
  [/^(?:timestamp|datetime|datetime2)\((\d+)\)$/, () => 'timestamp'],
  [/^time\((\d+)\)$/, () => 'time'],
]

/**
 * IRIS's `NUMERIC` / `DECIMAL` without a precision is 15 digits of scale 0: every fraction stored
 * in it is rounded away (docs/iris-sql.md#column-types), where Kysely's bare `numeric` means
 * PostgreSQL's unbounded one. Refused rather than written, in DDL and in casts.
 */
const BARE_FIXED_POINT_TYPES: ReadonlySet<string> = new Set(['numeric', 'decimal'])

/** Maps a Kysely data type to IRIS DDL, or refuses one IRIS has no equivalent for. */
export function toIrisDataType(dataType: string): string {
  if (BARE_FIXED_POINT_TYPES.has(dataType)) {
    throw new IrisUnsupportedError(
      `IRIS's '${dataType}' without a precision has scale 0 and 15 digits: the fraction of every value is rounded away; write '${dataType}(p, s)', e.g. '${dataType}(15, 2)', or sql\`${dataType}(15, 0)\` for whole numbers`,
    )
  }
  const simple = SIMPLE_TYPES[dataType]
  if (simple) return simple
  for (const [pattern, render] of PARAMETERIZED_TYPES) {
    const match = pattern.exec(dataType)
    if (match) return render(match[1] ?? '')
  }
  throw new IrisUnsupportedError(`IRIS has no column type '${dataType}': ${hint(dataType)}`)
}

function hint(dataType: string): string {
  if (/tz/.test(dataType)) return 'IRIS dates carry no time zone; use timestamp and store UTC'
  if (/json/.test(dataType)) return 'store JSON text in a varchar column, e.g. sql`varchar(32000)`'
  return 'use one of varchar(n), char(n), text, integer, smallint, bigint, decimal(p, s), numeric(p, s), double precision, boolean, date, time, timestamp, varbinary(n), bytea, uuid, serial, or write an IRIS type with sql`...`'
}
