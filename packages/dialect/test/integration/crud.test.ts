import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisNotFoundError } from '../../src/index.js'
import { PROFILES, tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

describe.each(PROFILES)('CRUD, transactions, insertId, labels (profile %s)', (profile) => {
  const person = tableName('person')
  const t = useTestDatabase({
    profile,
    connection: { max: 10 },
    tables: {
      [person]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('firstName', 'varchar(50)', (c) => c.notNull())
          .addColumn('age', 'integer')
          .addColumn('active', 'boolean'),
    },
  })

  it('inserts, selects, updates and deletes', async () => {
    const inserted = await t.db
      .insertInto(person)
      .values({ firstName: 'Ann', age: 31, active: true })
      .executeTakeFirstOrThrow()
    expect(typeof inserted.insertId).toBe('bigint')
    const id = Number(inserted.insertId)
    const row = await t.db
      .selectFrom(person)
      .select(['id', 'firstName', 'age', 'active'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ id, firstName: 'Ann', age: 31, active: expect.anything() })
    expect([true, 1]).toContain(row.active)

    await t.db.updateTable(person).set({ age: 32, active: false }).where('id', '=', id).execute()
    expect(
      await t.db.selectFrom(person).select('age').where('id', '=', id).executeTakeFirstOrThrow(),
    ).toEqual({ age: 32 })

    await t.db.deleteFrom(person).where('id', '=', id).execute()
    expect(await t.db.selectFrom(person).select('id').where('id', '=', id).execute()).toEqual([])
  })

  it('limit/offset, ilike, empty in, distinct', async () => {
    await t.db
      .insertInto(person)
      .values([
        { firstName: 'Bea', age: 20 },
        { firstName: 'bob', age: 21 },
        { firstName: 'Cy', age: 22 },
        { firstName: 'Di', age: 23 },
      ])
      .execute()
    const page = await t.db
      .selectFrom(person)
      .select(['firstName', 'age'])
      .where('age', '>=', 20)
      .orderBy('age')
      .limit(2)
      .offset(1)
      .execute()
    expect(page).toEqual([
      { firstName: 'bob', age: 21 },
      { firstName: 'Cy', age: 22 },
    ])
    const bs = await t.db
      .selectFrom(person)
      .select('firstName')
      .where('firstName', 'ilike', 'B%')
      .orderBy('age')
      .execute()
    expect(bs.map((r) => r.firstName)).toEqual(['Bea', 'bob'])
    expect(await t.db.selectFrom(person).select('id').where('id', 'in', []).execute()).toEqual([])
    const sub = await t.db
      .selectFrom(person)
      .select('firstName')
      .where('age', 'in', t.db.selectFrom(person).select('age').orderBy('age', 'desc').limit(2))
      .orderBy('age')
      .limit(5)
      .execute()
    expect(sub.map((r) => r.firstName)).toEqual(['Cy', 'Di'])
  })

  /** Which of these first names are stored. */
  const storedAmong = async (firstNames: string[]) =>
    (
      await t.db
        .selectFrom(person)
        .select('firstName')
        .where('firstName', 'in', firstNames)
        .execute()
    ).map((r) => r.firstName)

  it('commit keeps, rollback discards', async () => {
    await t.db
      .transaction()
      .execute((trx) => trx.insertInto(person).values({ firstName: 'Committed' }).execute())
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto(person).values({ firstName: 'RolledBack' }).execute()
        throw new Error('undo')
      }),
    ).rejects.toThrow('undo')
    expect(await storedAmong(['Committed', 'RolledBack'])).toEqual(['Committed'])
  })

  it('rollback to a savepoint undoes only what followed it', async () => {
    const trx = await t.db.startTransaction().setIsolationLevel('read committed').execute()
    await trx.insertInto(person).values({ firstName: 'BeforeSp' }).execute()
    const sp = await trx.savepoint('sp1').execute()
    await sp.insertInto(person).values({ firstName: 'AfterSp' }).execute()
    const back = await sp.rollbackToSavepoint('sp1').execute()
    await back.commit().execute()
    expect(await storedAmong(['BeforeSp', 'AfterSp'])).toEqual(['BeforeSp'])
  })

  it('insertId is right under concurrent inserts from many connections', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.db
          .insertInto(person)
          .values({ firstName: `Concurrent${i}`, age: i })
          .executeTakeFirstOrThrow(),
      ),
    )
    const ids = results.map((r) => r.insertId)
    expect(new Set(ids).size).toBe(60)
    const rows = await t.db
      .selectFrom(person)
      .select(['id', 'age'])
      .where('firstName', 'like', 'Concurrent%')
      .execute()
    const byAge = new Map(rows.map((r) => [r.age, BigInt(r.id)]))
    for (const [i, r] of results.entries()) expect(r.insertId).toBe(byAge.get(i))
  })

  it('labels come back exactly as selected, aliases included', async () => {
    const row = await t.db
      .selectFrom(person)
      .select(['firstName', 'age as yearsOld', sql<number>`count(*)`.as('numberOfPeople')])
      .groupBy(['firstName', 'age'])
      .orderBy('firstName')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(Object.keys(row)).toEqual(['firstName', 'yearsOld', 'numberOfPeople'])
  })

  it('a missing table is IrisNotFoundError with sqlcode -30', async () => {
    await expect(t.db.selectFrom('no_such_table').select('x').execute()).rejects.toSatisfy(
      (e: unknown) => e instanceof IrisNotFoundError && e.sqlcode === -30,
    )
  })
})
