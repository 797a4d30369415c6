import { createHnswIndex, nearestNeighbors, toVector, vectorType } from 'kysely-iris'
import { destroyAll, irisDb, rawPool } from '../contenders.js'
import { seededRandom, unitVector } from '../data.js'
import { expectRows, type Scenario, timed } from '../scenario.js'

const DIMENSIONS = 384
const K = 10
const QUERY_VECTORS = 20
/** Rows per seeding insert: the sim parses many small statements faster than a few large ones. */
const SEED_BATCH = 50

/**
 * The statement nearestNeighbors() writes, by hand: `TOP k` and ORDER BY the similarity itself, the
 * shape an HNSW index serves (docs/iris-sql.md#hnsw-indexes); the query vector travels as a
 * parameter, twice.
 */
const TOP_K_SQL =
  'select top $1 "id", VECTOR_COSINE("embedding", TO_VECTOR($2, float)) as "score" from "BENCH_VECTOR" ' +
  'order by VECTOR_COSINE("embedding", TO_VECTOR($3, float)) desc'

export const vectorTop10: Scenario = {
  name: 'vector-top10',
  title: `Vector top-${K} by cosine, ${DIMENSIONS} dimensions`,
  runsOn: ['iris'],
  irisOnly: 'VECTOR columns, TO_VECTOR and VECTOR_COSINE; no pgvector on the local PostgreSQL',
  unit: 'ms',
  metric: 'latency per search',
  baseline: 'raw-pg',
  ops: { full: 10, quick: 3 },
  warmup: { full: 2, quick: 1 },
  async prepare({ target, fixtures, quick, progress }) {
    const count = quick ? 500 : 10_000
    await fixtures!.ensure('BENCH_VECTOR', async () => {
      const db = fixtures!.db
      await db.schema
        .createTable('BENCH_VECTOR')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('embedding', vectorType('float', DIMENSIONS), (c) => c.notNull())
        .execute()
      await createHnswIndex({
        name: 'bench_vector_hnsw',
        table: 'BENCH_VECTOR',
        column: 'embedding',
        distance: 'cosine',
      }).execute(db)
      const random = seededRandom(384)
      for (let first = 1; first <= count; first += SEED_BATCH) {
        const rows = Array.from({ length: Math.min(SEED_BATCH, count - first + 1) }, (_, i) => ({
          id: first + i,
          embedding: toVector(unitVector(random, DIMENSIONS)),
        }))
        await db.insertInto('BENCH_VECTOR').values(rows).execute()
        const seeded = first + rows.length - 1
        if (seeded % 2000 === 0)
          progress(`[${target!.id}] vector-top10: seeded ${seeded}/${count} vectors`)
      }
    })
    const random = seededRandom(10)
    const queries = Array.from({ length: QUERY_VECTORS }, () => unitVector(random, DIMENSIONS))
    const cycle = () => {
      let n = 0
      return () => queries[n++ % queries.length]!
    }
    const pool = rawPool(target!)
    const db = irisDb(target!)
    const rawNext = cycle()
    const next = cycle()
    const check = expectRows(K)
    return {
      contenders: [
        {
          id: 'raw-pg',
          measure: timed(
            () => {
              const text = `[${rawNext().join(',')}]`
              return pool.query(TOP_K_SQL, [K, text, text])
            },
            { check },
          ),
        },
        {
          id: 'kysely-iris',
          measure: timed(
            () =>
              nearestNeighbors(db.selectFrom('BENCH_VECTOR').select('id'), {
                column: 'embedding',
                vector: next(),
                k: K,
                scoreAs: 'score',
              }).execute(),
            { check },
          ),
        },
      ],
      sizes: { vectors: count, dimensions: DIMENSIONS, k: K },
      teardown: () => destroyAll(pool, db),
    }
  },
}
