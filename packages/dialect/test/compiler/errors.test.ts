import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisError, IrisInputError, IrisUnsupportedError } from '../../src/index.js'
import { pagingDbs } from '../support/compile.js'

describe.each(pagingDbs)('compile-time errors ($paging paging)', ({ db }) => {
  const unsupported: [string, () => unknown, RegExp][] = [
    ['returning', () => db.insertInto('t').values({ a: 1 }).returning('id').compile(), /insertId/],
    [
      'returningAll on update',
      () => db.updateTable('t').set({ a: 1 }).returningAll().compile(),
      /RETURNING/,
    ],
    [
      'onConflict',
      () =>
        db
          .insertInto('t')
          .values({ a: 1 })
          .onConflict((oc) => oc.column('a').doNothing())
          .compile(),
      /replaceInto/,
    ],
    [
      'onDuplicateKeyUpdate',
      () => db.insertInto('t').values({ a: 1 }).onDuplicateKeyUpdate({ a: 2 }).compile(),
      /replaceInto/,
    ],
    ['orIgnore', () => db.insertInto('t').values({ a: 1 }).orIgnore().compile(), /replaceInto/],
    [
      'forUpdate',
      () => db.selectFrom('t').selectAll().forUpdate().compile(),
      /refused rather than dropped: IRIS support is unverified/,
    ],
    [
      'forShare skipLocked',
      () => db.selectFrom('t').selectAll().forShare().skipLocked().compile(),
      /refused rather than dropped: IRIS support is unverified/,
    ],
    [
      'fetch',
      () => db.selectFrom('t').selectAll().orderBy('a').offset(1).fetch(2).compile(),
      /fetch/,
    ],
    [
      'mergeInto',
      () => db.mergeInto('t').using('u', 't.a', 'u.a').whenMatched().thenDelete().compile(),
      /MERGE/,
    ],
    [
      'JSON ->',
      () =>
        db
          .selectFrom('t')
          .select((eb) =>
            eb
              .ref('data', '->')
              .key('x' as never)
              .as('x'),
          )
          .compile(),
      /JSON/,
    ],
    [
      'regex ~',
      () => db.selectFrom('t').selectAll().where('a', '~', 'x').compile(),
      /regular-expression/,
    ],
    [
      'array containment',
      () => db.selectFrom('t').selectAll().where('a', '@>', 'x').compile(),
      /arrays/,
    ],
    [
      'pgvector <=>',
      () => db.selectFrom('t').selectAll().where('a', '<=>', 'x').compile(),
      /vector/,
    ],
    [
      ':: cast in sql``',
      () => db.selectFrom('t').select(sql<number>`a::int`.as('a')).compile(),
      /CAST/,
    ],
    ['update limit', () => db.updateTable('t').set({ a: 1 }).limit(1).compile(), /LIMIT/],
    ['delete orderBy', () => db.deleteFrom('t').orderBy('a').compile(), /ORDER BY/],
    [
      'delete using the unaliased target again',
      () => db.deleteFrom('t').using(['u', 't as x']).compile(),
      /the row being deleted.*deleteFrom\('t as x'\)/,
    ],
    [
      'delete joining the target again by its alias',
      () => db.deleteFrom('t as x').using('u').innerJoin('t as x', 'x.a', 'u.a').compile(),
      /using\(\) names 't' again/,
    ],
    ['delete from two tables', () => db.deleteFrom(['t', 'u']).compile(), /one table/],
    [
      'delete join without using',
      () => db.deleteFrom('t').innerJoin('u', 'u.a', 't.a').compile(),
      /using\(u\)/,
    ],
    [
      'delete using raw SQL',
      () => db.deleteFrom('t').using(sql`u`.as('v')).compile(),
      /raw SQL in using\(\)/,
    ],
    [
      'update from the target again',
      () =>
        db
          .updateTable('s.t as x')
          .set({ a: 1 })
          .from('public.u')
          .innerJoin('t as y', 'y.a', 'u.a')
          .compile(),
      /from\(\) names 's.t', the table being updated, again/,
    ],
    ['top percent', () => db.selectFrom('t').selectAll().top(10, 'percent').compile(), /percent/],
  ]
  for (const [name, build, message] of unsupported) {
    it(`${name} → IrisUnsupportedError`, () => {
      let error: unknown
      try {
        build()
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(IrisUnsupportedError)
      expect(error).toBeInstanceOf(IrisError)
      expect((error as Error).message).toMatch(message)
    })
  }

  const badInput: [string, () => unknown][] = [
    [
      'sql.lit string in DML',
      () => db.selectFrom('t').select(sql.lit<string>('x').as('x')).compile(),
    ],
    ['$1 in sql text', () => db.selectFrom('t').selectAll().where(sql<boolean>`a = $1`).compile()],
    ['identifier with ;', () => db.selectFrom('t; drop table x').selectAll().compile()],
    ['identifier with $1', () => db.selectFrom('t').select('a$1').compile()],
    ['identifier with NUL', () => db.selectFrom('t').select('a\0').compile()],
    ['alias with ;', () => db.selectFrom('t').select('a as b;c').compile()],
    ['NUL in a value', () => db.selectFrom('t').selectAll().where('a', '=', 'x\0y').compile()],
    ['NaN', () => db.selectFrom('t').selectAll().where('a', '=', Number.NaN).compile()],
    ['Infinity', () => db.insertInto('t').values({ a: Number.POSITIVE_INFINITY }).compile()],
    [
      'Invalid Date',
      () =>
        db
          .insertInto('t')
          .values({ a: new Date('nope') })
          .compile(),
    ],
    [
      'array value',
      () =>
        db
          .insertInto('t')
          .values({ a: [1, 2] })
          .compile(),
    ],
    [
      'Buffer value',
      () =>
        db
          .insertInto('t')
          .values({ a: Buffer.from('x') })
          .compile(),
    ],
    [
      'object value',
      () =>
        db
          .insertInto('t')
          .values({ a: { x: 1 } })
          .compile(),
    ],
  ]
  for (const [name, build] of badInput) {
    it(`${name} → IrisInputError`, () => {
      expect(build).toThrow(IrisInputError)
    })
  }

  it('explain() → IrisUnsupportedError', async () => {
    await expect(db.selectFrom('t').selectAll().explain()).rejects.toThrow(IrisUnsupportedError)
  })

  it('quotes identifiers safely, doubling "', () => {
    expect(db.selectFrom('we"ird').select('a"b').compile().sql).toBe('select "a""b" from "we""ird"')
  })
})
