import { Kysely, PostgresDialect, type PostgresPool } from 'kysely'
import { IrisDialect } from 'kysely-iris'
import { CATEGORIES, itemRows } from '../data.js'
import type { BenchDB } from '../fixtures.js'
import type { ContenderRun, Scenario } from '../scenario.js'
import { timedPerItem } from '../scenario.js'
import { type CannedResult, StubPool } from '../stub-pool.js'
import { ITEM_COLUMNS, SELECT_ITEM_PAGE, selectItemPage } from './item-queries.js'

/**
 * Client CPU only: no server, a stub pool (see stub-pool.ts). IrisDialect against stock
 * PostgresDialect doing the same work, so the ratio is the IRIS dialect's own cost.
 */

const RESULT_ROWS = 1000
const EMPTY: CannedResult = { command: 'SELECT', fields: [], rows: [] }

/** BENCH_ITEM rows as the wire carries them: int4, varchar, int4, float8, all as text. */
const ITEM_RESULT: CannedResult = {
  command: 'SELECT',
  fields: [
    { name: 'id', dataTypeID: 23 },
    { name: 'name', dataTypeID: 1043 },
    { name: 'category', dataTypeID: 23 },
    { name: 'score', dataTypeID: 701 },
  ],
  rows: itemRows(RESULT_ROWS).map((r) => [
    String(r.id),
    r.name,
    String(r.category),
    String(r.score),
  ]),
}

const answer = (sql: string): CannedResult => (sql.includes('"BENCH_ITEM"') ? ITEM_RESULT : EMPTY)

function stubbedKyselys(): { id: 'kysely-iris' | 'kysely-pg'; db: Kysely<BenchDB> }[] {
  return [
    {
      id: 'kysely-iris',
      db: new Kysely<BenchDB>({ dialect: new IrisDialect({ pool: new StubPool(answer) }) }),
    },
    {
      id: 'kysely-pg',
      // Cast: Kysely's pool type also asks for cursor support, which these scenarios never use.
      db: new Kysely<BenchDB>({
        dialect: new PostgresDialect({ pool: new StubPool(answer) as unknown as PostgresPool }),
      }),
    },
  ]
}

/** Four everyday shapes: point select, filtered page, insert, update. */
function compileShapes(db: Kysely<BenchDB>, n: number): void {
  db.selectFrom('BENCH_ITEM').select(ITEM_COLUMNS).where('id', '=', n).compile()
  db.selectFrom('BENCH_ITEM')
    .select(ITEM_COLUMNS)
    .where('category', '=', n % CATEGORIES)
    .orderBy('score', 'desc')
    .orderBy('id')
    .limit(20)
    .offset(40)
    .compile()
  db.insertInto('BENCH_ITEM')
    .values({ id: n, name: `item ${n}`, category: n % CATEGORIES, score: n / 7 })
    .compile()
  db.updateTable('BENCH_ITEM')
    .set({ name: `renamed ${n}`, score: n / 3 })
    .where('id', '=', n)
    .where('category', '<>', 0)
    .compile()
}

const SHAPES = 4
const ROUNDS_PER_SAMPLE = 50

export const clientCompile: Scenario = {
  name: 'client-compile',
  title: 'Client CPU: build + compile (no server)',
  runsOn: 'client',
  unit: 'µs',
  metric: 'build + compile time per query',
  baseline: 'kysely-pg',
  ops: { full: 60, quick: 10 },
  warmup: { full: 40, quick: 20 },
  async prepare() {
    const kyselys = stubbedKyselys()
    const contenders: ContenderRun[] = kyselys.map(({ id, db }) => ({
      id,
      measure: timedPerItem(SHAPES * ROUNDS_PER_SAMPLE, () => {
        for (let n = 1; n <= ROUNDS_PER_SAMPLE; n++) compileShapes(db, n)
      }),
    }))
    return {
      contenders,
      sizes: {
        queriesPerSample: SHAPES * ROUNDS_PER_SAMPLE,
        shapes: 'point select, filtered page, insert, update',
      },
      teardown: async () => {
        await Promise.all(kyselys.map((k) => k.db.destroy()))
      },
    }
  },
}

export const clientMapping: Scenario = {
  name: 'client-mapping',
  title: `Client CPU: result mapping, ${RESULT_ROWS}-row result (no server)`,
  runsOn: 'client',
  unit: 'µs',
  metric: 'mapping time per result row',
  baseline: 'kysely-pg',
  ops: { full: 60, quick: 10 },
  warmup: { full: 40, quick: 20 },
  async prepare() {
    const kyselys = stubbedKyselys()
    const rawClient = await new StubPool(answer).connect()
    const contenders: ContenderRun[] = [
      {
        id: 'raw-pg',
        measure: timedPerItem(RESULT_ROWS, () =>
          rawClient.query(SELECT_ITEM_PAGE, [0, RESULT_ROWS, 0]),
        ),
      },
      ...kyselys.map(({ id, db }) => ({
        id,
        measure: timedPerItem(RESULT_ROWS, () => selectItemPage(db, 0)),
      })),
    ]
    return {
      contenders,
      sizes: { resultRows: RESULT_ROWS, columns: 'int4, varchar, int4, float8' },
      teardown: async () => {
        await Promise.all(kyselys.map((k) => k.db.destroy()))
      },
    }
  },
}
