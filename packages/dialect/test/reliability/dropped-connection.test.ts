import { beforeEach, describe, expect, it } from 'vitest'
import { IrisConnectionError } from '../../src/index.js'
import { tableName } from '../support/server.js'
import { expectRejection, poolCounts, sleep, useNotesBehindProxy, waitFor } from './fixtures.js'

/** The connection drops between a transaction's statements. */
describe('a connection dropped between the statements of a transaction', () => {
  const table = tableName('dropped_tx')
  const t = useNotesBehindProxy(table)

  beforeEach(async () => {
    await t.db.deleteFrom(table).execute()
  })

  const rows = () => t.db.selectFrom(table).select(['id', 'note']).orderBy('id').execute()

  /** The transaction's connection is the only one the proxy carries at that moment. */
  async function openTransactionThenDrop(cut: 'proxy' | 'sim') {
    await t.db.insertInto(table).values({ id: 1, note: 'committed before' }).execute()
    const trx = await t.db.startTransaction().execute()
    await trx.insertInto(table).values({ id: 2, note: 'in the dropped transaction' }).execute()
    if (cut === 'proxy') t.proxy.dropAll()
    else t.server.sim?.dropConnections()
    await sleep(50) // the socket is gone before the next statement is sent
    return trx
  }

  for (const cut of ['proxy', 'sim'] as const) {
    it(`commit after the drop (${cut}) rejects with IrisConnectionError saying it did not commit`, async () => {
      const trx = await openTransactionThenDrop(cut)
      const { error } = await expectRejection(trx.commit().execute(), IrisConnectionError)
      const { message } = error
      expect(message).toMatch(/not committed/i)
      expect(message).not.toContain('\n')
      // Kysely knows the transaction is over (AbortedTransactionError semantics) and has released
      // the connection itself; the documented catch-then-rollback pattern is then a no-op.
      expect(trx.isRolledBack).toBe(true)
      await waitFor(() => t.pool.idleCount === t.pool.totalCount, 'the dead connection to leave')
      await expect(trx.rollback().execute()).resolves.toBeUndefined()

      expect(await rows()).toEqual([{ id: 1, note: 'committed before' }])
      expect(poolCounts(t.pool)).toMatchObject({ waiting: 0 })
      expect(t.server.sim?.connectionCount()).toBe(t.pool.totalCount)
    })
  }

  it('the connection dies while COMMIT is in flight: the error says the outcome is unknown, not "not committed"', async () => {
    const trx = await t.db.startTransaction().execute()
    await trx.insertInto(table).values({ id: 5, note: 'commit reached the server' }).execute()
    // The server receives and runs the COMMIT; its answer never reaches the client.
    t.proxy.stall(true, 'toClient')
    t.server.sim?.queryLog.clear()
    const commit = expectRejection(trx.commit().execute(), IrisConnectionError)
    await waitFor(
      () => t.server.sim?.queryLog.entries.some((entry) => /^commit/i.test(entry.sql)) === true,
      'the server to receive COMMIT',
    )
    await sleep(100)
    t.proxy.dropAll()
    t.proxy.stall(false)
    const { error } = await commit
    // The server did commit: telling the caller "not committed" would invite a duplicate retry.
    expect(await rows()).toContainEqual({ id: 5, note: 'commit reached the server' })
    expect(error.message).not.toMatch(/not committed/i)
    expect(error.message).toMatch(/unknown/i)
    expect(error.message).not.toContain('\n')
    // Kysely's documented catch-then-rollback releases the connection; nothing leaks.
    await trx.rollback().execute()
    await waitFor(() => t.pool.idleCount === t.pool.totalCount, 'the dead connection to leave')
    expect(t.server.sim?.connectionCount()).toBe(t.pool.totalCount)
  })

  it('the next statement after the drop rejects with IrisConnectionError; the callback form writes nothing', async () => {
    await expectRejection(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto(table).values({ id: 3, note: 'first statement' }).execute()
        t.proxy.dropAll()
        await sleep(50)
        await trx.insertInto(table).values({ id: 4, note: 'second statement' }).execute()
      }),
      IrisConnectionError,
    )
    expect(await rows()).toEqual([])
    await waitFor(() => t.pool.idleCount === t.pool.totalCount, 'the dead connection to leave')
    expect(t.pool.waitingCount).toBe(0)
    expect(t.server.sim?.connectionCount()).toBe(t.pool.totalCount)
  })
})
