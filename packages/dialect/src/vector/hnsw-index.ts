import { type RawBuilder, sql } from 'kysely'
import { IrisInputError } from '../errors.js'
import { checkVectorIdentifier } from './vector-identifier.js'

/** The similarity an HNSW index is built for; a search must order by the same function. */
export type HnswDistance = 'cosine' | 'dotProduct'

const DISTANCE_KEYWORDS: Readonly<Record<HnswDistance, string>> = {
  cosine: "'Cosine'",
  dotProduct: "'DotProduct'",
}

export interface HnswIndexOptions {
  /** The index name, a plain IRIS name. */
  readonly name: string
  /** The table, `table` or `schema.table`. */
  readonly table: string
  /** The fixed-length FLOAT, DOUBLE or DECIMAL vector column (docs/iris-sql.md#hnsw-indexes). */
  readonly column: string
  /** `cosine` serves VECTOR_COSINE searches, `dotProduct` VECTOR_DOT_PRODUCT ones. */
  readonly distance: HnswDistance
  /**
   * Links per node (IRIS's `M`); 2 to 1000 (docs/iris-sql.md#hnsw-indexes). IRIS's default applies
   * when left out.
   */
  readonly m?: number
  /** Candidate list size while building (IRIS's `efConstruct`); 1 to 10000. */
  readonly efConstruct?: number
}

/**
 * `CREATE INDEX name ON table (column) AS HNSW(Distance='Cosine', M=16, efConstruct=64)`
 * (docs/iris-sql.md#hnsw-indexes). Run it with `.execute(db)`.
 *
 * DDL takes no parameters (docs/iris-sql.md#text-rewrites), so every name must be a plain IRIS name
 * and every number a whole number in range; anything else is an {@link IrisInputError} before
 * anything is sent. The index pays off from about 10K rows; it serves `SELECT TOP k … ORDER BY
 * VECTOR_COSINE(…) DESC` (see `nearestNeighbors`).
 */
export function createHnswIndex(options: HnswIndexOptions): RawBuilder<unknown> {
  const name = checkVectorIdentifier(options.name, 'HNSW index name', 1)
  const table = checkVectorIdentifier(options.table, 'HNSW table')
  const column = checkVectorIdentifier(options.column, 'HNSW column', 1)
  const distance = Object.hasOwn(DISTANCE_KEYWORDS, options.distance)
    ? DISTANCE_KEYWORDS[options.distance]
    : undefined
  if (distance === undefined) {
    throw new IrisInputError(
      `HNSW distance ${JSON.stringify(options.distance)} is not supported; use 'cosine' or 'dotProduct'`,
    )
  }
  const parameters = [`Distance=${distance}`]
  if (options.m !== undefined)
    parameters.push(`M=${checkWholeNumber(options.m, 'HNSW M', 2, 1000)}`)
  if (options.efConstruct !== undefined) {
    parameters.push(
      `efConstruct=${checkWholeNumber(options.efConstruct, 'HNSW efConstruct', 1, 10_000)}`,
    )
  }
  return sql`CREATE INDEX ${sql.id(name)} ON ${sql.table(table)} (${sql.id(column)}) AS HNSW(${sql.raw(parameters.join(', '))})`
}

function checkWholeNumber(value: number, what: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new IrisInputError(
      `${what} must be a whole number from ${min} to ${max}, not ${String(value)}`,
    )
  }
  return value
}
