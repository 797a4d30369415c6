import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisError } from '../../src/index.js'
import { tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'
import { settle, waitFor } from './fixtures.js'

const OPERATIONS = Number(process.env.KILL_OPERATIONS ?? 10_000)
const KILL_PROBABILITY = Number(process.env.KILL_PROBABILITY ?? 0.05)
const WORKERS = 20
const POOL_SIZE = 10
/** An operation that has not settled by then counts as hung. */
const HANG_AFTER_MS = 10_000
/** Second row of a transaction: same transaction number, id shifted out of the other ids' range. */
const SECOND_ROW = 1_000_000

/**
 * 10 000 operations (reads, autocommit inserts, transactions) while 5% of them
 * are preceded by the TCP proxy cutting a random connection. Every operation settles; every failure
 * is an IrisError; no connection leaks; no committed row is lost; no transaction is half-applied.
 */
describe('operations while connections are killed at random', () => {
  const table = tableName('kills')
  const t = useTestDatabase({
    needsSim: true,
    viaProxy: true,
    connection: { max: POOL_SIZE },
    tables: {
      [table]: (create) =>
        create.addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('tx', 'integer'),
    },
  })

  /** One operation; resolves with the ids it committed (reads commit nothing). */
  async function operation(i: number): Promise<number[]> {
    switch (i % 10) {
      case 5:
      case 6:
      case 7:
        await t.db.insertInto(table).values({ id: i, tx: null }).execute()
        return [i]
      case 8:
        await t.db.transaction().execute(async (trx) => {
          await trx.insertInto(table).values({ id: i, tx: i }).execute()
          await trx
            .insertInto(table)
            .values({ id: i + SECOND_ROW, tx: i })
            .execute()
        })
        return [i, i + SECOND_ROW]
      case 9: {
        // The controlled form, with Kysely's documented catch-then-rollback.
        const trx = await t.db.startTransaction().execute()
        try {
          await trx.insertInto(table).values({ id: i, tx: i }).execute()
          await trx
            .insertInto(table)
            .values({ id: i + SECOND_ROW, tx: i })
            .execute()
          await trx.commit().execute()
          return [i, i + SECOND_ROW]
        } catch (error) {
          await trx.rollback().execute()
          throw error
        }
      }
      default: {
        // A read that checks its own answer: a connection left in a bad state would return another.
        const [row] = await t.db.selectNoFrom(sql<number>`cast(${i} as integer)`.as('n')).execute()
        if (Number(row?.n) !== i) throw new Error(`read ${i} returned ${String(row?.n)}`)
        return []
      }
    }
  }

  it(`${OPERATIONS} operations, ${KILL_PROBABILITY * 100}% preceded by a killed connection`, async () => {
    const started = performance.now()
    const committed: number[] = []
    const failures = new Map<string, number>()
    const notIris: unknown[] = []
    const hung: number[] = []
    let next = 0

    const worker = async () => {
      while (next < OPERATIONS) {
        const i = next++
        if (Math.random() < KILL_PROBABILITY) t.proxy.dropRandom()
        const outcome = await settle(operation(i), HANG_AFTER_MS)
        if (outcome.status === 'fulfilled') committed.push(...outcome.value)
        else if (outcome.status === 'hung') hung.push(i)
        else if (outcome.error instanceof IrisError) {
          const name = outcome.error.name
          failures.set(name, (failures.get(name) ?? 0) + 1)
        } else notIris.push(outcome.error)
      }
    }
    await Promise.all(Array.from({ length: WORKERS }, worker))
    const elapsed = performance.now() - started

    expect(hung).toEqual([])
    expect(notIris).toEqual([])

    // No leak: every pooled connection is back and is exactly one socket at the server.
    await waitFor(() => t.pool.idleCount === t.pool.totalCount, 'the pool to be at rest')
    expect(t.pool.waitingCount).toBe(0)
    await waitFor(
      () => t.server.sim?.connectionCount() === t.pool.totalCount,
      'server sockets to equal pooled connections',
    )
    expect(t.proxy.connectionCount()).toBe(t.pool.totalCount)

    // No committed row lost, no transaction half-applied.
    const rows = await t.db.selectFrom(table).select(['id', 'tx']).execute()
    const present = new Set(rows.map((row) => Number(row.id)))
    const lost = committed.filter((id) => !present.has(id))
    expect(lost).toEqual([])
    const perTransaction = new Map<number, number>()
    for (const row of rows) {
      if (row.tx !== null)
        perTransaction.set(Number(row.tx), (perTransaction.get(Number(row.tx)) ?? 0) + 1)
    }
    const halfApplied = [...perTransaction].filter(([, count]) => count !== 2)
    expect(halfApplied).toEqual([])

    const failed = [...failures.values()].reduce((a, b) => a + b, 0)
    console.log(
      `random kills: ${OPERATIONS} operations in ${(elapsed / 1000).toFixed(1)} s, ${t.proxy.dropped} connections killed, ` +
        `${failed} operations failed (${[...failures].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}), ` +
        `${committed.length} rows committed, 0 lost, ${perTransaction.size} transactions all-or-nothing, 0 hung`,
    )
    expect(t.proxy.dropped).toBeGreaterThan(OPERATIONS * KILL_PROBABILITY * 0.5)
    expect(failed).toBeGreaterThan(0)

    // After destroy, the server sees no connection from this pool.
    await t.db.destroy()
    await waitFor(() => t.server.sim?.connectionCount() === 0, 'every server socket to close')
    expect(t.proxy.connectionCount()).toBe(0)
  }, 300_000)
})
