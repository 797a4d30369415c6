import { type Expression, isExpression, type RawBuilder, sql } from 'kysely'
import { type VectorOperand, vectorOperand } from './to-vector.js'
import { checkVectorIdentifier } from './vector-identifier.js'
import type { VectorTextOptions } from './vector-text.js'

/** A vector column: its name (`embedding`, `items.embedding`) or any Kysely expression. */
export type VectorColumn = string | Expression<unknown>

/**
 * `VECTOR_COSINE(column, TO_VECTOR($n, float))`: cosine **similarity** in [-1, 1], higher is
 * closer, so nearest-first is `ORDER BY … DESC` (docs/iris-sql.md#vector-functions). Not pgvector's
 * `<=>`, which is a distance.
 */
export function cosineSimilarity(
  column: VectorColumn,
  vector: VectorOperand,
  options?: VectorTextOptions,
): RawBuilder<number> {
  return sql<number>`VECTOR_COSINE(${columnExpression(column)}, ${vectorOperand(vector, options)})`
}

/**
 * `VECTOR_DOT_PRODUCT(column, TO_VECTOR($n, float))`: a similarity, higher is closer
 * (docs/iris-sql.md#vector-functions). pgvector's `<#>` is its negation.
 */
export function dotProduct(
  column: VectorColumn,
  vector: VectorOperand,
  options?: VectorTextOptions,
): RawBuilder<number> {
  return sql<number>`VECTOR_DOT_PRODUCT(${columnExpression(column)}, ${vectorOperand(vector, options)})`
}

/**
 * `(1 - VECTOR_COSINE(…))`: cosine distance in [0, 2], lower is closer, the value pgvector's `<=>`
 * gives. IRIS has no distance function (docs/iris-sql.md#vector-functions), and its HNSW index
 * serves only the similarity form ordered DESC (docs/iris-sql.md#hnsw-indexes): use
 * {@link cosineSimilarity} to sort nearest-first.
 */
export function cosineDistance(
  column: VectorColumn,
  vector: VectorOperand,
  options?: VectorTextOptions,
): RawBuilder<number> {
  return sql<number>`(1 - ${cosineSimilarity(column, vector, options)})`
}

/** A column name, checked and quoted by the compiler; an expression as given. */
export function columnExpression(column: VectorColumn): Expression<unknown> {
  return isExpression(column) ? column : sql.ref(checkVectorIdentifier(column, 'vector column', 3))
}
