import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { compilingDb, pagingDbs } from '../support/compile.js'

const compiled = (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
  const { sql, parameters } = query.compile()
  return { sql, parameters: [...parameters] }
}

describe.each(pagingDbs)('insert, update, delete, replaceInto ($paging paging)', ({ db }) => {
  it('insert: every value a parameter, booleans 1/0, undefined skipped', () => {
    expect(
      compiled(
        db.insertInto('pet').values({ name: "O'Neil; $1", alive: true, owner_id: undefined }),
      ),
    ).toEqual({
      sql: 'insert into "pet" ("name", "alive") values ($1, $2)',
      parameters: ["O'Neil; $1", 1],
    })
  })

  it('insert: multi-row VALUES by default', () => {
    expect(
      compiled(
        db.insertInto('pet').values([
          { name: 'a', age: 1 },
          { name: 'b', age: 2 },
        ]),
      ),
    ).toEqual({
      sql: 'insert into "pet" ("name", "age") values ($1, $2), ($3, $4)',
      parameters: ['a', 1, 'b', 2],
    })
  })

  it('insert: rows naming different columns compile as Kysely writes them, DEFAULT where a row lacks a column, which the connection never sends (docs/iris-sql.md#multi-row-inserts)', () => {
    expect(
      compiled(
        db
          .insertInto('pet')
          .values([
            { name: 'a', age: 1 },
            { name: 'b', age: 2 },
            { name: 'c' },
            { age: 4, name: undefined },
            {},
            {},
            { name: 'g', age: 7 },
          ]),
      ),
    ).toEqual({
      sql: 'insert into "pet" ("name", "age") values ($1, $2), ($3, $4), ($5, default), (default, $6), (default, default), (default, default), ($7, $8)',
      parameters: ['a', 1, 'b', 2, 'c', 4, 'g', 7],
    })
    expect(compiled(db.insertInto('pet').values({})).sql).toBe('insert into "pet" default values')
  })

  it('insert: refuses rows naming different columns where one INSERT per run would differ: replaceInto(), a subquery (a CTE too), inside another statement', () => {
    const partial = [{ name: 'a', age: 1 }, { name: 'b' }]
    expect(() => db.replaceInto('pet').values(partial).compile()).toThrow(
      /replaceInto\(\) rows that name different columns.*unchanged/,
    )
    const withSubquery = [
      { name: 'a', age: db.selectFrom('pet').select((eb) => eb.fn.countAll().as('n')) },
      { name: 'b' },
    ]
    expect(() => db.insertInto('pet').values(withSubquery).compile()).toThrow(
      /hold a subquery.*see the rows the earlier ones inserted/,
    )
    expect(() =>
      db
        .with('n', (qb) => qb.selectFrom('pet').select((eb) => eb.fn.countAll().as('c')))
        .insertInto('pet')
        .values([{ name: 'a', age: db.selectFrom('n').select('c') }, { name: 'b' }])
        .compile(),
    ).toThrow(/hold a subquery/)
    const insert = db.insertInto('pet').values(partial)
    expect(() => db.selectFrom('pet').select(sql`${insert}`.as('x')).compile()).toThrow(
      /inside another statement/,
    )
  })

  it("insert: defaultValues() writes IRIS's DEFAULT VALUES", () => {
    expect(compiled(db.insertInto('pet').defaultValues()).sql).toBe(
      'insert into "pet" default values',
    )
  })

  it('insert ... select', () => {
    const query = db
      .insertInto('archive')
      .columns(['id', 'name'])
      .expression(db.selectFrom('pet').select(['id', 'name']).where('age', '>', 9))
    expect(compiled(query)).toEqual({
      sql: 'insert into "archive" ("id", "name") select "id", "name" from "pet" where "age" > $1',
      parameters: [9],
    })
  })

  it('replaceInto → INSERT OR UPDATE INTO', () => {
    expect(compiled(db.replaceInto('pet').values({ id: 1, name: 'Rex' }))).toEqual({
      sql: 'insert or update into "pet" ("id", "name") values ($1, $2)',
      parameters: [1, 'Rex'],
    })
  })

  it('update with a subquery and expressions', () => {
    const query = db
      .updateTable('pet')
      .set((eb) => ({ age: eb('age', '+', 1), alive: false }))
      .where('owner_id', 'in', db.selectFrom('person').select('id').where('name', '=', 'Ann'))
    expect(compiled(query)).toEqual({
      sql: 'update "pet" set "age" = "age" + $1, "alive" = $2 where "owner_id" in (select "id" from "person" where "name" = $3)',
      parameters: [1, 0, 'Ann'],
    })
  })

  it('delete', () => {
    expect(compiled(db.deleteFrom('pet').where('id', '=', 3))).toEqual({
      sql: 'delete from "pet" where "id" = $1',
      parameters: [3],
    })
  })

  it("delete using → IRIS's second FROM, the target joined as PostgreSQL's USING joins it", () => {
    const query = db
      .deleteFrom('pet')
      .using('person')
      .innerJoin('toy', 'toy.owner_id', 'person.id')
      .whereRef('pet.owner_id', '=', 'person.id')
      .where('toy.name', '=', 'ball')
    expect(compiled(query)).toEqual({
      sql: 'delete from "pet" from "person" inner join "toy" on "toy"."owner_id" = "person"."id" where "pet"."owner_id" = "person"."id" and "toy"."name" = $1',
      parameters: ['ball'],
    })
    // A second instance of the target: aliased apart from it, or unaliased beside an aliased target.
    expect(
      compiled(db.deleteFrom('pet as a').using(['pet as b', 'pet']).whereRef('a.id', '=', 'b.id'))
        .sql,
    ).toBe('delete from "pet" as "a" from "pet" as "b", "pet" where "a"."id" = "b"."id"')
  })

  it('update from other tables is written as it is', () => {
    const query = db
      .updateTable('pet')
      .set((eb) => ({ name: eb.ref('person.name') }))
      .from('person')
      .whereRef('pet.owner_id', '=', 'person.id')
    expect(compiled(query).sql).toBe(
      'update "pet" set "name" = "person"."name" from "person" where "pet"."owner_id" = "person"."id"',
    )
  })
})

describe('bulkInsert union-all form (INSERT ... SELECT ... UNION ALL SELECT)', () => {
  const db = compilingDb({ bulkInsert: 'union-all' })
  it('writes INSERT INTO t (cols) SELECT ... UNION ALL SELECT ...', () => {
    expect(
      compiled(
        db.insertInto('pet').values([
          { name: 'a', alive: true },
          { name: 'b', alive: false },
        ]),
      ),
    ).toEqual({
      sql: 'insert into "pet" ("name", "alive") select $1, $2 union all select $3, $4',
      parameters: ['a', 1, 'b', 0],
    })
  })
  it('keeps a single row as VALUES', () => {
    expect(compiled(db.insertInto('pet').values({ name: 'a' })).sql).toBe(
      'insert into "pet" ("name") values ($1)',
    )
  })
  it('writes rows naming different columns with DEFAULT, in the union-all form', () => {
    expect(
      compiled(
        db.insertInto('pet').values([{ name: 'a', age: 1 }, { name: 'b', age: 2 }, { name: 'c' }]),
      ),
    ).toEqual({
      sql: 'insert into "pet" ("name", "age") select $1, $2 union all select $3, $4 union all select $5, default',
      parameters: ['a', 1, 'b', 2, 'c'],
    })
  })
})
