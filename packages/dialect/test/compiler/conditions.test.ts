import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisUnsupportedError } from '../../src/index.js'
import { pagingDbs } from '../support/compile.js'

// IRIS has no boolean values: a BIT holds 1, 0 or NULL, and a predicate is not a value
// (docs/iris-sql.md#booleans).
describe.each(pagingDbs)('conditions and booleans ($paging paging)', ({ db }) => {
  // biome-ignore lint/suspicious/noExplicitAny: tests build queries on arbitrary tables
  const where = (build: (eb: ExpressionBuilder<any, 't'>) => Expression<SqlBool>) =>
    db.selectFrom('t').select('id').where(build).compile().sql

  it("writes 'is true' / 'is false' on a value as a comparison with 1 / 0", () => {
    expect(db.selectFrom('t').select('id').where('flag', 'is', true).compile().sql).toBe(
      'select "id" from "t" where "flag" = 1',
    )
    expect(db.selectFrom('t').select('id').where('flag', 'is', false).compile().sql).toBe(
      'select "id" from "t" where "flag" = 0',
    )
    // IS NOT TRUE also holds for NULL.
    expect(db.selectFrom('t').select('id').where('flag', 'is not', true).compile().sql).toBe(
      'select "id" from "t" where ("flag" is null or "flag" <> 1)',
    )
    expect(db.selectFrom('t').select('id').where('flag', 'is', null).compile().sql).toBe(
      'select "id" from "t" where "flag" is null',
    )
  })

  it("refuses 'is true' / 'is false' on a condition, which IRIS cannot compare", () => {
    expect(() =>
      db.selectFrom('t').select('id').where(sql`(a is null)`, 'is', false).compile(),
    ).toThrow(IrisUnsupportedError)
    expect(() =>
      db
        .selectFrom('t')
        .select('id')
        .where((eb) => eb(eb('a', '=', 1), 'is', true))
        .compile(),
    ).toThrow(/conditions are not values/)
  })

  it('refuses a condition as the operand of an operator: IRIS compares no conditions', () => {
    for (const compile of [
      () => where((eb) => eb(eb('a', '=', 1), '=', eb('b', '=', 2))),
      () => where((eb) => eb(eb('a', '=', 1), '=', eb.lit(true))),
      () => where((eb) => eb(eb('a', '=', 1), 'is', null)),
      () => where((eb) => eb(eb.exists(eb.selectFrom('u').select('x')), '=', eb.lit(false))),
      () => where((eb) => eb('s', '=', eb.and([eb('a', '=', 1), eb('b', '=', 2)]))),
    ]) {
      expect(compile).toThrow(IrisUnsupportedError)
      expect(compile).toThrow(/a condition as an operand of '(=|is)'/)
    }
    for (const compile of [
      () => db.updateTable('t').set((eb) => ({ n: eb(eb('a', '>', 1), '+', 1) })),
      () => db.updateTable('t').set((eb) => ({ s: eb('a', '=', 1) })),
      () => db.insertInto('t').values((eb) => ({ s: eb('a', 'is', null) })),
      () => db.selectFrom('t').select((eb) => eb.fn.coalesce(eb('a', '=', 1), eb.lit(0)).as('c')),
      () => db.selectFrom('t').select((eb) => eb.fn.max(eb('a', '=', 1)).as('c')),
      () =>
        db.selectFrom('t').select((eb) =>
          eb
            .case()
            .when('a', '=', 1)
            .then(eb('b', '=', 2))
            .else(0)
            .end()
            .as('c'),
        ),
      () =>
        db.selectFrom('t').select((eb) =>
          eb
            .case()
            .when('a', '=', 1)
            .then(1)
            .else(eb('b', '=', 2))
            .end()
            .as('c'),
        ),
    ]) {
      expect(() => compile().compile()).toThrow(/a condition as .* is not IRIS SQL/)
    }
  })

  it('writes BETWEEN with its bounds as values, also among other conditions; refuses BETWEEN SYMMETRIC', () => {
    expect(where((eb) => eb.and([eb('a', '=', 1), eb.between('id', 1000, 2000)]))).toBe(
      'select "id" from "t" where ("a" = $1 and "id" between $2 and $3)',
    )
    expect(where((eb) => eb.between(eb.ref('a'), eb.ref('lo'), eb.ref('hi')))).toBe(
      'select "id" from "t" where "a" between "lo" and "hi"',
    )
    expect(() => where((eb) => eb.between('id', eb('a', '=', 1), 2))).toThrow(
      /a condition as an operand of 'between'/,
    )
    expect(() => where((eb) => eb.betweenSymmetric('id', 3000, 4000))).toThrow(IrisUnsupportedError)
    expect(() => where((eb) => eb.betweenSymmetric('id', 3000, 4000))).toThrow(
      /'between symmetric' is not IRIS SQL/,
    )
  })

  it('compares a value used as a condition with 1', () => {
    expect(where((eb) => eb.lit(true))).toBe('select "id" from "t" where 1 = 1')
    expect(where((eb) => eb.lit(false))).toBe('select "id" from "t" where 0 = 1')
    expect(where((eb) => eb.ref('flag'))).toBe('select "id" from "t" where "flag" = 1')
    expect(where((eb) => eb.case().when('a', '=', 1).then(true).else(false).end())).toBe(
      'select "id" from "t" where (case when "a" = $1 then 1 else 0 end) = 1',
    )
    expect(where((eb) => eb.and([eb.ref('flag'), eb.not(eb.ref('other')), eb('a', '>', 1)]))).toBe(
      'select "id" from "t" where ("flag" = 1 and not ("other" = 1) and "a" > $1)',
    )
    expect(where((eb) => eb.or([]))).toBe('select "id" from "t" where 1 = 0')
    expect(
      db
        .selectFrom('t')
        .innerJoin('u', (join) => join.on((eb) => eb.lit(true)))
        .select('id')
        .having((eb) => eb.ref('flag'))
        .compile().sql,
    ).toBe('select "id" from "t" inner join "u" on 1 = 1 having "flag" = 1')
  })

  it('keeps conditions as they are, and a simple CASE compares values', () => {
    expect(where((eb) => eb.not(eb.exists(eb.selectFrom('u').select('id'))))).toBe(
      'select "id" from "t" where not exists (select "id" from "u")',
    )
    expect(where((eb) => eb.case().when(eb.ref('flag')).then(true).else(false).end())).toBe(
      'select "id" from "t" where (case when "flag" = 1 then 1 else 0 end) = 1',
    )
    expect(
      db
        .selectFrom('t')
        .select((eb) => eb.case(eb.ref('kind')).when(eb.val(1)).then(eb.val('one')).end().as('k'))
        .compile().sql,
    ).toBe('select case "kind" when $1 then $2 end as "k" from "t"')
  })

  it('writes a condition selected as a column as a CASE giving 1, 0 or NULL', () => {
    expect(
      db
        .selectFrom('t')
        .select((eb) => [
          eb.exists(eb.selectFrom('u').select('id')).as('has_u'),
          eb('a', '=', 1).as('is_one'),
          eb('a', '+', 1).as('next'),
        ])
        .compile().sql,
    ).toBe(
      'select case when exists (select "id" from "u") then 1 when not (exists (select "id" from "u")) then 0 end as "has_u", case when "a" = $1 then 1 when not ("a" = $2) then 0 end as "is_one", "a" + $3 as "next" from "t"',
    )
  })

  it('writes eb.fn.any(subquery) as = ANY (subquery), and refuses ANY over a list', () => {
    expect(where((eb) => eb('a', '=', eb.fn.any(eb.selectFrom('u').select('b'))))).toBe(
      'select "id" from "t" where "a" = any (select "b" from "u")',
    )
    expect(() => where((eb) => eb('a', '=', eb.fn<number>('any', [eb.ref('tags')])))).toThrow(
      IrisUnsupportedError,
    )
  })

  it('drops NULLS FIRST / LAST where IRIS sorts that way anyway, refuses the other order', () => {
    expect(
      db
        .selectFrom('t')
        .select('id')
        .orderBy('a', (ob) => ob.asc().nullsFirst())
        .orderBy('b', (ob) => ob.desc().nullsLast())
        .compile().sql,
    ).toBe('select "id" from "t" order by "a" asc, "b" desc')
    expect(() =>
      db
        .selectFrom('t')
        .select('id')
        .orderBy('a', (ob) => ob.asc().nullsLast())
        .compile(),
    ).toThrow(/NULLS LAST is not IRIS SQL/)
    expect(() =>
      db
        .selectFrom('t')
        .select('id')
        .orderBy('a', (ob) => ob.desc().nullsFirst())
        .compile(),
    ).toThrow(IrisUnsupportedError)
  })

  // IRIS's IN compares one value (docs/iris-sql.md#operators).
  it('writes a tuple in a list of tuples as the rows it matches; refuses other tuples', () => {
    expect(where((eb) => eb(eb.refTuple('a', 'b'), 'in', [eb.tuple(1, 2), eb.tuple(3, 4)]))).toBe(
      'select "id" from "t" where (("a" = $1 and "b" = $2) or ("a" = $3 and "b" = $4))',
    )
    expect(where((eb) => eb(eb.refTuple('a', 'b'), 'not in', [eb.tuple(1, 2)]))).toBe(
      'select "id" from "t" where not (("a" = $1 and "b" = $2))',
    )
    expect(() =>
      where((eb) => eb(eb.refTuple('a', 'b'), 'in', eb.selectFrom('u').select(['x', 'y']))),
    ).toThrow(/a tuple in a subquery is not IRIS SQL/)
    expect(() => where((eb) => eb(eb.refTuple('a', 'b'), '=', eb.tuple(1, 2)))).toThrow(
      IrisUnsupportedError,
    )
  })
})

describe.each(pagingDbs)('set operations ($paging paging)', ({ db }) => {
  const a = () => db.selectFrom('a').select('id')
  const b = () => db.selectFrom('b').select('id')

  it('keeps UNION [ALL] and INTERSECT; refuses INTERSECT ALL and EXCEPT', () => {
    expect(a().intersect(b()).compile().sql).toBe(
      'select "id" from "a" intersect select "id" from "b"',
    )
    expect(a().unionAll(b()).compile().sql).toBe(
      'select "id" from "a" union all select "id" from "b"',
    )
    expect(() => a().intersectAll(b()).compile()).toThrow(/INTERSECT ALL is not IRIS SQL/)
    expect(() => a().except(b()).compile()).toThrow(IrisUnsupportedError)
    expect(() => a().exceptAll(b()).compile()).toThrow(IrisUnsupportedError)
  })
})

describe.each(pagingDbs)('the public schema ($paging paging)', ({ db }) => {
  it("writes the schema public as IRIS's SQLUser, which iris-pgwire does only for unquoted names", () => {
    expect(db.selectFrom('public.person').select('public.person.id').compile().sql).toBe(
      'select "SQLUser"."person"."id" from "SQLUser"."person"',
    )
    expect(db.withSchema('public').selectFrom('person').selectAll().compile().sql).toBe(
      'select * from "SQLUser"."person"',
    )
    expect(db.selectFrom('Sales.person').selectAll().compile().sql).toBe(
      'select * from "Sales"."person"',
    )
  })
})
