/**
 * The Python value each of IRIS's drivers returns for one value of a result column, by the
 * column's ODBC type (docs/iris-sql.md#the-iris-driver-iris-pgwire-uses):
 * - DB-API (the external backend): NULL is None; integers are `int`, BIT is 0 / 1, NUMERIC is
 *   `Decimal`, DOUBLE is `float`, anything else (dates and times too) the text.
 * - `iris.sql.exec` (the embedded backend): NULL comes back as `''`, and numbers are canonical, as
 *   ObjectScript keeps them: NUMERIC 3.00 is the `int` 3, 2.50 the `float` 2.5.
 */
import { ODBC } from './odbc-types.js'
import {
  NONE,
  type PythonValue,
  pythonDecimal,
  pythonFloat,
  pythonInt,
  pythonStr,
} from './python-values.js'

/** BIT arrives as `1` / `0`, an integer: no result column is a boolean expression (predicate-columns.ts). */
const INTEGER_TYPES: ReadonlySet<number> = new Set([
  ODBC.BIT,
  ODBC.BIGINT,
  ODBC.INTEGER,
  ODBC.SMALLINT,
  ODBC.TINYINT,
])

export function dbapiValue(text: string | null, odbcType: number): PythonValue {
  if (text === null) return NONE
  if (INTEGER_TYPES.has(odbcType)) return pythonInt(text)
  if (odbcType === ODBC.NUMERIC || odbcType === ODBC.DECIMAL) return pythonDecimal(text)
  if (odbcType === ODBC.DOUBLE || odbcType === ODBC.REAL) return pythonFloat(text)
  return pythonStr(text)
}

/** A NUMERIC's canonical ObjectScript number: an `int` when it is whole, else a `float`. */
function canonicalNumber(text: string): PythonValue {
  const whole = /^(-?\d+)(?:\.0*)?$/.exec(text)
  return whole?.[1] === undefined ? pythonFloat(text) : pythonInt(whole[1])
}

export function embeddedValue(text: string | null, odbcType: number): PythonValue {
  if (text === null) return pythonStr('')
  if (odbcType === ODBC.NUMERIC || odbcType === ODBC.DECIMAL) return canonicalNumber(text)
  return dbapiValue(text, odbcType)
}
