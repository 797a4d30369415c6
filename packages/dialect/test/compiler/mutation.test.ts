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

  it('insert: refuses rows with missing columns, which Kysely writes as DEFAULT (docs/iris-sql.md#insert-update-and-delete)', () => {
    expect(() =>
      db
        .insertInto('pet')
        .values([{ name: 'a', age: 1 }, { name: 'b' }])
        .compile(),
    ).toThrow(/DEFAULT.*give every row the same columns/)
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
  it('refuses rows with missing columns, which would need DEFAULT', () => {
    expect(() =>
      db
        .insertInto('pet')
        .values([{ name: 'a', age: 1 }, { name: 'b' }])
        .compile(),
    ).toThrow(/DEFAULT.*give every row the same columns/)
  })
})
