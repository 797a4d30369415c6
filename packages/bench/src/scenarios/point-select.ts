import { destroyAll, rawPool, readContenders } from '../contenders.js'
import { scatteredIds } from '../data.js'
import { expectRows, type Scenario, timed } from '../scenario.js'
import { SELECT_ITEM_BY_ID, selectItemById } from './item-queries.js'

export const pointSelect: Scenario = {
  name: 'point-select',
  title: 'Point select by primary key',
  runsOn: ['iris', 'postgres'],
  unit: 'ms',
  metric: 'latency per query',
  baseline: 'raw-pg',
  ops: { full: 300, quick: 40 },
  warmup: { full: 50, quick: 10 },
  async prepare({ target, fixtures }) {
    await fixtures!.items()
    const pool = rawPool(target!)
    const kyselys = readContenders(target!)
    // Every contender looks up the same ids in the same order.
    const ids = () => scatteredIds(fixtures!.itemRows, 7)
    const rawIds = ids()
    return {
      contenders: [
        {
          id: 'raw-pg',
          measure: timed(() => pool.query(SELECT_ITEM_BY_ID, [rawIds()]), { check: expectRows(1) }),
        },
        ...kyselys.map(({ id, db }) => {
          const next = ids()
          return { id, measure: timed(() => selectItemById(db, next()), { check: expectRows(1) }) }
        }),
      ],
      sizes: { tableRows: fixtures!.itemRows },
      teardown: () => destroyAll(pool, ...kyselys.map((k) => k.db)),
    }
  },
}
