import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type DB, EMBEDDING_DIMENSION, embed } from '@kysely-iris/demo'
import type { Kysely } from 'kysely'
import { nearestNeighbors } from 'kysely-iris'
import { badRequest } from '../http-errors.js'
import { DEFAULT_K, SearchBody, SearchHits } from '../schemas.js'

/**
 * `POST /search { vector } | { text }`: the k most similar documents by cosine similarity (higher
 * is closer, docs/iris-sql.md#vector-functions), in the `SELECT TOP k ... ORDER BY
 * VECTOR_COSINE(...) DESC` shape an HNSW index serves (docs/iris-sql.md#hnsw-indexes). Text is
 * embedded by the demo's embed(), the function the stored documents were embedded with.
 */
export const searchRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.post(
    '/search',
    { schema: { body: SearchBody, response: { 200: SearchHits } } },
    async (request) => {
      const { body } = request
      const vector = 'vector' in body ? body.vector : embedText(body.text)
      // A vector of another length is an IrisInputError before anything is sent (→ 400).
      const hits = await nearestNeighbors(
        db.selectFrom('DOCUMENT').select(['id', 'slug', 'title']),
        {
          column: 'embedding',
          vector,
          dimensions: EMBEDDING_DIMENSION,
          k: body.k ?? DEFAULT_K,
          scoreAs: 'score',
        },
      ).execute()
      return { hits: hits.map((hit) => ({ ...hit, score: Number(hit.score) })) }
    },
  )
}

function embedText(text: string): number[] {
  try {
    return embed(text)
  } catch (error) {
    if (error instanceof RangeError) throw badRequest(error.message)
    throw error
  }
}
