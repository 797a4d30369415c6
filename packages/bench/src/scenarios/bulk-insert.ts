import type pg from 'pg'
import type { ContenderId } from '../contenders.js'
import { destroyAll, kyselyContenders, rawPool } from '../contenders.js'
import { type ItemRow, itemRows } from '../data.js'
import { type ContenderRun, type Scenario, timed } from '../scenario.js'

/** Parameters per statement: the dialect's default chunk bound, given to both chunked forms. */
const MAX_PARAMETERS = 2000
const COLUMNS = ['id', 'name', 'category', 'score'] as const
const CHUNK_ROWS = Math.floor(MAX_PARAMETERS / COLUMNS.length)
const WARM_UP_ROWS = 1000

/** `insert into "BENCH_BULK" (...) values ($1, $2, $3, $4), ($5, ...)` for `rows` rows. */
function multiRowInsert(rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => {
    const first = r * COLUMNS.length + 1
    return `(${COLUMNS.map((_, c) => `$${first + c}`).join(', ')})`
  })
  return `insert into "BENCH_BULK" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`
}

/**
 * Runs `work` on one connection inside START TRANSACTION ... COMMIT (both servers take it,
 * docs/iris-sql.md#transaction-statements).
 */
async function inTransaction(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<void>,
): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('START TRANSACTION')
    await work(client)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

const values = (row: ItemRow) => [row.id, row.name, row.category, row.score]

/** The best raw form: one multi-row statement per chunk, the statement texts built beforehand. */
function chunkedInsert(pool: pg.Pool, rows: ItemRow[]): () => Promise<void> {
  const fullChunk = multiRowInsert(CHUNK_ROWS)
  const lastChunk = multiRowInsert(rows.length % CHUNK_ROWS || CHUNK_ROWS)
  return () =>
    inTransaction(pool, async (client) => {
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const chunk = rows.slice(start, start + CHUNK_ROWS)
        await client.query(
          chunk.length === CHUNK_ROWS ? fullChunk : lastChunk,
          chunk.flatMap(values),
        )
      }
    })
}

/** The naive form: one INSERT per row (in one transaction, like the others). */
function rowByRowInsert(pool: pg.Pool, rows: ItemRow[]): () => Promise<void> {
  const single = multiRowInsert(1)
  return () =>
    inTransaction(pool, async (client) => {
      for (const row of rows) await client.query(single, values(row))
    })
}

export const bulkInsert: Scenario = {
  name: 'bulk-insert',
  title: 'Bulk insert',
  runsOn: ['iris', 'postgres'],
  needs: ['transactions'],
  unit: 'ms',
  metric: 'time per bulk insert',
  baseline: 'raw-pg',
  ops: { full: 1, quick: 1 },
  warmup: { full: 1, quick: 1 },
  async prepare({ target, fixtures, quick }) {
    await fixtures!.bulk()
    const rows = itemRows(quick ? 500 : 10_000)
    // The warm-up runs each code path on fewer rows: the row loop over all of them takes long.
    const warmUpRows = rows.slice(0, WARM_UP_ROWS)
    const pool = rawPool(target!)
    const kyselys = kyselyContenders(target!, { maxParameters: MAX_PARAMETERS })
    const empty = () => pool.query('delete from "BENCH_BULK"')
    const check = (expected: number) => async () => {
      const { rows: counted } = await pool.query({
        text: 'select count(*) from "BENCH_BULK"',
        rowMode: 'array',
      })
      const count = Number((counted[0] as unknown[] | undefined)?.[0])
      if (count !== expected)
        throw new Error(`expected ${expected} rows in BENCH_BULK, found ${count}`)
    }
    const contender = (
      id: ContenderId,
      insert: (rows: ItemRow[]) => () => Promise<unknown>,
    ): ContenderRun => ({
      id,
      measure: timed(insert(rows), { before: empty, check: check(rows.length) }),
      warmUp: timed(insert(warmUpRows), { before: empty, check: check(warmUpRows.length) }),
    })
    return {
      contenders: [
        contender('raw-pg', (r) => chunkedInsert(pool, r)),
        contender('raw-pg-row-loop', (r) => rowByRowInsert(pool, r)),
        ...kyselys.map(({ id, db }) =>
          contender(id, (r) => () => db.insertInto('BENCH_BULK').values(r).execute()),
        ),
      ],
      sizes: {
        rows: rows.length,
        chunkRows: CHUNK_ROWS,
        maxParameters: MAX_PARAMETERS,
        warmUpRows: WARM_UP_ROWS,
      },
      perSample: { count: rows.length, noun: 'rows' },
      teardown: () => destroyAll(pool, ...kyselys.map((k) => k.db)),
    }
  },
}
