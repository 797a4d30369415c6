import { describe, expect, it } from 'vitest'
import { IrisTimeoutError } from '../../src/index.js'
import { useTestServer } from '../support/test-database.js'
import { connectWithDialectPool, expectRejection, poolCounts, waitFor } from './fixtures.js'

/** Long enough for a new sim connection on a busy 2-core machine, short enough for a test. */
const CONNECTION_TIMEOUT_MS = 1000
const QUERY_TIMEOUT_MS = 500

/**
 * Pool exhaustion under a connection timeout, and a network that stalls with the
 * sockets open (only the statement timeout can end the wait). Timeouts are the dialect's own options.
 */
describe('timeouts: an exhausted pool and a stalled network', () => {
  const harness = useTestServer({ needsSim: true, viaProxy: true })

  it('pool exhaustion: a third query on a 2-connection pool fails with IrisTimeoutError after connectionTimeoutMillis', async () => {
    const t = await connectWithDialectPool(harness.server.url, {
      maxConnections: 2,
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    })
    try {
      // Two callers each hold a connection (no transaction: the sim serialises those).
      let releaseHolders = () => {}
      const held = new Promise<void>((resolve) => {
        releaseHolders = resolve
      })
      const holders = [1, 2].map((n) =>
        t.db.connection().execute(async (connection) => {
          await connection.selectNoFrom((eb) => eb.val(n).as('held')).execute()
          await held
        }),
      )
      for (const holder of holders) holder.catch(() => {}) // awaited below; a failure shows there
      await waitFor(() => t.pool.totalCount === 2 && t.pool.idleCount === 0, 'both holders')
      const outcome = await expectRejection(
        t.db.selectNoFrom((eb) => eb.val(1).as('one')).execute(),
        IrisTimeoutError,
      )
      const { error } = outcome
      // One line naming what to change: every misuse says what to fix.
      expect(error.message).toMatch(/raise maxConnections or connectionTimeoutMillis/i)
      expect(error.message).not.toContain('\n')
      expect(outcome.ms).toBeGreaterThanOrEqual(CONNECTION_TIMEOUT_MS - 20)
      expect(outcome.ms).toBeLessThan(CONNECTION_TIMEOUT_MS + 1000)
      expect(poolCounts(t.pool)).toEqual({ total: 2, idle: 0, waiting: 0 })

      releaseHolders()
      await Promise.all(holders)
      const [row] = await t.db.selectNoFrom((eb) => eb.val(7).as('seven')).execute()
      expect(Number(row?.seven)).toBe(7)
      expect(poolCounts(t.pool)).toEqual({ total: 2, idle: 2, waiting: 0 })
    } finally {
      await t.db.destroy()
    }
  })

  it('a stalled network: the statement timeout rejects with IrisTimeoutError, the connection is discarded, the pool recovers', async () => {
    const t = await connectWithDialectPool(harness.proxy.urlFor(harness.server.url), {
      maxConnections: 2,
      connectionTimeoutMillis: 2000,
      queryTimeoutMillis: QUERY_TIMEOUT_MS,
    })
    try {
      await t.db.selectNoFrom((eb) => eb.val(1).as('warm')).execute()
      expect(poolCounts(t.pool)).toEqual({ total: 1, idle: 1, waiting: 0 })

      harness.proxy.stall(true)
      const outcome = await expectRejection(
        t.db.selectNoFrom((eb) => eb.val(2).as('two')).execute(),
        IrisTimeoutError,
      )
      harness.proxy.stall(false)
      expect(outcome.ms).toBeLessThan(QUERY_TIMEOUT_MS + 1000)

      // The timed-out connection may still get its late answer: it must never be reused.
      await waitFor(() => t.pool.totalCount === 0, 'the timed-out connection to be destroyed')
      await waitFor(() => harness.proxy.connectionCount() === 0, 'its socket to close')
      const rows = await Promise.all(
        [10, 11, 12].map((n) => t.db.selectNoFrom((eb) => eb.val(n).as('n')).execute()),
      )
      expect(rows.map(([row]) => Number(row?.n))).toEqual([10, 11, 12])
      expect(t.pool.idleCount).toBe(t.pool.totalCount)
      expect(harness.proxy.connectionCount()).toBe(t.pool.totalCount)
    } finally {
      harness.proxy.stall(false)
      await t.db.destroy()
    }
  })
})
