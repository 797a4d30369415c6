import { type RawBuilder, sql } from 'kysely'
import { checkDimensions, checkElementType, type VectorElementType } from './vector-text.js'

/**
 * The column type `VECTOR(FLOAT, 384)` for the schema builder's `addColumn` (contract §5.1):
 *
 * ```ts
 * db.schema.createTable('items').addColumn('embedding', vectorType('float', 384))
 * ```
 *
 * The length is optional for IRIS, but an HNSW index needs a fixed length (contract §5.5). The type
 * word is upper case: DDL carries no parameters, and only parameterized SQL has its `DOUBLE`
 * rewritten (contract §2.7).
 */
export function vectorType(elementType: VectorElementType, length?: number): RawBuilder<unknown> {
  const type = checkElementType(elementType).toUpperCase()
  // Both parts are checked against fixed lists and ranges: DDL takes no parameters (contract §2.3).
  return length === undefined
    ? sql.raw(`VECTOR(${type})`)
    : sql.raw(`VECTOR(${type}, ${checkDimensions(length)})`)
}
