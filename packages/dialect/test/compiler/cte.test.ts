/**
 * with() compiles to derived tables: through iris-pgwire a parameterized statement that starts with
 * WITH returns no rows (docs/iris-sql.md#describe-and-statements-without-rowdescription), so no
 * compiled statement may start with it. What cannot be inlined faithfully is refused.
 */
import { type QueryCreator, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisUnsupportedError } from '../../src/index.js'
import { compilingDb, pagingDbs } from '../support/compile.js'

const limitDb = compilingDb({ paging: 'limit' })
const topDb = compilingDb({ paging: 'top' })

function compiled(query: { compile(): { sql: string; parameters: readonly unknown[] } }) {
  const { sql, parameters } = query.compile()
  expect(sql).not.toMatch(/^\s*with\b/i)
  return { sql, parameters: [...parameters] }
}

/** The IrisUnsupportedError the build throws, for its message. */
function refusal(build: () => unknown): string {
  try {
    build()
  } catch (error) {
    expect(error).toBeInstanceOf(IrisUnsupportedError)
    return (error as Error).message
  }
  throw new Error('expected an IrisUnsupportedError, but the query compiled')
}

describe.each(pagingDbs)('with() as derived tables ($paging paging)', ({ db }) => {
  it('a CTE read once becomes a derived table under its own name', () => {
    const query = db
      .with('adults', (qb) => qb.selectFrom('person').select('id').where('age', '>=', 18))
      .selectFrom('adults')
      .selectAll()
    expect(compiled(query)).toEqual({
      sql: 'select * from (select "id" from "person" where "age" >= $1) as "adults"',
      parameters: [18],
    })
  })

  it('a CTE read twice is inlined at each reference, under the reference alias if it has one', () => {
    const query = db
      .with('a', (qb) => qb.selectFrom('person').select(['id', 'parent_id']).where('age', '>', 1))
      .selectFrom('a')
      .innerJoin('a as parent', 'parent.id', 'a.parent_id')
      .select(['a.id', 'parent.id as parentId'])
    expect(compiled(query)).toEqual({
      sql: 'select "a"."id", "parent"."id" as "parentId" from (select "id", "parent_id" from "person" where "age" > $1) as "a" inner join (select "id", "parent_id" from "person" where "age" > $2) as "parent" on "parent"."id" = "a"."parent_id"',
      parameters: [1, 1],
    })
  })

  it('a CTE reads the CTEs declared before it', () => {
    const query = db
      .with('adults', (qb) => qb.selectFrom('person').select(['id', 'age']).where('age', '>=', 18))
      .with('seniors', (qb) => qb.selectFrom('adults').select('id').where('age', '>=', 65))
      .selectFrom('seniors')
      .selectAll()
    expect(compiled(query)).toEqual({
      sql: 'select * from (select "id" from (select "id", "age" from "person" where "age" >= $1) as "adults" where "age" >= $2) as "seniors"',
      parameters: [18, 65],
    })
  })

  it('a CTE that names itself reads the table of that name (no RECURSIVE)', () => {
    const query = db
      .with('person', (qb) => qb.selectFrom('person').select('id').where('age', '>=', 18))
      .selectFrom('person')
      .selectAll()
    expect(compiled(query).sql).toBe(
      'select * from (select "id" from "person" where "age" >= $1) as "person"',
    )
  })

  it('a CTE is read in subqueries too, and a reference matches whatever its case', () => {
    const query = db
      .with('Pets', (qb) => qb.selectFrom('pet').select('owner_id'))
      .selectFrom('person')
      .select('id')
      .where('id', 'in', () => db.selectFrom('pets').select('owner_id'))
    expect(compiled(query).sql).toBe(
      'select "id" from "person" where "id" in (select "owner_id" from (select "owner_id" from "pet") as "pets")',
    )
  })

  it('only an unqualified name reads a CTE: schema.name is the table', () => {
    const query = db
      .with('person', (qb) => qb.selectFrom('app.person').select('id').where('age', '>=', 18))
      .selectFrom('person')
      .innerJoin('app.person as everyone', 'everyone.id', 'person.id')
      .select('everyone.id')
    expect(compiled(query).sql).toBe(
      'select "everyone"."id" from (select "id" from "app"."person" where "age" >= $1) as "person" inner join "app"."person" as "everyone" on "everyone"."id" = "person"."id"',
    )
  })

  it('withSchema() qualifies the tables but not the CTE', () => {
    const query = db
      .withSchema('app')
      .with('adults', (qb) => qb.selectFrom('person').select('id').where('age', '>=', 18))
      .selectFrom('adults')
      .innerJoin('pet', 'pet.owner_id', 'adults.id')
      .select('pet.name')
    expect(compiled(query).sql).toBe(
      'select "app"."pet"."name" from (select "id" from "app"."person" where "age" >= $1) as "adults" inner join "app"."pet" on "app"."pet"."owner_id" = "adults"."id"',
    )
  })

  it('a WITH inside a subquery is inlined there, and its names shadow the outer ones', () => {
    const query = db
      .with('t', (qb) => qb.selectFrom('person').select('id'))
      .selectFrom('t')
      .select('id')
      .where('id', 'in', () =>
        db
          .with('t', (qb) => qb.selectFrom('pet').select('owner_id as id'))
          .selectFrom('t')
          .select('id'),
      )
    expect(compiled(query).sql).toBe(
      'select "id" from (select "id" from "person") as "t" where "id" in (select "id" from (select "owner_id" as "id" from "pet") as "t")',
    )
  })

  it('a column list renames the columns in a select around the body, which keeps its own names', () => {
    const query = db
      .with(
        'a(x, y)',
        // Kysely's types want the body to name its columns x and y; the SQL does not.
        (qb) => qb.selectFrom('person').select(['id', 'name as n']).orderBy('n').limit(3) as never,
      )
      .selectFrom('a')
      .select(['x', 'y'])
    // The limited body is a limited subquery: TOP in both modes (docs/iris-sql.md#row-limits).
    expect(compiled(query)).toEqual({
      sql: 'select "x", "y" from (select "id" as "x", "n" as "y" from (select top $1 "id", "name" as "n" from "person" order by "n") as "a") as "a"',
      parameters: [3],
    })
  })

  it('notMaterialized() is what inlining does, so it is honoured', () => {
    const query = db
      .with(
        (cte) => cte('a').notMaterialized(),
        (qb) => qb.selectFrom('t').select('n'),
      )
      .selectFrom('a')
      .selectAll()
    expect(compiled(query).sql).toBe('select * from (select "n" from "t") as "a"')
  })

  it('a sql`...` body is inlined in parentheses', () => {
    const query = db
      .with('a', () => sql<{ one: number }>`select ${1} as one`)
      .selectFrom('a')
      .selectAll()
    expect(compiled(query)).toEqual({
      sql: 'select * from (select $1 as one) as "a"',
      parameters: [1],
    })
  })

  it('insert ... select reads the CTE', () => {
    const query = db
      .with('src', (qb) => qb.selectFrom('staging').select('id').where('ok', '=', true))
      .insertInto('target')
      .columns(['id'])
      .expression(() => db.selectFrom('src').select('id'))
    expect(compiled(query)).toEqual({
      sql: 'insert into "target" ("id") select "id" from (select "id" from "staging" where "ok" = $1) as "src"',
      parameters: [1],
    })
  })

  it('update and delete read the CTE in their subqueries; their target is always the table', () => {
    // biome-ignore lint/suspicious/noExplicitAny: the compile-only db builds queries on any table
    const stale = (qb: QueryCreator<any>) =>
      qb.selectFrom('session').select('id').where('age', '>', 30)
    const update = db
      .with('stale', stale)
      .updateTable('session')
      .set({ expired: true })
      .where('id', 'in', () => db.selectFrom('stale').select('id'))
    expect(compiled(update)).toEqual({
      sql: 'update "session" set "expired" = $1 where "id" in (select "id" from (select "id" from "session" where "age" > $2) as "stale")',
      parameters: [1, 30],
    })
    const remove = db
      .with('session', stale)
      .deleteFrom('session')
      .where('id', 'in', () => db.selectFrom('session').select('id'))
    expect(compiled(remove).sql).toBe(
      'delete from "session" where "id" in (select "id" from (select "id" from "session" where "age" > $1) as "session")',
    )
  })

  it('withRecursive() is refused with the reason and what to do instead', () => {
    const message = refusal(() =>
      db
        .withRecursive('tree(id)', (qb) => qb.selectFrom('node').select('id'))
        .selectFrom('tree')
        .selectAll()
        .compile(),
    )
    expect(message).toMatch(/withRecursive\(\).*starts with WITH.*one level per query/)
  })

  it('materialized() is refused: an inlined CTE runs at each reference', () => {
    const message = refusal(() =>
      db
        .with(
          (cte) => cte('a').materialized(),
          (qb) => qb.selectFrom('t').select('n'),
        )
        .selectFrom('a')
        .selectAll()
        .compile(),
    )
    expect(message).toMatch(/"a" is materialized\(\).*drop materialized\(\)/)
  })

  it.each([
    [
      'an insert as the CTE',
      () =>
        db
          .with('a', (qb) => qb.insertInto('t').values({ n: 1 }))
          .selectFrom('a')
          .selectAll(),
      /"a" is not a select.*its own statement/,
    ],
    [
      'a CTE never read through selectFrom or a join',
      () =>
        db
          .with('a', (qb) => qb.selectFrom('t').select('n'))
          .selectFrom('t')
          .select('n')
          .where(sql<boolean>`n in (select n from a)`),
      /"a" is never read by selectFrom\(\) or a join.*sql`\.\.\.`/,
    ],
    [
      'two CTEs whose names differ only in case',
      () =>
        db
          .with('a', (qb) => qb.selectFrom('t').select('n'))
          .with('A', (qb) => qb.selectFrom('t').select('n'))
          .selectFrom('a')
          .selectAll(),
      /two CTEs are named "A".*case-insensitive/,
    ],
    [
      'a column list over selectAll()',
      () =>
        db
          .with('a(x)', (qb) => qb.selectFrom('t').selectAll() as never)
          .selectFrom('a')
          .selectAll(),
      /does not name each column.*select the columns one by one/,
    ],
    [
      'a column list of the wrong length',
      () =>
        db
          .with('a(x, y)', (qb) => qb.selectFrom('t').select('n') as never)
          .selectFrom('a')
          .selectAll(),
      /lists 2 column names but its select has 1 columns/,
    ],
    [
      'a column list over two columns of one name',
      () =>
        db
          .with('a(x, y)', (qb) => qb.selectFrom(['t', 'u']).select(['t.id', 'u.ID']) as never)
          .selectFrom('a')
          .selectAll(),
      /two columns named "ID"/,
    ],
    [
      'a column list over sql`...`',
      () =>
        db
          .with('a(x)', () => sql`select 1`)
          .selectFrom('a')
          .selectAll(),
      /name the columns with AS inside the SQL/,
    ],
  ])('refuses %s', (_, build, message) => {
    expect(refusal(() => build().compile())).toMatch(message)
  })
})

describe('with() and row limits', () => {
  const adults = (db: typeof limitDb) =>
    db
      .with('adults', (qb) => qb.selectFrom('person').select(['id', 'age']).where('age', '>=', 18))
      .selectFrom('adults')
      .select('id')
      .orderBy('age')

  it('limit mode: LIMIT and OFFSET on the inlined form', () => {
    expect(compiled(adults(limitDb).limit(10).offset(20))).toEqual({
      sql: 'select "id" from (select "id", "age" from "person" where "age" >= $1) as "adults" order by "age" limit $2 offset $3',
      parameters: [18, 10, 20],
    })
  })

  it('top mode: TOP on the inlined form', () => {
    expect(compiled(adults(topDb).limit(10))).toEqual({
      sql: 'select top $1 "id" from (select "id", "age" from "person" where "age" >= $2) as "adults" order by "age"',
      parameters: [10, 18],
    })
  })

  it('top mode: limit + offset pages with %VID over the inlined form', () => {
    expect(compiled(adults(topDb).limit(10).offset(20))).toEqual({
      sql: 'select *, %VID from (select top all "id" from (select "id", "age" from "person" where "age" >= $1) as "adults" order by "age") where %VID between $2 and $3',
      parameters: [18, 21, 30],
    })
  })

  it('both modes: an offset without a limit pages with %VID', () => {
    for (const db of [limitDb, topDb]) {
      expect(compiled(adults(db).offset(5))).toEqual({
        sql: 'select *, %VID from (select top all "id" from (select "id", "age" from "person" where "age" >= $1) as "adults" order by "age") where %VID > $2',
        parameters: [18, 5],
      })
    }
  })

  it('limit mode: a limited CTE makes the whole statement TOP, as any limited subquery', () => {
    const query = limitDb
      .with('youngest', (qb) => qb.selectFrom('person').select('id').orderBy('age').limit(3))
      .selectFrom('youngest')
      .select('id')
      .orderBy('id')
      .limit(2)
    expect(compiled(query)).toEqual({
      sql: 'select top $1 "id" from (select top $2 "id" from "person" order by "age") as "youngest" order by "id"',
      parameters: [2, 3],
    })
  })

  it('both modes: a CTE paged with an offset becomes a %VID derived table', () => {
    for (const db of [limitDb, topDb]) {
      const query = db
        .with('page', (qb) =>
          qb.selectFrom('pet').select(['id', 'name']).orderBy('id').limit(5).offset(10),
        )
        .selectFrom('page')
        .select('name')
      expect(compiled(query)).toEqual({
        sql: 'select "name" from (select * from (select top all "id", "name" from "pet" order by "id") where %VID between $1 and $2) as "page"',
        parameters: [11, 15],
      })
    }
  })
})
