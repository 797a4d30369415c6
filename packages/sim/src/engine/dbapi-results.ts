/**
 * Results as iris-pgwire 1.0.1's external backend presents them (docs/iris-sql.md#result-types):
 * each column's type OID is mapped from the DB-API driver's ODBC type code by a table that misreads
 * several codes (DOUBLE becomes time, SMALLINT float8, BIGINT and TIMESTAMP text), and each value is
 * `str()` of the driver's Python value, so a DOUBLE of 100 reads `100.0`, a BIT `t` / `f`, and a
 * DATE the number of days since 2000-01-01 (iris-pgwire converts dates for the binary format and
 * sends that number as text too).
 */
import { dbapiValue } from './driver-values.js'
import { ODBC, odbcTypeOf } from './odbc-types.js'
import { pgwireColumnName } from './pgwire-column-name.js'
import { pgwireField } from './pgwire-fields.js'
import { type PythonValue, sentText } from './python-values.js'
import { OID, type ShapedColumn } from './result-shaping.js'
import type { FieldDescription } from './types.js'

const DATE = 1082

/** iris-pgwire's `_iris_type_to_pg_oid` for integer codes; anything else is text. */
const TYPE_ID_BY_ODBC: ReadonlyMap<number, number> = new Map([
  [ODBC.BIT, OID.bool],
  [ODBC.CHAR, OID.int4],
  [ODBC.NUMERIC, OID.numeric],
  [ODBC.DECIMAL, OID.int8],
  [ODBC.INTEGER, OID.int4],
  [ODBC.SMALLINT, OID.float8],
  [ODBC.DOUBLE, 1083], // time
  [ODBC.DATE, DATE],
  [ODBC.TIME, 1114], // timestamp
  [ODBC.VARCHAR, 1043],
])

/**
 * A NUMERIC column is float8, unless the statement's text casts `AS INTEGER` (int4) or
 * `AS NUMERIC` / `AS DECIMAL` (numeric) anywhere: the test reads the whole text, not the column.
 */
function numericTypeID(sql: string): number {
  const upper = sql.toUpperCase()
  if (upper.includes('AS INTEGER') || upper.includes('AS INT')) return OID.int4
  if (upper.includes('AS NUMERIC') || upper.includes('AS DECIMAL')) return OID.numeric
  return OID.float8
}

export function dbapiTypeID(odbcType: number, sql: string): number {
  if (odbcType === ODBC.NUMERIC) return numericTypeID(sql)
  return TYPE_ID_BY_ODBC.get(odbcType) ?? OID.text
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1)
const DAY_MS = 86_400_000

/** An ISO date `YYYY-MM-DD` as days since 2000-01-01, as Python's strptime reads it; else undefined. */
function daysSince2000(text: string): number | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  if (!match) return undefined
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return (date.getTime() - PG_EPOCH_MS) / DAY_MS
}

/** What iris-pgwire sends as `f` for a bool column (anything else is `t`): 0, false and empty values. */
const FALSE_TEXTS: ReadonlySet<string> = new Set(['0', 'f', 'false', 'FALSE', ''])

/** The text iris-pgwire sends for one value of a column of type `typeID`. */
function sentDbapiText(value: PythonValue, typeID: number): string | null {
  const text = sentText(value)
  if (text === null) return null
  if (typeID === OID.bool) return FALSE_TEXTS.has(text) ? 'f' : 't'
  if (typeID === DATE && value.type === 'str') return String(daysSince2000(text) ?? text)
  return text
}

/** The fields and row values of a result, as the external backend sends them; `sql` is the statement's text. */
export function dbapiColumnsAndRows(
  columns: readonly ShapedColumn[],
  rows: readonly (string | null)[][],
  sql: string,
): { fields: FieldDescription[]; rows: (string | null)[][] } {
  const odbcTypes = columns.map(odbcTypeOf)
  const typeIDs = odbcTypes.map((odbcType) => dbapiTypeID(odbcType, sql))
  return {
    fields: columns.map((column, i) =>
      pgwireField(pgwireColumnName(column.field.name, sql), typeIDs[i] ?? OID.text),
    ),
    rows: rows.map((row) =>
      row.map((text, i) =>
        sentDbapiText(dbapiValue(text, odbcTypes[i] ?? ODBC.VARCHAR), typeIDs[i] ?? OID.text),
      ),
    ),
  }
}
