import { type CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely'
import { cosineSimilarity, dotProduct, nearestNeighbors, toVector } from '../../src/index.js'
import type { AnyDB } from '../support/server.js'

/** A statement that can be compiled, and run on the db it was built with. */
export interface Runnable {
  compile(): CompiledQuery
  execute(): Promise<unknown>
}

function runnable(db: Kysely<AnyDB>, raw: RawBuilder<unknown>): Runnable {
  return { compile: () => raw.compile(db), execute: () => raw.execute(db) }
}

/**
 * Every public entry that takes a value, as a statement on table `t` (`id integer`, `v varchar`)
 * that carries `value`. Used by the compile test (SQL text must not depend on the value) and,
 * through the same builders, by the round-trip test.
 */
export const VALUE_ENTRIES: readonly {
  readonly entry: string
  build(db: Kysely<AnyDB>, value: string, table?: string): Runnable
}[] = [
  {
    entry: 'insert values',
    build: (db, value, t = 't') => db.insertInto(t).values({ id: 1, v: value }),
  },
  {
    entry: 'multi-row insert values',
    build: (db, value, t = 't') =>
      db.insertInto(t).values([
        { id: 1, v: value },
        { id: 2, v: 'second' },
      ]),
  },
  {
    entry: 'update set',
    build: (db, value, t = 't') => db.updateTable(t).set({ v: value }).where('id', '=', 1),
  },
  {
    entry: 'replaceInto',
    build: (db, value, t = 't') => db.replaceInto(t).values({ id: 1, v: value }),
  },
  {
    entry: 'where =',
    build: (db, value, t = 't') => db.selectFrom(t).select('id').where('v', '=', value),
  },
  {
    entry: 'where like',
    build: (db, value, t = 't') => db.selectFrom(t).select('id').where('v', 'like', value),
  },
  {
    entry: 'where ilike',
    build: (db, value, t = 't') => db.selectFrom(t).select('id').where('v', 'ilike', value),
  },
  {
    entry: 'where in list',
    build: (db, value, t = 't') => db.selectFrom(t).select('id').where('v', 'in', [value, 'other']),
  },
  {
    entry: 'where not in list',
    build: (db, value, t = 't') => db.deleteFrom(t).where('v', 'not in', ['other', value]),
  },
  {
    entry: 'eb.val in select',
    build: (db, value, t = 't') => db.selectFrom(t).select((eb) => eb.val(value).as('x')),
  },
  {
    entry: 'sql template',
    build: (db, value, t = 't') =>
      runnable(
        db,
        sql`select ${sql.ref('id')} from ${sql.table(t)} where ${sql.ref('v')} = ${value}`,
      ),
  },
  {
    entry: 'sql template insert',
    build: (db, value, t = 't') =>
      runnable(
        db,
        sql`insert into ${sql.table(t)} (${sql.ref('id')}, ${sql.ref('v')}) values (${1}, ${value})`,
      ),
  },
  {
    entry: 'sql.val',
    build: (db, value, t = 't') =>
      db.selectFrom(t).select('id').where(sql.ref('v'), '=', sql.val(value)),
  },
]

/** Entries that take vectors: a hostile string where a number belongs must be refused. */
export const VECTOR_ENTRIES: readonly {
  readonly entry: string
  build(db: Kysely<AnyDB>, value: string): unknown
}[] = [
  { entry: 'toVector element', build: (_db, value) => toVector([1, value as never]) },
  { entry: 'toVector container', build: (_db, value) => toVector(value as never) },
  {
    entry: 'cosineSimilarity vector',
    build: (_db, value) => cosineSimilarity('embedding', [value as never]),
  },
  {
    entry: 'dotProduct vector',
    build: (_db, value) =>
      dotProduct('embedding', [0.5, value as never], { elementType: 'double' }),
  },
  {
    entry: 'nearestNeighbors vector',
    build: (db, value) =>
      nearestNeighbors(db.selectFrom('items').select('id'), {
        column: 'embedding',
        vector: [value as never],
        k: 3,
      }),
  },
]
