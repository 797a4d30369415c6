import { describe, expect, it } from 'vitest'
import { description, IrisInputError } from '../../src/index.js'
import { SIM_TARGETS } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'
import { CORPUS, type HostileCase, label } from './corpus.js'
import { ddlLiteralRefusal } from './policy.js'

/**
 * Hostile DDL literals: literals cannot be parameters in DDL (docs/iris-sql.md#text-rewrites), so
 * the dialect escapes them into the text. Each corpus case as a column DEFAULT and %DESCRIPTION
 * either works (the default comes back exactly: iris-pgwire's text rewrites did not touch it) or is
 * refused with IrisInputError before anything is sent (needs the sim: reads its query log).
 */
const numbered = CORPUS.map((c, i) => ({ c, table: `ddl_literal_${i}` }))

describe.each(SIM_TARGETS)('hostile DDL literals (needs the sim; %s)', (target) => {
  const t = useTestDatabase({ target, needsSim: true })

  const createTable = (table: string, text: string) =>
    t.db.schema
      .createTable(table)
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('c', 'varchar(200000)', (col) => col.defaultTo(text).modifyEnd(description(text)))

  async function defaultRoundTrip(c: HostileCase, table: string) {
    await createTable(table, c.value).execute()
    try {
      await t.db.insertInto(table).values({ id: 1 }).execute()
      const row = await t.db.selectFrom(table).select('c').executeTakeFirstOrThrow()
      // '' comes back as NULL through iris-pgwire 1.0 (docs/iris-sql.md#iris-pgwire-result-quirks);
      // nothing else differs.
      expect(row.c).toBe(target !== 'sim-iris' && c.value === '' ? null : c.value)
    } finally {
      await t.db.schema.dropTable(table).execute()
    }
  }

  const escaped = numbered
    .filter(({ c }) => !ddlLiteralRefusal(c.value))
    .map((n) => [label(n.c), n] as const)
  it.each(escaped)(
    '%s: escaped, and the default comes back exactly',
    async (_name, { c, table }) => {
      await defaultRoundTrip(c, table)
    },
  )
  it.each(
    numbered.filter(({ c }) => ddlLiteralRefusal(c.value)).map((n) => [label(n.c), n] as const),
  )('%s: refused with IrisInputError, nothing sent', async (_name, { c, table }) => {
    t.server.sim?.queryLog.clear()
    await expect(
      (async () => {
        await createTable(table, c.value).execute()
      })(),
    ).rejects.toThrow(IrisInputError)
    await expect(
      (async () => {
        await t.db.schema
          .alterTable('never')
          .addColumn('c', 'varchar(10)', (col) => col.defaultTo(c.value))
          .execute()
      })(),
    ).rejects.toThrow(IrisInputError)
    expect(t.server.sim?.queryLog.entries).toEqual([])
  })
})
