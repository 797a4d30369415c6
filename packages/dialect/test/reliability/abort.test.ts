import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { IrisConnectionError } from '../../src/index.js'
import { tableName } from '../support/server.js'
import {
  expectRejection,
  poolCounts,
  settle,
  stillPending,
  useNotesBehindProxy,
  waitFor,
} from './fixtures.js'

/**
 * A query aborted with an AbortSignal leaves its connection reusable or
 * discarded, never returned to the pool in a bad state. "Bad state" is checked by what the next
 * queries on the same pool return, and by the pool's and the server's connection counts.
 */
describe('queries aborted with an AbortSignal', () => {
  const table = tableName('aborts')
  const t = useNotesBehindProxy(table)
  // Kysely logs an in-flight aborted query's late failure ("failed in the background after
  // abortion"): under 'kill session' the killed query's, which is expected; never killSession's own
  // (it does not fail), and under 'ignore query' nothing (the query finishes).
  let consoleError: MockInstance<typeof console.error>
  const backgroundFailures = () =>
    consoleError.mock.calls
      .map((args) => String(args[0]))
      .filter((line) => line.includes('after abortion'))
  afterEach(() => {
    const unexpected = backgroundFailures().filter((line) => !line.startsWith('`query` failed'))
    consoleError.mockRestore()
    expect(unexpected).toEqual([])
  })

  beforeEach(async () => {
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    t.proxy.stall(false)
    await t.db.deleteFrom(table).execute()
  })

  /** `select <n>` answered by the server: a connection in a bad state would answer something else. */
  const echo = (
    n: number,
    signal?: AbortSignal,
    inflightQueryAbortStrategy: 'ignore query' | 'kill session' = 'kill session',
  ) =>
    t.db
      .selectNoFrom(sql<number>`cast(${n} as integer)`.as('n'))
      .execute({ signal, inflightQueryAbortStrategy })
      .then(([row]) => Number(row?.n))

  /** The pool is at rest and every pooled connection is one open socket at the server. */
  async function expectPoolAtRest() {
    await waitFor(() => t.pool.idleCount === t.pool.totalCount, 'every connection back in the pool')
    expect(t.pool.waitingCount).toBe(0)
    await waitFor(
      () => t.proxy.connectionCount() === t.pool.totalCount,
      `server sockets (${t.proxy.connectionCount()}) to equal pooled connections (${t.pool.totalCount})`,
    )
    expect(t.server.sim?.connectionCount()).toBe(t.pool.totalCount)
  }

  it('an already-aborted signal: nothing is sent, the connection stays in the pool and is reused', async () => {
    expect(await echo(1)).toBe(1)
    const before = t.pool.totalCount
    const log = t.server.sim?.queryLog
    log?.clear()
    const reason = new Error('caller gave up')
    const outcome = await settle(echo(2, AbortSignal.abort(reason)), 2000)
    expect(outcome).toMatchObject({ status: 'rejected', error: reason })
    expect(log?.entries).toHaveLength(0)
    expect(t.pool.totalCount).toBe(before)
    expect(await echo(3)).toBe(3)
    await expectPoolAtRest()
  })

  it('a signal aborted after the result arrived changes nothing', async () => {
    const controller = new AbortController()
    expect(await echo(4, controller.signal)).toBe(4)
    const before = t.pool.totalCount
    controller.abort()
    expect(await echo(5)).toBe(5)
    expect(t.pool.totalCount).toBe(before)
    await expectPoolAtRest()
  })

  it("'kill session': aborting a query in flight rejects at once with the reason; its connection is discarded, not reused", async () => {
    expect(await echo(6)).toBe(6)
    t.proxy.stall(true) // the query is sent and its answer never comes
    const controller = new AbortController()
    const pending = echo(7, controller.signal)
    expect(await stillPending(pending, 200)).toBe(true)
    const reason = new Error('user navigated away')
    controller.abort(reason)
    const outcome = await settle(pending, 2000)
    expect(outcome).toMatchObject({ status: 'rejected', error: reason })
    expect(outcome.ms).toBeLessThan(500)
    t.proxy.stall(false)
    // The stalled answer (7) is still on its way: a reused connection would hand it to the next query.
    await waitFor(() => t.pool.totalCount === 0, 'the aborted connection to be destroyed')
    expect(await Promise.all([echo(8), echo(9), echo(10)])).toEqual([8, 9, 10])
    await expectPoolAtRest()
  })

  it("'kill session' on a statement inside a transaction: commit is refused, nothing is written", async () => {
    const trx = await t.db.startTransaction().execute()
    await trx.insertInto(table).values({ id: 1, note: 'before the abort' }).execute()
    t.proxy.stall(true)
    const controller = new AbortController()
    const pending = trx
      .insertInto(table)
      .values({ id: 2, note: 'aborted' })
      .execute({ signal: controller.signal, inflightQueryAbortStrategy: 'kill session' })
    expect(await stillPending(pending, 200)).toBe(true)
    controller.abort()
    expect((await settle(pending, 2000)).status).toBe('rejected')
    t.proxy.stall(false)
    const commit = await expectRejection(trx.commit().execute(), IrisConnectionError)
    expect(commit.error.message).toMatch(/not committed/i)
    await trx.rollback().execute()
    expect(await t.db.selectFrom(table).select('id').execute()).toEqual([])
    await expectPoolAtRest()
  })

  it("300 queries aborted at random moments under 'kill session': every answer that arrives is the right one, nothing leaks", async () => {
    // One worker per pooled connection, so aborts land on queries in flight rather than queued.
    let destroyed = 0
    const onRemove = () => destroyed++
    t.pool.on('remove', onRemove)
    const outcomes: { n: number; outcome: Awaited<ReturnType<typeof settle<number>>> }[] = []
    await Promise.all(
      [0, 1, 2, 3].map(async (worker) => {
        for (let k = 0; k < 75; k++) {
          const n = worker * 75 + k
          const controller = new AbortController()
          // Skewed to short delays (0-200 ms): early, in-flight and too-late aborts all occur.
          setTimeout(() => controller.abort(), Math.random() ** 3 * 200)
          outcomes.push({ n, outcome: await settle(echo(n, controller.signal), 5000) })
        }
      }),
    )
    t.pool.off('remove', onRemove)
    let aborted = 0
    for (const { n, outcome } of outcomes) {
      expect(outcome.status).not.toBe('hung')
      if (outcome.status === 'fulfilled') expect(outcome.value).toBe(n)
      else {
        aborted++
        expect((outcome as { error: Error }).error.name).toBe('AbortError')
      }
    }
    console.log(
      `random aborts: 300 queries, ${300 - aborted} answered (all correct), ${aborted} aborted, ${destroyed} of them in flight (connection destroyed)`,
    )
    expect(aborted).toBeGreaterThan(0)
    expect(aborted).toBeLessThan(300)
    expect(destroyed).toBeGreaterThan(0)
    const after = await Promise.all(Array.from({ length: 20 }, (_, n) => echo(1000 + n)))
    expect(after).toEqual(Array.from({ length: 20 }, (_, n) => 1000 + n))
    await expectPoolAtRest()
    expect(poolCounts(t.pool).total).toBeLessThanOrEqual(4)
  })

  it("'ignore query': aborting in flight rejects at once; the late answer goes to the aborted query, and the connection back to the pool", async () => {
    expect(await echo(20)).toBe(20)
    const before = t.pool.totalCount
    t.proxy.stall(true)
    const controller = new AbortController()
    const pending = echo(21, controller.signal, 'ignore query')
    expect(await stillPending(pending, 200)).toBe(true)
    const reason = new Error('user navigated away')
    controller.abort(reason)
    const outcome = await settle(pending, 2000)
    expect(outcome).toMatchObject({ status: 'rejected', error: reason })
    expect(outcome.ms).toBeLessThan(500)
    t.proxy.stall(false)
    // The stalled answer (21) is still on its way: it must not reach the next query.
    await waitFor(() => t.pool.idleCount === t.pool.totalCount, 'the connection back in the pool')
    expect(await Promise.all([echo(22), echo(23), echo(24)])).toEqual([22, 23, 24])
    expect(t.pool.totalCount).toBeGreaterThanOrEqual(before)
    expect(backgroundFailures()).toEqual([])
    await expectPoolAtRest()
  })
})
