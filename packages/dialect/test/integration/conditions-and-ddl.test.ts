import { describeTargets } from '@kysely-iris/sim/testing'
import { type ExpressionBuilder, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { type AnyDB, tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

// What the server makes of the forms the dialect writes for booleans, ANY, DROP INDEX and the
// public schema (docs/iris-sql.md#booleans, docs/iris-sql.md#operators,
// docs/iris-sql.md#create-and-drop, docs/iris-sql.md#the-public-schema).
describeTargets(describe, 'conditions, ANY, DROP INDEX and the public schema', (target) => {
  const item = tableName('item')
  const tag = tableName('tag')
  const t = useTestDatabase({
    target,
    tables: {
      [item]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('flag', 'boolean')
          .addColumn('n', 'integer'),
      [tag]: (create) => create.addColumn('item_id', 'integer'),
    },
    seed: async (db) => {
      await db
        .insertInto(item)
        .values([
          { id: 1, flag: true, n: 1 },
          { id: 2, flag: false, n: 2 },
          { id: 3, flag: null, n: null },
        ])
        .execute()
      await db
        .insertInto(tag)
        .values([{ item_id: 1 }, { item_id: 3 }])
        .execute()
    },
  })
  const ids = async (query: { execute(): Promise<{ id: unknown }[]> }) =>
    (await query.execute()).map((row) => Number(row.id)).sort()
  const items = () => t.db.selectFrom(item).select('id')

  it('a BIT inserted from true / false reads back as 1 / 0, as a CASE yielding 1 / 0 does', async () => {
    const rows = await t.db
      .selectFrom(item)
      .select((eb) => [
        'id',
        'flag',
        eb.case().when('flag', '=', true).then(1).when('flag', '=', false).then(0).end().as('c'),
      ])
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { id: 1, flag: 1, c: 1 },
      { id: 2, flag: 0, c: 0 },
      { id: 3, flag: null, c: null },
    ])
    expect(await ids(items().where('flag', '=', true))).toEqual([1])
    expect(await ids(items().where('flag', '=', false))).toEqual([2])
  })

  it("'is true', 'is false' and 'is not true' on a BIT column", async () => {
    expect(await ids(items().where('flag', 'is', true))).toEqual([1])
    expect(await ids(items().where('flag', 'is', false))).toEqual([2])
    expect(await ids(items().where('flag', 'is not', true))).toEqual([2, 3])
  })

  it('a value used as a condition: a BIT reference, a literal, a CASE', async () => {
    expect(await ids(items().where((eb) => eb.ref('flag')))).toEqual([1])
    expect(await ids(items().where((eb) => eb.lit(true)))).toEqual([1, 2, 3])
    expect(await ids(items().where((eb) => eb.lit(false)))).toEqual([])
    expect(
      await ids(items().where((eb) => eb.case().when('n', '>', 1).then(true).else(false).end())),
    ).toEqual([2])
    expect(await ids(items().where((eb) => eb.not(eb.ref('flag'))))).toEqual([2])
  })

  // Read by position: iris-pgwire's embedded backend labels this select list column1..N (its alias
  // parser is thrown by the subquery, docs/iris-sql.md#iris-pgwire-result-quirks).
  it('a condition selected as a column reads back as 1, 0 or NULL', async () => {
    const rows = await t.db
      .selectFrom(item)
      .select((eb) => [
        'id',
        eb.exists(eb.selectFrom(tag).select('item_id').whereRef('item_id', '=', 'id')).as('tagged'),
        eb('n', '>', 1).as('big'),
      ])
      .orderBy('id')
      .execute()
    const values = rows.map((row) => Object.values(row).map((v) => (v === null ? null : Number(v))))
    expect(values).toEqual([
      [1, 1, 0],
      [2, 0, 1],
      [3, 1, null],
    ])
  })

  it('a tuple in a list of tuples', async () => {
    const pairs = (eb: ExpressionBuilder<AnyDB, string>) => [eb.tuple(1, 1), eb.tuple(2, 3)]
    expect(await ids(items().where((eb) => eb(eb.refTuple('id', 'n'), 'in', pairs(eb))))).toEqual([
      1,
    ])
    // Row 3's n is NULL: (3, NULL) differs from both rows, so NOT IN holds.
    expect(
      await ids(items().where((eb) => eb(eb.refTuple('id', 'n'), 'not in', pairs(eb)))),
    ).toEqual([2, 3])
  })

  it('eb.fn.any(subquery)', async () => {
    expect(
      await ids(
        items().where((eb) => eb('id', '=', eb.fn.any(eb.selectFrom(tag).select('item_id')))),
      ),
    ).toEqual([1, 3])
  })

  it('the schema public is the default schema', async () => {
    expect(await ids(t.db.selectFrom(`public.${item}`).select('id'))).toEqual([1, 2, 3])
    expect(await ids(t.db.withSchema('public').selectFrom(item).select('id'))).toEqual([1, 2, 3])
  })

  it('dropIndex under withSchema drops the index of the named table, so it can be made again', async () => {
    const index = `${item}_n`
    const schema = t.db.withSchema('SQLUser').schema
    await schema.createIndex(index).on(item).column('n').execute()
    await schema.dropIndex(index).ifExists().on(item).execute()
    await schema.createIndex(index).on(item).column('n').execute()
    await schema.dropIndex(index).on(item).execute()
    await expect(
      sql`select 1 from ${sql.table(item)}`.execute(t.db).then((r) => r.rows.length),
    ).resolves.toBe(3)
  })
})
