import type { SelectQueryBuilder } from 'kysely'
import { IrisInputError } from '../errors.js'
import type { HnswDistance } from './hnsw-index.js'
import { cosineSimilarity, dotProduct, type VectorColumn } from './similarity.js'
import type { VectorOperand } from './to-vector.js'
import { checkVectorIdentifier } from './vector-identifier.js'
import type { VectorTextOptions } from './vector-text.js'

export interface NearestNeighborsOptions extends VectorTextOptions {
  /** The vector column searched: a name or an expression. */
  readonly column: VectorColumn
  /** The query vector; it travels as one parameter. */
  readonly vector: VectorOperand
  /** How many rows to return: `TOP k`. */
  readonly k: number
  /** `cosine` (VECTOR_COSINE, the default) or `dotProduct` (VECTOR_DOT_PRODUCT); match the HNSW index. */
  readonly metric?: HnswDistance
}

const SIMILARITY = { cosine: cosineSimilarity, dotProduct } as const

/**
 * Turns a select into the nearest-neighbour shape an HNSW index serves
 * (docs/iris-sql.md#hnsw-indexes):
 *
 * ```sql
 * select top $1 "id", VECTOR_COSINE("embedding", TO_VECTOR($2, float)) as "score"
 * from "items" where "category" = $3
 * order by VECTOR_COSINE("embedding", TO_VECTOR($4, float)) desc
 * ```
 *
 * The query vector stays a parameter; ORDER BY repeats the similarity instead of naming the alias
 * because that is the form the index is documented to serve. `TOP` is valid in both paging modes
 * (docs/iris-sql.md#row-limits). WHERE filters and joins added before or after combine as usual; a
 * builder that is already ordered or limited is refused, since the similarity must be the first
 * sort key and TOP, LIMIT and FETCH cannot be mixed (SQLCODE -386).
 *
 * With `scoreAs`, the similarity is also selected under that name (a number, higher is closer).
 */
export function nearestNeighbors<DB, TB extends keyof DB, O, A extends string>(
  qb: SelectQueryBuilder<DB, TB, O>,
  options: NearestNeighborsOptions & { readonly scoreAs: A },
): SelectQueryBuilder<DB, TB, O & { [K in A]: number }>
export function nearestNeighbors<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  options: NearestNeighborsOptions & { readonly scoreAs?: undefined },
): SelectQueryBuilder<DB, TB, O>
export function nearestNeighbors<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  options: NearestNeighborsOptions & { readonly scoreAs?: string },
): SelectQueryBuilder<DB, TB, O> {
  const { column, vector, k, metric = 'cosine', scoreAs } = options
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new IrisInputError(
      `nearestNeighbors k must be a whole number of at least 1, not ${String(k)}`,
    )
  }
  const similarity = Object.hasOwn(SIMILARITY, metric) ? SIMILARITY[metric] : undefined
  if (similarity === undefined) {
    throw new IrisInputError(
      `nearestNeighbors metric ${JSON.stringify(metric)} is not supported; use 'cosine' or 'dotProduct'`,
    )
  }
  const node = qb.toOperationNode()
  if (node.orderBy || node.limit || node.offset || node.fetch || node.top) {
    throw new IrisInputError(
      'nearestNeighbors needs a select without orderBy, limit, offset, fetch or top: it adds TOP k and orders by similarity first',
    )
  }
  const score = similarity(column, vector, options)
  const selected =
    scoreAs === undefined
      ? qb
      : (qb.select(
          score.as(checkVectorIdentifier(scoreAs, 'scoreAs', 1)),
        ) as unknown as SelectQueryBuilder<DB, TB, O>)
  return selected.top(k).orderBy(score, 'desc')
}
