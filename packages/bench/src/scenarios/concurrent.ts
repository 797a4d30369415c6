import { destroyAll, kyselyContenders, POOL_SIZE, rawPool } from '../contenders.js'
import { scatteredIds } from '../data.js'
import { ITEM_ROWS } from '../fixtures.js'
import type { Measurement, Scenario } from '../scenario.js'
import { SELECT_ITEM_BY_ID, selectItemById } from './item-queries.js'

export const CONCURRENT_QUERIES = 1000

/**
 * Starts {@link CONCURRENT_QUERIES} point selects at once on a {@link POOL_SIZE}-connection pool and
 * waits for all. The sample is the batch's wall time (throughput = queries / wall time); each
 * query's own latency, queueing for a connection included, is kept for the p99. A failed query is
 * counted, not thrown: the goal is zero errors.
 */
async function burst(
  query: (id: number) => Promise<unknown>,
  nextId: () => number,
): Promise<Measurement> {
  const latencies: number[] = []
  let errors = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENT_QUERIES }, async () => {
      const issued = performance.now()
      try {
        await query(nextId())
      } catch {
        errors++
      }
      latencies.push(performance.now() - issued)
    }),
  )
  return { value: performance.now() - start, latencies, errors }
}

export const concurrent: Scenario = {
  name: 'concurrent',
  title: `${CONCURRENT_QUERIES} concurrent point selects, ${POOL_SIZE}-connection pool`,
  runsOn: ['iris', 'postgres'],
  unit: 'ms',
  metric: `wall time per ${CONCURRENT_QUERIES} queries`,
  baseline: 'raw-pg',
  ops: { full: 3, quick: 1 },
  warmup: { full: 1, quick: 0 },
  async prepare({ target, fixtures }) {
    await fixtures!.items()
    const pool = rawPool(target!)
    const kyselys = kyselyContenders(target!)
    const ids = () => scatteredIds(ITEM_ROWS, 11)
    const rawIds = ids()
    return {
      contenders: [
        { id: 'raw-pg', measure: () => burst((id) => pool.query(SELECT_ITEM_BY_ID, [id]), rawIds) },
        ...kyselys.map(({ id, db }) => {
          const next = ids()
          return { id, measure: () => burst((key) => selectItemById(db, key), next) }
        }),
      ],
      sizes: { queries: CONCURRENT_QUERIES, poolSize: POOL_SIZE, tableRows: ITEM_ROWS },
      perSample: { count: CONCURRENT_QUERIES, noun: 'queries' },
      teardown: () => destroyAll(pool, ...kyselys.map((k) => k.db)),
    }
  },
}
