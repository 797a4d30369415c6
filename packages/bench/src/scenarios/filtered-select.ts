import { destroyAll, rawPool, readContenders } from '../contenders.js'
import { CATEGORIES } from '../data.js'
import { expectRows, type Scenario, timed } from '../scenario.js'
import { PAGE_OFFSET, PAGE_SIZE, SELECT_ITEM_PAGE, selectItemPage } from './item-queries.js'

export const filteredSelect: Scenario = {
  name: 'filtered-select',
  title: 'Filtered select, order + limit + offset (20 rows)',
  runsOn: ['iris', 'postgres'],
  unit: 'ms',
  metric: 'latency per query',
  baseline: 'raw-pg',
  ops: { full: 200, quick: 20 },
  warmup: { full: 30, quick: 5 },
  async prepare({ target, fixtures }) {
    await fixtures!.items()
    const pool = rawPool(target!)
    const kyselys = readContenders(target!)
    const categories = () => {
      let next = 0
      return () => next++ % CATEGORIES
    }
    const rawCategory = categories()
    const check = expectRows(PAGE_SIZE)
    return {
      contenders: [
        {
          id: 'raw-pg',
          measure: timed(
            () => pool.query(SELECT_ITEM_PAGE, [rawCategory(), PAGE_SIZE, PAGE_OFFSET]),
            { check },
          ),
        },
        ...kyselys.map(({ id, db }) => {
          const category = categories()
          return { id, measure: timed(() => selectItemPage(db, category()), { check }) }
        }),
      ],
      sizes: { tableRows: fixtures!.itemRows, pageSize: PAGE_SIZE, offset: PAGE_OFFSET },
      teardown: () => destroyAll(pool, ...kyselys.map((k) => k.db)),
    }
  },
}
