/**
 * How the dialect hands back values whose JavaScript type is a choice. Each mirrors the
 * `IrisDialect` option of the same name (kysely-iris `IrisDialectConfig`), with the same default,
 * so that generated types match `new IrisDialect()` unless both sides are configured alike.
 */
export const INT8_TYPES = ['number', 'bigint', 'string'] as const
export const NUMERIC_TYPES = ['string', 'number'] as const
export const DATE_TYPES = ['string', 'Date'] as const
/**
 * `string` is what a VECTOR column returns (docs/iris-sql.md#vector-results); `number[]` with the
 * vector plugin.
 */
export const VECTOR_TYPES = ['string', 'number[]'] as const

export type Int8Type = (typeof INT8_TYPES)[number]
export type NumericType = (typeof NUMERIC_TYPES)[number]
export type DateType = (typeof DATE_TYPES)[number]
export type VectorType = (typeof VECTOR_TYPES)[number]

export interface ValueTypes {
  /** BIGINT. Dialect option `int8`. */
  readonly int8: Int8Type
  /** NUMERIC / DECIMAL. Dialect option `numeric`. */
  readonly numeric: NumericType
  /** DATE / TIMESTAMP / POSIXTIME (TIME is always a string). Dialect option `date`. */
  readonly date: DateType
  /** VECTOR. `number[]` only when results go through the vector plugin. */
  readonly vector: VectorType
}

export const DEFAULT_VALUE_TYPES: ValueTypes = {
  int8: 'number',
  numeric: 'string',
  date: 'string',
  vector: 'string',
}
