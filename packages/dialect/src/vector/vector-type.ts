import { type RawBuilder, sql } from 'kysely'
import { checkDimensions, checkElementType, type VectorElementType } from './vector-text.js'

/**
 * The column type `VECTOR(FLOAT, 384)` for the schema builder's `addColumn`
 * (docs/iris-sql.md#the-vector-type):
 *
 * ```ts
 * db.schema.createTable('items').addColumn('embedding', vectorType('float', 384))
 * ```
 *
 * The length is optional for IRIS, but an HNSW index needs a fixed length
 * (docs/iris-sql.md#hnsw-indexes). The element type is written in lower case, as every type word
 * the dialect writes: an upper-case `DOUBLE` becomes `DOUBLE PRECISION` wherever this type lands in
 * parameterized SQL, a CAST for one (docs/iris-sql.md#the-double-rewrite).
 */
export function vectorType(elementType: VectorElementType, length?: number): RawBuilder<unknown> {
  const type = checkElementType(elementType)
  // Both parts are checked against fixed lists and ranges: DDL takes no parameters
  // (docs/iris-sql.md#text-rewrites).
  return length === undefined
    ? sql.raw(`VECTOR(${type})`)
    : sql.raw(`VECTOR(${type}, ${checkDimensions(length)})`)
}
