import { describeTargets } from '@kysely-iris/sim/testing'
import { describe, expect, it } from 'vitest'
import { type TestTarget, tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

/** The default value options give the same JS values under both profiles (README, "Value parsing"). */
const EXPECTED = {
  d: '2024-02-29',
  ts: '2024-02-29 13:14:15',
  big: 1234567890123,
  amount: '12.50',
  ratio: 0.25,
  name: "O'Brien; $1 'public' 2024-01-01",
}

/**
 * What iris-pgwire's result typing changes (docs/iris-sql.md#result-types): NUMERIC arrives as a
 * float on both backends, and the external backend announces BIGINT as text; the sim's profiles of
 * it do the same.
 */
const BEHIND_IRIS_PGWIRE: Partial<Record<TestTarget, Record<string, unknown>>> = {
  'iris-pgwire-dbapi': { big: '1234567890123', amount: 12.5 },
  'sim-pgwire-1.0-dbapi': { big: '1234567890123', amount: 12.5 },
  'iris-pgwire-embedded': { amount: 12.5 },
  'sim-pgwire-1.0-embedded': { amount: 12.5 },
}

describeTargets(describe, 'values round-trip with the default parsing', (target) => {
  const table = tableName('typed_values')
  const t = useTestDatabase({
    target,
    tables: {
      [table]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('d', 'date')
          .addColumn('ts', 'timestamp')
          .addColumn('big', 'bigint')
          .addColumn('amount', 'numeric(10, 2)')
          .addColumn('ratio', 'double precision')
          .addColumn('name', 'varchar(60)'),
    },
  })

  it('dates as ODBC strings, BIGINT as number, NUMERIC as exact string; text byte-exact', async () => {
    await t.db
      .insertInto(table)
      .values({ id: 1, ...EXPECTED, ts: new Date(Date.UTC(2024, 1, 29, 13, 14, 15)) })
      .execute()
    const row = await t.db
      .selectFrom(table)
      .select(['d', 'ts', 'big', 'amount', 'ratio', 'name'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ ...EXPECTED, ...BEHIND_IRIS_PGWIRE[target] })
  })
})
