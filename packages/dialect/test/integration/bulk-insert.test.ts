import { traitsOf } from '@kysely-iris/sim/testing'
import type { ControlledTransaction } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { IrisUniqueViolationError, IrisUnsupportedError } from '../../src/index.js'
import { type AnyDB, connect, SIM_TARGETS, tableName } from '../support/server.js'
import { useTestServer } from '../support/test-database.js'

describe.each(SIM_TARGETS)(
  'bulk insert chunking (needs the sim: counts statements in its query log) (%s)',
  (target) => {
    const harness = useTestServer({ target, needsSim: true })

    // The union-all form is tested with smaller statements: the sim translates long UNION ALL chains
    // slowly and fails from about 550 rows per statement (SQLCODE -400 "unnamed prepared statement does
    // not exist"; reported as a sim issue), so its chunks stay at 400 rows.
    const forms = [
      { bulkInsert: 'values', rows: 10_000, maxParameters: 3000 },
      { bulkInsert: 'union-all', rows: 10_000, maxParameters: 800 },
    ] as const
    for (const { bulkInsert, rows: rowCount, maxParameters } of forms) {
      it(`${bulkInsert}: ${rowCount} rows in at most ceil(${rowCount} / chunk) statements, all stored`, async () => {
        const t = connect(harness.server, { bulkInsert, maxParameters })
        const table = tableName(`bulk_${bulkInsert.replace('-', '_')}`)
        try {
          await t.db.schema
            .createTable(table)
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('name', 'varchar(30)')
            .execute()
          harness.server.sim?.queryLog.clear()
          const rows = Array.from({ length: rowCount }, (_, id) => ({ id, name: `name ${id}` }))
          await t.db.insertInto(table).values(rows).execute()
          const inserts =
            harness.server.sim?.queryLog.entries.filter((e) => /^\s*insert/i.test(e.sql)) ?? []
          expect(inserts.length).toBeGreaterThan(1)
          expect(inserts.length).toBeLessThanOrEqual(Math.ceil(rowCount / (maxParameters / 2)))
          expect(inserts.every((e) => e.params.length <= maxParameters)).toBe(true)
          const { count } = await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('count'))
            .executeTakeFirstOrThrow()
          expect(Number(count)).toBe(rowCount)
        } finally {
          await t.db.schema.dropTable(table).ifExists().execute()
          await t.db.destroy()
        }
      }, 180_000)
    }

    it('a failing chunk rolls the whole insert back (atomic)', async () => {
      const t = connect(harness.server, { maxParameters: 100 })
      const table = tableName('bulk_atomic')
      try {
        await t.db.schema
          .createTable(table)
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute()
        const rows = Array.from({ length: 500 }, (_, i) => ({ id: i === 450 ? 3 : i }))
        await expect(t.db.insertInto(table).values(rows).execute()).rejects.toThrow(
          IrisUniqueViolationError,
        )
        const { count } = await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow()
        expect(Number(count)).toBe(0)
      } finally {
        await t.db.schema.dropTable(table).ifExists().execute()
        await t.db.destroy()
      }
    })

    it('rows naming different columns: one INSERT per run, in order, the defaults where a row names no value; a failing later run undoes the earlier ones, alone or in a transaction', async () => {
      const t = connect(harness.server)
      const table = tableName('bulk_partial')
      let trx: ControlledTransaction<AnyDB> | undefined
      const stored = () =>
        t.db.selectFrom(table).select(['id', 'name', 'note']).orderBy('id').execute()
      try {
        await t.db.schema
          .createTable(table)
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('name', 'varchar(30)', (c) => c.unique())
          .addColumn('note', 'varchar(30)', (c) => c.defaultTo('none'))
          .execute()
        harness.server.sim?.queryLog.clear()
        const result = await t.db
          .insertInto(table)
          .values([{ name: 'a', note: 'n1' }, { name: 'b' }, {}, { note: 'n4' }, { name: 'e' }])
          .executeTakeFirstOrThrow()
        // Behind iris-pgwire DML command tags say 0 rows (docs/iris-sql.md#iris-pgwire-result-quirks).
        const { rowCounts } = traitsOf(target)
        if (rowCounts !== undefined)
          expect(result.numInsertedOrUpdatedRows).toBe(rowCounts ? 5n : 0n)
        const inserts =
          harness.server.sim?.queryLog.entries.filter((e) => /^\s*insert/i.test(e.sql)) ?? []
        expect(inserts).toHaveLength(5)
        expect(inserts.some((e) => /default(?! values)/i.test(e.sql))).toBe(false)
        const rows = await stored()
        expect(rows.map(({ name, note }) => [name, note])).toEqual([
          ['a', 'n1'],
          ['b', 'none'],
          [null, 'none'],
          [null, 'n4'],
          ['e', 'none'],
        ])
        const ids = rows.map((r) => Number(r.id))
        expect(ids).toEqual([...ids].sort((x, y) => x - y))
        expect(new Set(ids).size).toBe(5)

        const failing = [{ name: 'f', note: 'f' }, { name: 'a' }]
        await expect(t.db.insertInto(table).values(failing).execute()).rejects.toThrow(
          IrisUniqueViolationError,
        )
        expect(await stored()).toHaveLength(5)
        trx = await t.db.startTransaction().execute()
        await trx.insertInto(table).values({ name: 'g' }).execute()
        await expect(trx.insertInto(table).values(failing).execute()).rejects.toThrow(
          IrisUniqueViolationError,
        )
        await trx
          .insertInto(table)
          .values([{ name: 'h', note: 'h' }, { name: 'i' }])
          .execute()
        await trx.commit().execute()
        trx = undefined
        expect((await stored()).map((r) => r.name).slice(5)).toEqual(['g', 'h', 'i'])
      } finally {
        await trx?.rollback().execute()
        await t.db.schema.dropTable(table).ifExists().execute()
        await t.db.destroy()
      }
    })

    it("another client's ROLLBACK between its chunks: in one shared IRIS process the failed insert's ROLLBACK TO is a -375, the chunk's error is thrown and the transaction is refused until rollback(), the connection kept; in its own session nothing changes", async () => {
      const t = connect(harness.server, { maxParameters: 1 })
      const other = new pg.Client({ connectionString: harness.server.url })
      const table = tableName('bulk_gone')
      let trx: ControlledTransaction<AnyDB> | undefined
      try {
        // The insert's second chunk (id 1) fails; just before it, the other client rolls back,
        // which in iris-pgwire's embedded backend ends every client's transaction
        // (docs/iris-sql.md#iris-pgwire-transactions), the insert's savepoint with it.
        let armed = false
        t.pool.on('connect', (client) => {
          const query = client.query.bind(client) as (...args: unknown[]) => unknown
          // Chunks are sent as { text, values, rowMode } (src/iris-connection.ts).
          const patched = (...args: unknown[]) => {
            const values = (args[0] as { values?: unknown[] }).values
            if (!armed || values?.[0] !== 1) return query(...args)
            armed = false
            return other.query('rollback').then(() => query(...args))
          }
          client.query = patched as unknown as typeof client.query
        })
        await other.connect()
        await t.db.schema
          .createTable(table)
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute()
        await t.db.insertInto(table).values({ id: 1 }).execute()
        armed = true
        trx = await t.db.startTransaction().execute()
        await expect(
          trx
            .insertInto(table)
            .values([{ id: 10 }, { id: 1 }])
            .execute(),
        ).rejects.toThrow(IrisUniqueViolationError)
        expect(armed).toBe(false)
        if (traitsOf(target).sharedProcess) {
          const clients = t.pool.totalCount
          const refusal = {
            sqlcode: -375,
            message: expect.stringMatching(/whole transaction back/),
          }
          await expect(trx.selectFrom(table).selectAll().execute()).rejects.toMatchObject(refusal)
          await expect(trx.commit().execute()).rejects.toMatchObject(refusal)
          await trx.rollback().execute()
          trx = undefined
          expect(t.pool.totalCount).toBe(clients)
        } else {
          expect(await trx.selectFrom(table).selectAll().execute()).toEqual([{ id: 1 }])
          await trx.commit().execute()
          trx = undefined
        }
      } finally {
        await trx?.rollback().execute()
        await other.end()
        await t.db.schema.dropTable(table).ifExists().execute()
        await t.db.destroy()
      }
    })

    it('in a transaction each chunked insert keeps a savepoint level: the one past level 255 is refused, sending nothing, and the transaction goes on', async () => {
      const t = connect(harness.server, { maxParameters: 1 })
      const table = tableName('bulk_levels')
      let trx: ControlledTransaction<AnyDB> | undefined
      try {
        await t.db.schema
          .createTable(table)
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute()
        trx = await t.db.startTransaction().execute()
        harness.server.sim?.queryLog.clear()
        let stored = 0
        let refusal: unknown
        for (let i = 0; i < 300 && refusal === undefined; i++) {
          await trx
            .insertInto(table)
            .values([{ id: 2 * i }, { id: 2 * i + 1 }])
            .execute()
            .then(
              () => {
                stored += 2
              },
              (error: unknown) => {
                refusal = error
              },
            )
        }
        // START TRANSACTION is level 1, so 254 savepoints fit (docs/iris-sql.md#savepoints).
        expect(refusal).toBeInstanceOf(IrisUnsupportedError)
        expect(stored).toBe(2 * 254)
        const savepoints = harness.server.sim?.queryLog.entries.filter((e) =>
          /^\s*savepoint/i.test(e.sql),
        )
        expect(savepoints?.length).toBe(254)
        await trx.commit().execute()
        trx = undefined
        const { count } = await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow()
        expect(Number(count)).toBe(stored)
      } finally {
        // A failed assertion must not leave the transaction holding the table (and the lane).
        await trx?.rollback().execute()
        await t.db.schema.dropTable(table).ifExists().execute()
        await t.db.destroy()
      }
    })
  },
)
