import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisError, type IrisPoolClient } from '../../src/index.js'
import { dbWith, FakePool, type RecordedQuery } from '../support/fake-pool.js'

/** A FakePool that hands out one client, again and again, as a pool of one idle connection does. */
class OneClientPool extends FakePool {
  #client: Promise<IrisPoolClient> | undefined
  override connect(): Promise<IrisPoolClient> {
    this.#client ??= super.connect()
    return this.#client
  }
}

/** PostgreSQL's answer to a prepared statement whose result columns changed since it was parsed. */
function stalePlan(): Error {
  return Object.assign(new Error('cached plan must not change result type'), { code: '0A000' })
}

const names = (pool: FakePool) => pool.queries.map((q) => q.name)
const selectA = 'select "a" from "t"'

describe('prepared statements (preparedStatements: n)', () => {
  it('are off by default: every statement is sent unnamed', async () => {
    const pool = new FakePool()
    const db = dbWith(pool)
    await db.selectFrom('t').select('a').execute()
    await db.selectFrom('t').select('a').execute()
    expect(names(pool)).toEqual([undefined, undefined])
  })

  it('name each SQL text once per connection, up to n; a statement beyond them runs unnamed', async () => {
    const pool = new OneClientPool()
    const db = dbWith(pool, { preparedStatements: 2 })
    await db.selectFrom('t').select('a').execute()
    await db.selectFrom('t').select('a').execute()
    await db.selectFrom('t').select('b').execute()
    await db.selectFrom('t').select('c').execute()
    await db.selectFrom('t').select('a').execute()
    expect(names(pool)).toEqual([
      'kysely_iris_1',
      'kysely_iris_1',
      'kysely_iris_2',
      undefined,
      'kysely_iris_1',
    ])
  })

  it('never prepare a `*` selection, whose result columns follow its table', async () => {
    const pool = new FakePool()
    await dbWith(pool, { preparedStatements: 8 }).selectFrom('t').selectAll().execute()
    expect(names(pool)).toEqual([undefined])
  })

  it('after DDL through the pool, every connection prepares its statements afresh', async () => {
    const pool = new OneClientPool()
    const db = dbWith(pool, { preparedStatements: 8 })
    await db.selectFrom('t').select('a').execute()
    await db.schema.alterTable('t').addColumn('b', 'integer').execute()
    await db.selectFrom('t').select('a').execute()
    const selects = pool.queries.filter((q) => q.text === selectA)
    expect(selects.map((q) => q.name)).toEqual(['kysely_iris_1', 'kysely_iris_2'])
  })

  it('a stale plan (DDL from elsewhere) is sent again at once under a new name, outside a transaction', async () => {
    let stale = true
    const pool = new OneClientPool((q: RecordedQuery) => {
      if (q.name === 'kysely_iris_1' && stale) {
        stale = false
        return stalePlan()
      }
      return { rows: [[1]], fields: [{ name: 'a' }] }
    })
    const db = dbWith(pool, { preparedStatements: 8 })
    expect(await db.selectFrom('t').select('a').execute()).toEqual([{ a: 1 }])
    expect(names(pool)).toEqual(['kysely_iris_1', 'kysely_iris_2'])
  })

  it('inside a transaction a stale plan fails the statement, and the next one is prepared afresh', async () => {
    let stale = true
    const pool = new OneClientPool((q: RecordedQuery) => {
      if (q.name === 'kysely_iris_1' && stale) {
        stale = false
        return stalePlan()
      }
      return {}
    })
    const db = dbWith(pool, { preparedStatements: 8 })
    const failed = db.transaction().execute(async (trx) => {
      await trx.selectFrom('t').select('a').execute()
    })
    await expect(failed).rejects.toThrow(/cached plan/)
    await expect(failed).rejects.toBeInstanceOf(IrisError)
    await db.selectFrom('t').select('a').execute()
    const selects = pool.queries.filter((q) => q.text === selectA)
    expect(selects.map((q) => q.name)).toEqual(['kysely_iris_1', 'kysely_iris_2'])
  })

  it('a failed prepared statement is never used again; a new connection has its own names', async () => {
    let fail = true
    const pool = new OneClientPool((q: RecordedQuery) => {
      if (fail && q.name !== undefined) {
        fail = false
        return new Error('relation does not exist')
      }
      return {}
    })
    const db = dbWith(pool, { preparedStatements: 8 })
    await expect(db.selectFrom('t').select('a').execute()).rejects.toBeInstanceOf(IrisError)
    await db.selectFrom('t').select('a').execute()
    // Every connection of a FakePool is new, as after a reconnect or pool churn: none starts with
    // another's names.
    const churn = new FakePool()
    const churned = dbWith(churn, { preparedStatements: 8 })
    await churned.selectFrom('t').select('a').execute()
    await churned.selectFrom('t').select('a').execute()
    expect(pool.queries.map((q) => [q.client, q.name])).toEqual([
      [1, 'kysely_iris_1'],
      [1, 'kysely_iris_2'],
    ])
    expect(churn.queries.map((q) => [q.client, q.name])).toEqual([
      [1, 'kysely_iris_1'],
      [2, 'kysely_iris_1'],
    ])
  })

  it('a raw statement is prepared as written; a bad count is refused', async () => {
    const pool = new FakePool()
    await sql`select 1`.execute(dbWith(pool, { preparedStatements: 1 }))
    expect(names(pool)).toEqual(['kysely_iris_1'])
    expect(() => dbWith(pool, { preparedStatements: -1 })).toThrow(
      /"preparedStatements" must be an integer >= 0/,
    )
  })
})
