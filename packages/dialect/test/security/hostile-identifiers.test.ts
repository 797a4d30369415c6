import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisInputError, IrisUnsupportedError } from '../../src/index.js'
import { SIM_TARGETS, tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'
import { CORPUS, label } from './corpus.js'
import { createdTableNameRefusal, identifierRefusal, kyselyParses } from './policy.js'

/**
 * Hostile identifiers, against the sim's targets (SIM_TARGETS): a hostile name the dialect allows is
 * double-quoted and works as a table, column, alias, schema and savepoint name (create, write,
 * read, roll back, drop); one it refuses raises IrisInputError and sends nothing (needs the sim:
 * reads its query log). A name whose upper case has other letters (`ß`) works except as the table
 * or schema of a CREATE TABLE, which iris-pgwire upper-cases: there it raises IrisUnsupportedError
 * and sends nothing.
 */
const ALLOWED = CORPUS.map((c, i) => ({ c, i })).filter(({ c }) => !identifierRefusal(c.value))
const REFUSED = CORPUS.filter((c) => identifierRefusal(c.value))

/** IRIS reserves savepoint names starting with SYS (docs/iris-sql.md#savepoints). */
const savepointRefusal = (name: string) =>
  identifierRefusal(name) ?? (/^sys/i.test(name) ? 'SYS' : undefined)

describe.each(SIM_TARGETS)('hostile identifiers (needs the sim; %s)', (target) => {
  /** Where the savepoint tests write the rows their savepoints keep or roll back. */
  const savepoints = tableName('savepoints')
  const t = useTestDatabase({
    target,
    needsSim: true,
    tables: { [savepoints]: (create) => create.addColumn('id', 'integer', (c) => c.primaryKey()) },
  })

  /** A CREATE TABLE the dialect refuses for its table or schema name: nothing is sent. */
  async function expectCreateRefused(create: { execute(): Promise<void> }) {
    t.server.sim?.queryLog.clear()
    await expect(create.execute()).rejects.toThrow(IrisUnsupportedError)
    expect(t.server.sim?.queryLog.entries).toEqual([])
  }

  /** Create, write, read and drop with `name` as table, column, alias and schema name. */
  async function useAsNames(name: string, i: number) {
    const tableRefused = createdTableNameRefusal(name) !== undefined
    if (tableRefused)
      await expectCreateRefused(t.db.schema.createTable(name).addColumn('id', 'integer'))
    // Kysely's string API reads `a.b` and `a as b` itself; such names are tested as columns and aliases.
    const table = kyselyParses(name) || tableRefused ? `ident_${i}` : name
    const column = sql.id(name)
    await t.db.schema
      .createTable(table)
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn(name, 'varchar(20)')
      .execute()
    try {
      await t.db
        .insertInto(table)
        .values({ id: 1, [name]: 'x' })
        .execute()
      await t.db
        .updateTable(table)
        .set({ [name]: 'y' })
        .where(column, '=', 'x')
        .execute()
      const rows = await t.db
        .selectFrom(table)
        .select(sql<string>`${column}`.as(name))
        .where(column, '=', 'y')
        .execute()
      expect(rows).toEqual([{ [name]: 'y' }])
    } finally {
      await t.db.schema.dropTable(table).execute()
    }

    const inSchema = t.db.withSchema(name)
    if (tableRefused) {
      await expectCreateRefused(inSchema.schema.createTable(`s_${i}`).addColumn('id', 'integer'))
      return
    }
    await inSchema.schema.createTable(`s_${i}`).addColumn('id', 'integer').execute()
    try {
      await inSchema.insertInto(`s_${i}`).values({ id: 7 }).execute()
      expect(await inSchema.selectFrom(`s_${i}`).select('id').execute()).toEqual([{ id: 7 }])
    } finally {
      await inSchema.schema.dropTable(`s_${i}`).execute()
    }
  }

  const allowed = ALLOWED.map(({ c, i }) => [label(c), c.value, i] as const)
  it.each(allowed)('%s: works as table, column, alias and schema name', async (_name, name, i) => {
    await useAsNames(name, i)
  })

  describe('savepoint names', () => {
    it.each(CORPUS.map((c, i) => [label(c), c.value, i + 1] as const))(
      '%s',
      async (_name, name, id) => {
        const refusal = savepointRefusal(name)
        const trx = await t.db.startTransaction().execute()
        try {
          await trx.insertInto(savepoints).values({ id }).execute()
          if (refusal) {
            t.server.sim?.queryLog.clear()
            await expect(trx.savepoint(name).execute()).rejects.toThrow(IrisInputError)
            expect(t.server.sim?.queryLog.entries).toEqual([])
            await trx.commit().execute()
          } else {
            const sp = await trx.savepoint(name).execute()
            await sp.insertInto(savepoints).values({ id: -id }).execute()
            const back = await sp.rollbackToSavepoint(name).execute()
            await back.commit().execute()
          }
        } catch (error) {
          await trx
            .rollback()
            .execute()
            .catch(() => {})
          throw error
        }
        const ids = await t.db
          .selectFrom(savepoints)
          .select('id')
          .where('id', 'in', [id, -id])
          .execute()
        expect(ids).toEqual([{ id }])
      },
    )
  })

  it.each(REFUSED.map((c) => [label(c), c.value] as const))(
    '%s: refused with IrisInputError as a name, nothing sent',
    async (_name, name) => {
      t.server.sim?.queryLog.clear()
      const attempts = [
        kyselyParses(name) ? undefined : t.db.schema.createTable(name).addColumn('id', 'integer'),
        t.db.schema.createTable('never').addColumn(name, 'integer'),
        t.db.selectFrom('never').select(sql.id(name).as('a')),
        t.db.selectFrom('never').select(sql.id('a').as(name)),
        t.db.withSchema(name).selectFrom('never').select('id'),
        t.db.insertInto('never').values({ [name]: 1 }),
      ]
      for (const attempt of attempts) {
        if (attempt) await expect(attempt.execute()).rejects.toThrow(IrisInputError)
      }
      expect(t.server.sim?.queryLog.entries).toEqual([])
    },
  )
})
