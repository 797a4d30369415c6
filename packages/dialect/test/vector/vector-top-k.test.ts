import { describeTargets } from '@kysely-iris/sim/testing'
import { describe, expect, it } from 'vitest'
import { nearestNeighbors, toVector, vectorType } from '../../src/index.js'
import { tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'
import { atPrecision, bruteForceTopK, cosine, dot, randomVectors } from './vector-fixtures.js'

/**
 * A vector top-k through every front end: nearest rows first. iris-pgwire rewrites pgvector's
 * distance operators into similarities that sort the other way and mangles some ORDER BY aliases
 * (docs/iris-sql.md#distance-operators, docs/iris-sql.md#the-double-rewrite); the helpers' SQL
 * must pass its rewrites unchanged. The exhaustive checks live in vector-search.test.ts.
 */
const DIMENSIONS = 8
const ROWS = 60
const K = 5

describeTargets(describe, 'vector top-k', (target) => {
  const table = tableName('vec_topk')
  const vectors = randomVectors(7, ROWS, DIMENSIONS)
  const query = randomVectors(8, 1, DIMENSIONS)[0] as number[]
  const t = useTestDatabase({
    target,
    tables: {
      [table]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('embedding', vectorType('double', DIMENSIONS), (c) => c.notNull()),
    },
    seed: (db) =>
      db
        .insertInto(table)
        .values(vectors.map((embedding, id) => ({ id, embedding: toVector(embedding, 'double') })))
        .execute(),
  })

  it.each([
    ['cosine', cosine],
    ['dotProduct', dot],
  ] as const)('by %s returns the nearest rows first', async (metric, similarity) => {
    const rows = await t.db
      .selectFrom(table)
      .select('id')
      .$call((qb) =>
        nearestNeighbors(qb, {
          column: 'embedding',
          vector: query,
          k: K,
          metric,
          elementType: 'double',
          dimensions: DIMENSIONS,
          scoreAs: 'score',
        }),
      )
      .execute()
    const stored = vectors.map((vector, id) => ({ id, vector: atPrecision(vector, 'double') }))
    const expected = bruteForceTopK(stored, query, K, similarity)
    expect(rows.map((row) => row.id)).toEqual(expected.map((row) => row.id))
    rows.forEach((row, i) => {
      expect(Number(row.score)).toBeCloseTo(expected[i]?.score ?? Number.NaN, 9)
    })
  })
})
