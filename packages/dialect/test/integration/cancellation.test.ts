import { describeTargets, traitsOf } from '@kysely-iris/sim/testing'
import { describe, expect, it } from 'vitest'
import { IrisTimeoutError, IrisTransactionsUnsupportedError } from '../../src/index.js'
import { tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

describeTargets(describe, 'cancellation with AbortSignal (Kysely 0.29)', (target) => {
  const table = tableName('locked')
  const t = useTestDatabase({
    target,
    lockTimeoutMs: 10_000,
    connection: { max: 4 },
    tables: {
      [table]: (create) =>
        create.addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('v', 'integer'),
    },
    seed: (db) => db.insertInto(table).values({ id: 1, v: 0 }).execute(),
  })

  it('a query blocked on a lock rejects promptly when aborted; the pool stays healthy', async () => {
    if (traitsOf(target).transactions === false) {
      // No transaction can hold the lock there: it is refused before anything is sent.
      await expect(t.db.startTransaction().execute()).rejects.toThrow(
        IrisTransactionsUnsupportedError,
      )
      return
    }
    const holder = await t.db.startTransaction().execute()
    try {
      await holder.updateTable(table).set({ v: 1 }).where('id', '=', 1).execute()
      const controller = new AbortController()
      const blocked = t.db
        .updateTable(table)
        .set({ v: 2 })
        .where('id', '=', 1)
        .execute({ signal: controller.signal })
      await new Promise((r) => setTimeout(r, 200))
      const abortedAt = Date.now()
      controller.abort(new IrisTimeoutError('aborted by the test'))
      await expect(blocked).rejects.toThrow(IrisTimeoutError)
      expect(Date.now() - abortedAt).toBeLessThan(1000)
    } finally {
      await holder.rollback().execute()
    }
    // Aborting stops the caller's wait; under Kysely's default 'ignore query' the blocked
    // autocommit UPDATE still runs once the lock is free, and its connection then returns to the
    // pool (README, "Cancellation"). Either way the pool works.
    const [row] = await t.db.selectFrom(table).select('v').execute()
    expect([0, 2]).toContain(row?.v)
    await new Promise((r) => setTimeout(r, 100))
    expect(t.pool.waitingCount).toBe(0)
    expect(t.pool.idleCount).toBe(t.pool.totalCount)
  })
})
