import { destroyAll, POOL_SIZE, rawPool, readContenders } from '../contenders.js'
import { scatteredIds } from '../data.js'
import type { Measurement, Scenario } from '../scenario.js'
import { SELECT_ITEM_BY_ID, selectItemById } from './item-queries.js'

/** Queries in one burst; --quick, a smoke run, sends fewer. */
const BURST = { full: 1000, quick: 250 }

/**
 * Starts `count` point selects at once on a {@link POOL_SIZE}-connection pool and waits for all. The sample is the batch's wall time (throughput = queries / wall time); each
 * query's own latency, queueing for a connection included, is kept for the p99. A failed query is
 * counted, not thrown: the goal is zero errors.
 */
async function burst(
  count: number,
  query: (id: number) => Promise<unknown>,
  nextId: () => number,
): Promise<Measurement> {
  const latencies: number[] = []
  let errors = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: count }, async () => {
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
  title: `Concurrent point selects, ${POOL_SIZE}-connection pool`,
  runsOn: ['iris', 'postgres'],
  unit: 'ms',
  metric: 'wall time per burst',
  baseline: 'raw-pg',
  ops: { full: 2, quick: 1 },
  warmup: { full: 1, quick: 0 },
  async prepare({ target, fixtures, quick }) {
    const count = quick ? BURST.quick : BURST.full
    await fixtures!.items()
    const pool = rawPool(target!)
    const kyselys = readContenders(target!)
    const ids = () => scatteredIds(fixtures!.itemRows, 11)
    const rawIds = ids()
    return {
      contenders: [
        {
          id: 'raw-pg',
          measure: () => burst(count, (id) => pool.query(SELECT_ITEM_BY_ID, [id]), rawIds),
        },
        ...kyselys.map(({ id, db }) => {
          const next = ids()
          return { id, measure: () => burst(count, (key) => selectItemById(db, key), next) }
        }),
      ],
      sizes: { queries: count, poolSize: POOL_SIZE, tableRows: fixtures!.itemRows },
      perSample: { count, noun: 'queries' },
      teardown: () => destroyAll(pool, ...kyselys.map((k) => k.db)),
    }
  },
}
