import type { Kysely } from 'kysely'
import { nearestNeighbors } from 'kysely-iris'
import type { DB } from '../demo-schema.js'
import { EMBEDDING_DIMENSION, embed } from '../embed.js'
import type { StepLog } from '../report.js'

/** The fixed query whose top-k the demo prints (and its test checks). */
export const SEARCH_TEXT = 'nearest neighbour search with hnsw and cosine similarity'
export const TOP_K = 5

export interface SearchHit {
  slug: string
  score: number
}

/**
 * The k documents most similar to {@link SEARCH_TEXT}: `SELECT TOP k ... ORDER BY
 * VECTOR_COSINE(embedding, TO_VECTOR(?, float)) DESC`, the shape an HNSW index serves
 * (docs/iris-sql.md#hnsw-indexes). VECTOR_COSINE is a similarity: higher is closer
 * (docs/iris-sql.md#vector-functions).
 */
export async function vectorSearch(db: Kysely<DB>, log: StepLog): Promise<SearchHit[]> {
  const query = nearestNeighbors(db.selectFrom('DOCUMENT').select(['id', 'slug', 'title']), {
    column: 'embedding',
    vector: embed(SEARCH_TEXT),
    dimensions: EMBEDDING_DIMENSION,
    k: TOP_K,
    scoreAs: 'score',
  })
  const hits = await query.execute()
  log.line(`top ${TOP_K} by cosine similarity to "${SEARCH_TEXT}":`)
  log.table(
    hits.map((hit) => ({ ...hit, score: Number(hit.score) })),
    ['id', 'slug', 'score', 'title'],
  )
  log.sql(query.compile().sql)
  return hits.map((hit) => ({ slug: hit.slug, score: Number(hit.score) }))
}
