import { describeTargets, traitsOf } from '@kysely-iris/sim/testing'
import Cursor from 'pg-cursor'
import { describe, expect, it } from 'vitest'
import { connect, tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

describeTargets(describe, 'pool load and streaming', (target) => {
  const numbers = tableName('numbers')
  const t = useTestDatabase({
    target,
    connection: { max: 20, maxParameters: 2000 },
    tables: {
      [numbers]: (create) =>
        create.addColumn('n', 'integer', (c) => c.primaryKey()).addColumn('label', 'varchar(20)'),
    },
  })

  it('1000 concurrent queries over a 20-connection pool all succeed and leak nothing', async () => {
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        t.db
          .selectFrom(numbers)
          .select((eb) => eb.val(i).as('i'))
          .where('n', '<', 0)
          .execute(),
      ),
    )
    expect(results).toHaveLength(1000)
    expect(t.pool.totalCount).toBeLessThanOrEqual(20)
    expect(t.pool.waitingCount).toBe(0)
    expect(t.pool.idleCount).toBe(t.pool.totalCount)
  })

  // iris-pgwire runs every SELECT twice and converts each row in Python
  // (docs/iris-sql.md#describe-and-statements-without-rowdescription): a smaller table keeps the
  // file within its time there.
  const total = traitsOf(target).irisPgwire ? 20_000 : 100_000

  it(`streams ${total} rows without portal row limits, and stopping early releases the connection`, async () => {
    // In inserts within maxParameters: one larger insert would be split into statements that must
    // be atomic, which iris-pgwire's external backend cannot promise (its own test: crud).
    for (let start = 0; start < total; start += 1000) {
      const rows = Array.from({ length: 1000 }, (_, i) => ({
        n: start + i,
        label: `row${start + i}`,
      }))
      await t.db.insertInto(numbers).values(rows).execute()
    }
    let count = 0
    let sum = 0
    for await (const row of t.db
      .selectFrom(numbers)
      .select(['n', 'label'])
      .orderBy('n')
      .stream(5000)) {
      count++
      sum += row.n
    }
    expect(count).toBe(total)
    expect(sum).toBe(((total - 1) * total) / 2)

    const first: number[] = []
    for await (const row of t.db.selectFrom(numbers).select('n').orderBy('n').stream(100)) {
      first.push(row.n)
      if (first.length === 10) break
    }
    expect(first).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(t.pool.idleCount).toBe(t.pool.totalCount)
  })

  it('streams through a pg-cursor when one is configured, labels restored', async () => {
    const withCursor = connect(t.server, { cursor: Cursor })
    try {
      const seen: { n: number; label: string }[] = []
      for await (const row of withCursor.db
        .selectFrom(numbers)
        .select(['n', 'label'])
        .where('n', '<', 2500)
        .orderBy('n')
        .stream(1000)) {
        seen.push(row)
      }
      expect(seen).toHaveLength(2500)
      expect(seen[2499]).toEqual({ n: 2499, label: 'row2499' })
      expect(withCursor.pool.idleCount).toBe(withCursor.pool.totalCount)
    } finally {
      await withCursor.db.destroy()
    }
  })
})
