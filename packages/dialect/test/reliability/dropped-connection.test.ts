import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { IrisConnectionError } from '../../src/index.js'
import {
  type AnyDB,
  connect,
  startServer,
  type TestDb,
  type TestServer,
  tableName,
} from '../support/server.js'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js'
import { expectRejection, poolCounts, settle, sleep, waitFor } from './fixtures.js'

/** Issue 8, Faults 2: the connection drops between a transaction's statements. */
describe('a connection dropped between the statements of a transaction', () => {
  let server: TestServer
  let proxy: TcpProxy
  let t: TestDb<AnyDB>
  const table = tableName('dropped_tx')

  beforeAll(async () => {
    server = await startServer({ needsSim: true })
    proxy = await startTcpProxy({ port: Number(new URL(server.url).port) })
    t = connect({ ...server, url: proxy.urlFor(server.url) }, { max: 4 })
    await t.db.schema
      .createTable(table)
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('note', 'varchar(40)')
      .execute()
  })

  beforeEach(async () => {
    await t.db.deleteFrom(table).execute()
  })

  afterAll(async () => {
    await settle(t?.db.destroy(), 5000)
    await proxy?.stop()
    await server?.stop()
  })

  const rows = () => t.db.selectFrom(table).select(['id', 'note']).orderBy('id').execute()

  /** The transaction's connection is the only one the proxy carries at that moment. */
  async function openTransactionThenDrop(cut: 'proxy' | 'sim') {
    await t.db.insertInto(table).values({ id: 1, note: 'committed before' }).execute()
    const trx = await t.db.startTransaction().execute()
    await trx.insertInto(table).values({ id: 2, note: 'in the dropped transaction' }).execute()
    if (cut === 'proxy') proxy.dropAll()
    else server.sim?.dropConnections()
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
      expect(server.sim?.connectionCount()).toBe(t.pool.totalCount)
    })
  }

  it('the connection dies while COMMIT is in flight: the error says the outcome is unknown, not "not committed"', async () => {
    const trx = await t.db.startTransaction().execute()
    await trx.insertInto(table).values({ id: 5, note: 'commit reached the server' }).execute()
    // The server receives and runs the COMMIT; its answer never reaches the client.
    proxy.stall(true, 'toClient')
    server.sim?.queryLog.clear()
    const commit = expectRejection(trx.commit().execute(), IrisConnectionError)
    await waitFor(
      () => server.sim?.queryLog.entries.some((entry) => /^commit/i.test(entry.sql)) === true,
      'the server to receive COMMIT',
    )
    await sleep(100)
    proxy.dropAll()
    proxy.stall(false)
    const { error } = await commit
    // The server did commit: telling the caller "not committed" would invite a duplicate retry.
    expect(await rows()).toContainEqual({ id: 5, note: 'commit reached the server' })
    expect(error.message).not.toMatch(/not committed/i)
    expect(error.message).toMatch(/unknown/i)
    expect(error.message).not.toContain('\n')
    // Kysely's documented catch-then-rollback releases the connection; nothing leaks.
    await trx.rollback().execute()
    await waitFor(() => t.pool.idleCount === t.pool.totalCount, 'the dead connection to leave')
    expect(server.sim?.connectionCount()).toBe(t.pool.totalCount)
  })

  it('the next statement after the drop rejects with IrisConnectionError; the callback form writes nothing', async () => {
    await expectRejection(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto(table).values({ id: 3, note: 'first statement' }).execute()
        proxy.dropAll()
        await sleep(50)
        await trx.insertInto(table).values({ id: 4, note: 'second statement' }).execute()
      }),
      IrisConnectionError,
    )
    expect(await rows()).toEqual([])
    await waitFor(() => t.pool.idleCount === t.pool.totalCount, 'the dead connection to leave')
    expect(t.pool.waitingCount).toBe(0)
    expect(server.sim?.connectionCount()).toBe(t.pool.totalCount)
  })
})
