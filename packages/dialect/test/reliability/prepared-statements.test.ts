import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

/**
 * The statement cache (`preparedStatements`) over a real wire: every answer stays right while the
 * table changes under prepared statements, while every connection is cut and the pool reconnects,
 * and while connections are cut at random under concurrent work with more distinct statements than
 * a connection prepares. The unit tests (../driver/prepared-statements.test.ts) check which names
 * are sent; this file checks that the server's answers stay right.
 */
describe('prepared statements under DDL, reconnects and pool churn', () => {
  const table = tableName('prepared')
  const t = useTestDatabase({
    needsSim: true,
    viaProxy: true,
    connection: { max: 3, preparedStatements: 4 },
    tables: {
      [table]: (create) =>
        create.addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('v', 'integer'),
    },
    seed: (db) =>
      db
        .insertInto(table)
        .values([
          { id: 1, v: 10 },
          { id: 2, v: 20 },
        ])
        .execute(),
  })

  const read = (id: number) =>
    t.db.selectFrom(table).select(['id', 'v']).where('id', '=', id).executeTakeFirst()

  /** One of eight statements (distinct SQL text: the alias differs), more than a connection names. */
  const variant = (i: number) =>
    t.db
      .selectFrom(table)
      .select(['id', 'v', sql<number>`cast(${i} as integer)`.as(`k${i % 8}`)])
      .where('id', '=', 1 + (i % 2))
      .executeTakeFirst()

  it('answers right after DDL changes the table under a prepared statement', async () => {
    expect(await read(1)).toEqual({ id: 1, v: 10 })
    await t.db.schema.alterTable(table).addColumn('w', 'integer').execute()
    await t.db.updateTable(table).set({ w: 5 }).where('id', '=', 1).execute()
    expect(await read(1)).toEqual({ id: 1, v: 10 })
    expect(
      await t.db.selectFrom(table).select(['id', 'v', 'w']).where('id', '=', 1).executeTakeFirst(),
    ).toEqual({ id: 1, v: 10, w: 5 })
    expect(await t.db.selectFrom(table).selectAll().where('id', '=', 2).executeTakeFirst()).toEqual(
      { id: 2, v: 20, w: null },
    )
  })

  it('after every connection is cut, the reconnected pool answers right', async () => {
    expect(await Promise.all([1, 2, 1, 2].map(read))).toEqual([
      { id: 1, v: 10 },
      { id: 2, v: 20 },
      { id: 1, v: 10 },
      { id: 2, v: 20 },
    ])
    t.proxy.dropAll()
    // pg drops the idle clients whose sockets died; the next queries connect afresh.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await Promise.all([2, 1, 2].map(read))).toEqual([
      { id: 2, v: 20 },
      { id: 1, v: 10 },
      { id: 2, v: 20 },
    ])
  })

  it('pool churn: 120 concurrent reads of 8 statements, connections cut meanwhile, every answer right', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 120 }, async (_, i) => {
        if (i % 30 === 15) t.proxy.dropRandom()
        return { i, row: await variant(i) }
      }),
    )
    let answered = 0
    for (const outcome of outcomes) {
      // A query on a connection cut under it fails with a connection error, never a wrong answer.
      if (outcome.status === 'rejected') {
        expect((outcome.reason as Error).name).toBe('IrisConnectionError')
        continue
      }
      const { i, row } = outcome.value
      answered++
      expect(row).toEqual({ id: 1 + (i % 2), v: 10 * (1 + (i % 2)), [`k${i % 8}`]: i })
    }
    expect(answered).toBeGreaterThan(60)
    // And afterwards every statement answers on whichever connection it gets.
    const after = await Promise.all(Array.from({ length: 16 }, (_, i) => variant(i)))
    for (const [i, row] of after.entries())
      expect(row).toEqual({ id: 1 + (i % 2), v: 10 * (1 + (i % 2)), [`k${i % 8}`]: i })
  })
})
