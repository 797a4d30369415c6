import type { Kysely } from 'kysely'
import type pg from 'pg'
import { destroyAll, kyselyContenders, rawPool } from '../contenders.js'
import { ACCOUNTS, type BenchDB } from '../fixtures.js'
import { type Scenario, timed } from '../scenario.js'

const SELECT_BALANCE = 'select "balance" from "BENCH_ACCOUNT" where "id" = $1'
const DEBIT = 'update "BENCH_ACCOUNT" set "balance" = "balance" - $1 where "id" = $2'
const CREDIT = 'update "BENCH_ACCOUNT" set "balance" = "balance" + $1 where "id" = $2'

interface Transfer {
  from: number
  to: number
  amount: number
}

function transfers(): () => Transfer {
  let n = 0
  return () => {
    n++
    return { from: (n % ACCOUNTS) + 1, to: ((n * 7) % ACCOUNTS) + 1, amount: 1 + (n % 10) }
  }
}

/**
 * START TRANSACTION (valid on both servers, docs/iris-sql.md#transaction-statements), 3 statements,
 * COMMIT.
 */
async function rawTransfer(pool: pg.Pool, t: Transfer): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('START TRANSACTION')
    await client.query(SELECT_BALANCE, [t.from])
    await client.query(DEBIT, [t.amount, t.from])
    await client.query(CREDIT, [t.amount, t.to])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

function kyselyTransfer(db: Kysely<BenchDB>, t: Transfer): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await trx
      .selectFrom('BENCH_ACCOUNT')
      .select('balance')
      .where('id', '=', t.from)
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('BENCH_ACCOUNT')
      .set((eb) => ({ balance: eb('balance', '-', t.amount) }))
      .where('id', '=', t.from)
      .execute()
    await trx
      .updateTable('BENCH_ACCOUNT')
      .set((eb) => ({ balance: eb('balance', '+', t.amount) }))
      .where('id', '=', t.to)
      .execute()
  })
}

export const transaction: Scenario = {
  name: 'transaction',
  title: '3-statement transaction',
  runsOn: ['iris', 'postgres'],
  needs: ['transactions'],
  unit: 'ms',
  metric: 'latency per transaction',
  baseline: 'raw-pg',
  ops: { full: 150, quick: 15 },
  warmup: { full: 20, quick: 5 },
  async prepare({ target, fixtures }) {
    await fixtures!.accounts()
    const pool = rawPool(target!)
    const kyselys = kyselyContenders(target!)
    const rawNext = transfers()
    return {
      contenders: [
        { id: 'raw-pg', measure: timed(() => rawTransfer(pool, rawNext())) },
        ...kyselys.map(({ id, db }) => {
          const next = transfers()
          return { id, measure: timed(() => kyselyTransfer(db, next())) }
        }),
      ],
      sizes: { statements: 3, accounts: ACCOUNTS },
      teardown: () => destroyAll(pool, ...kyselys.map((k) => k.db)),
    }
  },
}
