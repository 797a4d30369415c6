import { sql } from 'kysely'
import { jsonArrayFrom, jsonBuildObject, jsonObjectFrom } from 'kysely/helpers/postgres'
import { describe, expect, it } from 'vitest'
import { compilingDb } from '../support/compile.js'

const limitDb = compilingDb({ paging: 'limit' })
const topDb = compilingDb({ paging: 'top' })

function compiled(query: { compile(): { sql: string; parameters: readonly unknown[] } }) {
  const { sql, parameters } = query.compile()
  return { sql, parameters: [...parameters] }
}

describe('select, joins, where, group by, having, order by (both paging modes)', () => {
  for (const [paging, db] of [
    ['limit', limitDb],
    ['top', topDb],
  ] as const) {
    it(`${paging}: selections, aliases, where with every value as an ascending parameter`, () => {
      const query = db
        .selectFrom('person as p')
        .innerJoin('pet', 'pet.owner_id', 'p.id')
        .leftJoin('toy', (join) => join.onRef('toy.pet_id', '=', 'pet.id').on('toy.price', '>', 10))
        .select(['p.id', 'p.first_name as firstName', 'pet.name'])
        .where('p.age', '>=', 18)
        .where((eb) => eb.or([eb('p.last_name', '=', 'Smith'), eb('p.active', '=', true)]))
      expect(compiled(query)).toEqual({
        sql: 'select "p"."id", "p"."first_name" as "firstName", "pet"."name" from "person" as "p" inner join "pet" on "pet"."owner_id" = "p"."id" left join "toy" on "toy"."pet_id" = "pet"."id" and "toy"."price" > $1 where "p"."age" >= $2 and ("p"."last_name" = $3 or "p"."active" = $4)',
        parameters: [10, 18, 'Smith', 1],
      })
    })

    it(`${paging}: group by, having, order by`, () => {
      const query = db
        .selectFrom('pet')
        .select(['species', (eb) => eb.fn.countAll().as('n')])
        .groupBy('species')
        .having((eb) => eb.fn.countAll(), '>', 2)
        .orderBy('species', 'desc')
      expect(compiled(query)).toEqual({
        sql: 'select "species", count(*) as "n" from "pet" group by "species" having count(*) > $1 order by "species" desc',
        parameters: [2],
      })
    })

    it(`${paging}: distinctOn becomes DISTINCT BY`, () => {
      const query = db
        .selectFrom('pet')
        .distinctOn(['species', 'owner_id'])
        .select(['species', 'name'])
      expect(compiled(query).sql).toBe(
        'select distinct by ("species", "owner_id") "species", "name" from "pet"',
      )
    })

    it(`${paging}: ilike and not ilike become LOWER(...) LIKE LOWER(...)`, () => {
      const query = db
        .selectFrom('pet')
        .select('name')
        .where('name', 'ilike', 'rex%')
        .where('species', 'not ilike', 'CAT')
      expect(compiled(query)).toEqual({
        sql: 'select "name" from "pet" where lower("name") like lower($1) and lower("species") not like lower($2)',
        parameters: ['rex%', 'CAT'],
      })
    })

    it(`${paging}: empty in () is always false, empty not in () always true`, () => {
      const query = db
        .selectFrom('pet')
        .select('id')
        .where((eb) => eb.or([eb('id', 'in', []), eb('id', 'not in', [])]))
      expect(compiled(query)).toEqual({
        sql: 'select "id" from "pet" where (1 = 0 or 1 = 1)',
        parameters: [],
      })
      expect(compiled(db.selectFrom('pet').select('id').where('id', 'in', [1, 2]))).toEqual({
        sql: 'select "id" from "pet" where "id" in ($1, $2)',
        parameters: [1, 2],
      })
    })

    it(`${paging}: booleans become 1/0 as parameters and as literals`, () => {
      const query = db
        .selectFrom('pet')
        .select((eb) => eb.lit(true).as('t'))
        .where('vaccinated', '=', false)
        .where('alive', '=', sql.lit(false))
      expect(compiled(query)).toEqual({
        sql: 'select 1 as "t" from "pet" where "vaccinated" = $1 and "alive" = 0',
        parameters: [0],
      })
    })

    it(`${paging}: Date parameters travel in the ODBC format, UTC`, () => {
      const query = db
        .selectFrom('pet')
        .select('id')
        .where('born', '<', new Date(Date.UTC(2020, 1, 3, 4, 5, 6, 7)))
      expect(compiled(query).parameters).toEqual(['2020-02-03 04:05:06.007'])
    })

    it(`${paging}: .top() becomes a parameterized TOP`, () => {
      expect(compiled(db.selectFrom('pet').selectAll().top(3).orderBy('id'))).toEqual({
        sql: 'select top $1 * from "pet" order by "id"',
        parameters: [3],
      })
    })

    it(`${paging}: set operations and subqueries`, () => {
      const query = db
        .selectFrom('pet')
        .select('name')
        .where('owner_id', 'in', db.selectFrom('person').select('id').where('age', '>', 30))
        .union(db.selectFrom('toy').select('name').where('price', '<', 5))
        .orderBy('name')
      expect(compiled(query)).toEqual({
        sql: 'select "name" from "pet" where "owner_id" in (select "id" from "person" where "age" > $1) union select "name" from "toy" where "price" < $2 order by "name"',
        parameters: [30, 5],
      })
      const exists = db
        .selectFrom('person')
        .select([
          'id',
          (eb) =>
            eb
              .selectFrom('pet')
              .select(eb.fn.countAll().as('c'))
              .whereRef('pet.owner_id', '=', 'person.id')
              .as('pets'),
        ])
        .where((eb) => eb.exists(eb.selectFrom('pet').select('id').where('species', '=', 'dog')))
      expect(compiled(exists)).toEqual({
        sql: 'select "id", (select count(*) as "c" from "pet" where "pet"."owner_id" = "person"."id") as "pets" from "person" where exists (select "id" from "pet" where "species" = $1)',
        parameters: ['dog'],
      })
    })

    it(`${paging}: window functions and CAST (never ::)`, () => {
      const query = db.selectFrom('pet').select([
        (eb) =>
          eb.fn
            .agg<number>('row_number')
            .over((o) => o.orderBy('id'))
            .as('rn'),
        (eb) => eb.cast('age', 'bigint').as('a'),
      ])
      expect(compiled(query).sql).toBe(
        'select row_number() over(order by "id") as "rn", cast("age" as bigint) as "a" from "pet"',
      )
    })
  }
})

describe('row limits (LIMIT, TOP and %VID paging)', () => {
  /** Page 3 of the cats, 10 a page; or the first page, without `offset`. */
  const cats = (db: typeof limitDb, offset?: number) => {
    const page = db
      .selectFrom('pet')
      .select('id')
      .where('species', '=', 'cat')
      .orderBy('id')
      .limit(10)
    return offset === undefined ? page : page.offset(offset)
  }
  const catPages = [
    {
      name: 'limit mode: LIMIT and OFFSET are parameters after ORDER BY, which is kept',
      db: limitDb,
      offset: 20,
      expected: {
        sql: 'select "id" from "pet" where "species" = $1 order by "id" limit $2 offset $3',
        parameters: ['cat', 10, 20],
      },
    },
    {
      name: 'top mode: limit becomes TOP, first parameter, ORDER BY kept',
      db: topDb,
      expected: {
        sql: 'select top $1 "id" from "pet" where "species" = $2 order by "id"',
        parameters: [10, 'cat'],
      },
    },
    {
      name: 'top mode: limit + offset pages with %VID over TOP ALL',
      db: topDb,
      offset: 20,
      expected: {
        sql: 'select *, %VID from (select top all "id" from "pet" where "species" = $1 order by "id") where %VID between $2 and $3',
        parameters: ['cat', 21, 30],
      },
    },
  ]
  for (const { name, db, offset, expected } of catPages) {
    it(name, () => {
      expect(compiled(cats(db, offset))).toEqual(expected)
    })
  }

  it('both modes: offset without limit pages with %VID (LIMIT needs a count)', () => {
    for (const db of [limitDb, topDb]) {
      expect(compiled(db.selectFrom('pet').select('id').orderBy('id').offset(5))).toEqual({
        sql: 'select *, %VID from (select top all "id" from "pet" order by "id") where %VID > $1',
        parameters: [5],
      })
    }
  })

  it('limit mode: a limited subquery makes the whole statement TOP, never mixed', () => {
    const query = limitDb
      .selectFrom('person')
      .select('id')
      .where(
        'id',
        'in',
        limitDb.selectFrom('pet').select('owner_id').orderBy('born', 'desc').limit(3),
      )
      .orderBy('id')
      .limit(2)
    expect(compiled(query)).toEqual({
      sql: 'select top $1 "id" from "person" where "id" in (select top $2 "owner_id" from "pet" order by "born" desc) order by "id"',
      parameters: [2, 3],
    })
    expect(compiled(query).sql).not.toMatch(/\blimit\b/)
  })

  it('limit mode: a subquery limited by top() makes the statement TOP too; the next statement is LIMIT again', () => {
    const inner = limitDb.selectFrom('pet').select('id').orderBy('id').top(3)
    const query = limitDb.selectFrom(inner.as('t')).select('id').orderBy('id').limit(2)
    expect(compiled(query)).toEqual({
      sql: 'select top $1 "id" from (select top $2 "id" from "pet" order by "id") as "t" order by "id"',
      parameters: [2, 3],
    })
    // The compiler that switched to TOP for one statement starts the next one in LIMIT style.
    const compiler = limitDb.getExecutor().compileQuery.bind(limitDb.getExecutor())
    expect(compiler(query.toOperationNode(), { queryId: 'a' }).sql).toMatch(/^select top \$1/)
    expect(
      compiler(limitDb.selectFrom('pet').select('id').limit(2).toOperationNode(), { queryId: 'b' })
        .sql,
    ).toBe('select "id" from "pet" limit $1')
  })

  it('limit mode: a limited subquery with an offset in a derived table uses %VID', () => {
    const inner = limitDb.selectFrom('pet').select(['id', 'name']).orderBy('id').limit(5).offset(10)
    const query = limitDb.selectFrom(inner.as('page')).select('name').limit(2)
    expect(compiled(query)).toEqual({
      sql: 'select top $1 "name" from (select * from (select top all "id", "name" from "pet" order by "id") where %VID between $2 and $3) as "page"',
      parameters: [2, 11, 15],
    })
  })

  it('limit mode: a limited set-operation member switches the statement to TOP', () => {
    const query = limitDb
      .selectFrom('pet')
      .select('name')
      .union(limitDb.selectFrom('toy').select('name').orderBy('name').limit(1))
    expect(compiled(query).sql).toBe(
      'select "name" from "pet" union select top $1 "name" from "toy" order by "name"',
    )
  })

  it('limit mode: a limit on a union stays LIMIT; top mode refuses it with the workaround', () => {
    const union = (db: typeof limitDb) =>
      db.selectFrom('pet').select('name').union(db.selectFrom('toy').select('name')).limit(3)
    expect(compiled(union(limitDb)).sql).toBe(
      'select "name" from "pet" union select "name" from "toy" limit $1',
    )
    expect(() => union(topDb).compile()).toThrow(/union\/intersect\/except.*selectFrom\(q\.as/)
  })

  it('top() with limit() is refused (SQLCODE -386)', () => {
    expect(() => limitDb.selectFrom('pet').selectAll().top(1).limit(2).compile()).toThrowError(
      expect.objectContaining({
        name: 'IrisUnsupportedError',
        message: expect.stringMatching(/-386/),
      }),
    )
  })

  it('a limit that is an expression still travels as a parameter', () => {
    expect(compiled(topDb.selectFrom('pet').select('id').limit(sql<number>`${4}`))).toEqual({
      sql: 'select top $1 "id" from "pet"',
      parameters: [4],
    })
  })

  it('aggregates: filterWhere(), withinGroupOrderBy() and countAll(table) are refused (IRIS aggregates take neither clause, and * or a value)', () => {
    const filtered = () =>
      limitDb
        .selectFrom('person')
        .select((eb) => eb.fn.count('id').filterWhere('gender', '=', 'female').as('women'))
        .compile()
    expect(filtered).toThrowError(
      expect.objectContaining({
        name: 'IrisUnsupportedError',
        message: expect.stringMatching(/FILTER clause.*case when/),
      }),
    )
    const withinGroup = () =>
      limitDb
        .selectFrom('toy')
        .select((eb) =>
          eb.fn
            .agg('percentile_cont', [sql.lit(0.5)])
            .withinGroupOrderBy('price')
            .as('m'),
        )
        .compile()
    expect(withinGroup).toThrowError(/WITHIN GROUP/)
    const countTableStar = () =>
      limitDb
        .selectFrom('person')
        .innerJoin('pet', 'pet.owner_id', 'person.id')
        .select((eb) => eb.fn.countAll('person').as('n'))
        .compile()
    expect(countTableStar).toThrowError(/count\(table\.\*\).*primary key/)
    expect(
      limitDb
        .selectFrom('person')
        .select((eb) => eb.fn.countAll().as('n'))
        .compile().sql,
    ).toBe('select count(*) as "n" from "person"')
    expect(
      limitDb
        .selectFrom('person')
        .select((eb) => eb.fn.count('id').as('n'))
        .compile().sql,
    ).toBe('select count("id") as "n" from "person"')
  })

  it('windows: over() on the functions IRIS documents, in a select list; other aggregates and other places are refused (docs/iris-sql.md#window-functions)', () => {
    expect(
      limitDb
        .selectFrom('pet')
        .select((eb) => [
          eb.fn.avg('age').over().as('a'),
          eb.fn
            .countAll()
            .over((o) => o.partitionBy('species'))
            .as('n'),
          eb.fn
            .agg('rank')
            .over((o) => o.partitionBy('species').orderBy('age', 'desc'))
            .as('r'),
        ])
        .compile().sql,
    ).toBe(
      'select avg("age") over() as "a", count(*) over(partition by "species") as "n", rank() over(partition by "species" order by "age" desc) as "r" from "pet"',
    )
    const maxima = limitDb.selectFrom('pet').select((eb) =>
      eb.fn
        .max('id')
        .over((o) => o.partitionBy('species'))
        .as('m'),
    )
    expect(limitDb.selectFrom('pet').where('id', 'in', maxima).select('id').compile().sql).toBe(
      'select "id" from "pet" where "id" in (select max("id") over(partition by "species") as "m" from "pet")',
    )
    const stddev = () =>
      limitDb
        .selectFrom('pet')
        .select((eb) => eb.fn.agg('stddev', ['age']).over().as('s'))
        .compile()
    expect(stddev).toThrowError(
      expect.objectContaining({
        name: 'IrisUnsupportedError',
        message: expect.stringMatching(/stddev\(\.\.\.\)\.over\(\) is not IRIS SQL.*derived table/),
      }),
    )
    const inWhere = () =>
      limitDb
        .selectFrom('pet')
        .select('id')
        .where((eb) => eb(eb.fn.agg('row_number').over(), '=', 1))
        .compile()
    expect(inWhere).toThrowError(/row_number\(\.\.\.\)\.over\(\) in where\(\).*alias/)
    const inOrderBy = () =>
      limitDb
        .selectFrom('pet')
        .select('id')
        .orderBy((eb) => eb.fn.agg('rank').over())
        .compile()
    expect(inOrderBy).toThrowError(/rank\(\.\.\.\)\.over\(\) in an orderBy\(\)/)
  })

  it("Kysely's PostgreSQL JSON builders are refused (json_agg, to_json and json_build_object are not IRIS functions)", () => {
    const pets = limitDb.selectFrom('pet').select(['pet.name'])
    const builders = [
      ['json_agg', limitDb.selectFrom('pet').select((eb) => eb.fn.jsonAgg('pet').as('pets'))],
      ['to_json', limitDb.selectFrom('pet').select((eb) => eb.fn.toJson('pet').as('pet'))],
      ['json_agg', limitDb.selectNoFrom(() => jsonArrayFrom(pets).as('pets'))],
      ['to_json', limitDb.selectNoFrom(() => jsonObjectFrom(pets).as('pet'))],
      [
        'json_build_object',
        limitDb
          .selectFrom('pet')
          .select((eb) => jsonBuildObject({ name: eb.ref('pet.name') }).as('pet')),
      ],
    ] as const
    for (const [name, query] of builders)
      expect(() => query.compile()).toThrowError(
        expect.objectContaining({
          name: 'IrisUnsupportedError',
          message: expect.stringMatching(
            new RegExp(
              `^${name}\\(\\) is not an IRIS SQL function.*build the JSON in the application`,
            ),
          ),
        }),
      )
  })

  it('lateral joins and APPLY are refused (IRIS joins have neither)', () => {
    const lateral = () =>
      limitDb
        .selectFrom('person')
        .innerJoinLateral(
          (eb) =>
            eb.selectFrom('pet').select('name').whereRef('pet.owner_id', '=', 'person.id').as('p'),
          (join) => join.onTrue(),
        )
        .select('p.name')
        .compile()
    expect(lateral).toThrowError(/LateralInnerJoin is not IRIS SQL/)
    const apply = () =>
      limitDb
        .selectFrom('person')
        .crossApply((eb) => eb.selectFrom('pet').select('name').as('p'))
        .select('p.name')
        .compile()
    expect(apply).toThrowError(/CrossApply is not IRIS SQL/)
  })
})
