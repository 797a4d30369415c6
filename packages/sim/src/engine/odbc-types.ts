/**
 * The ODBC type code InterSystems' DB-API driver reports for a result column in
 * `cursor.description`, which iris-pgwire's external backend maps to a type OID
 * (docs/iris-sql.md#the-iris-driver-iris-pgwire-uses, docs/iris-sql.md#result-types).
 */
import { OID, type ShapedColumn } from './result-shaping.js'

export const ODBC = {
  BIGINT: -5,
  BIT: -7,
  CHAR: 1,
  DATE: 9,
  DECIMAL: 3,
  DOUBLE: 8,
  INTEGER: 4,
  LONGVARCHAR: -1,
  NUMERIC: 2,
  REAL: 7,
  SMALLINT: 5,
  TIME: 10,
  TIMESTAMP: 11,
  TINYINT: -6,
  VARBINARY: -3,
  VARCHAR: 12,
} as const

/** By the type the sim describes a column with (profile `iris`); string expressions are VARCHAR in IRIS. */
const BY_TYPE_ID: ReadonlyMap<number, number> = new Map([
  [OID.bool, ODBC.BIT],
  [17, ODBC.VARBINARY], // bytea
  [OID.int8, ODBC.BIGINT],
  [OID.int2, ODBC.SMALLINT],
  [OID.int4, ODBC.INTEGER],
  [OID.text, ODBC.VARCHAR],
  [OID.float4, ODBC.REAL],
  [OID.float8, ODBC.DOUBLE],
  [1042, ODBC.VARCHAR], // bpchar
  [1043, ODBC.VARCHAR], // varchar
  [1082, ODBC.DATE],
  [1083, ODBC.TIME],
  [1114, ODBC.TIMESTAMP],
  [OID.numeric, ODBC.NUMERIC],
])

/** Declared IRIS types that the sim's PostgreSQL type does not tell apart (TINYINT is int2, LONGVARCHAR text). */
const BY_DECLARED_TYPE: ReadonlyMap<string, number> = new Map([
  ['tinyint', ODBC.TINYINT],
  ['longvarchar', ODBC.LONGVARCHAR],
])

export function odbcTypeOf(column: ShapedColumn): number {
  const declared =
    column.declaredType === undefined ? undefined : BY_DECLARED_TYPE.get(column.declaredType)
  return declared ?? BY_TYPE_ID.get(column.field.dataTypeID) ?? ODBC.VARCHAR
}
