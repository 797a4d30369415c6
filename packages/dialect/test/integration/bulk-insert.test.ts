import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IrisUniqueViolationError } from '../../src/index.js'
import { connect, PROFILES, startServer, type TestServer, tableName } from '../support/server.js'

const ROWS = 10_000
const MAX_PARAMETERS = 3000 // 2 columns → 1500 rows per statement

describe.each(PROFILES)(
  'bulk insert chunking (needs the sim: counts statements in its query log) (profile %s)',
  (profile) => {
    let server: TestServer

    beforeAll(async () => {
      server = await startServer({ profile, needsSim: true })
    })
    afterAll(async () => {
      await server?.stop()
    })

    for (const bulkInsert of ['values', 'union-all'] as const) {
      it(`${bulkInsert}: ${ROWS} rows in at most ceil(${ROWS} / chunk) statements, all stored`, async () => {
        const t = connect(server, { bulkInsert, maxParameters: MAX_PARAMETERS })
        const table = tableName(`bulk_${bulkInsert.replace('-', '_')}`)
        try {
          await t.db.schema
            .createTable(table)
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('name', 'varchar(30)')
            .execute()
          server.sim?.queryLog.clear()
          const rows = Array.from({ length: ROWS }, (_, id) => ({ id, name: `name ${id}` }))
          await t.db.insertInto(table).values(rows).execute()
          const inserts =
            server.sim?.queryLog.entries.filter((e) => /^\s*insert/i.test(e.sql)) ?? []
          expect(inserts.length).toBeLessThanOrEqual(Math.ceil(ROWS / (MAX_PARAMETERS / 2)))
          expect(inserts.every((e) => e.params.length <= MAX_PARAMETERS)).toBe(true)
          const { count } = await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('count'))
            .executeTakeFirstOrThrow()
          expect(Number(count)).toBe(ROWS)
        } finally {
          await t.db.schema.dropTable(table).ifExists().execute()
          await t.db.destroy()
        }
      })
    }

    it('a failing chunk rolls the whole insert back (atomic)', async () => {
      const t = connect(server, { maxParameters: 100 })
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
  },
)
