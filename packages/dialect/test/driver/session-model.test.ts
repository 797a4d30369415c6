import { describe, expect, it } from 'vitest'
import { IrisConfigError, IrisError, IrisTransactionsUnsupportedError } from '../../src/index.js'
import { SessionLane } from '../../src/session-lane.js'
import { SESSION_PROBE, sessionModelOfLabels } from '../../src/session-probe.js'
import { dbWith, FakePool, type RecordedQuery } from '../support/fake-pool.js'

/**
 * The session probe (src/session-probe.ts) against FakePools that label its column as each kind of
 * front end does (docs/iris-sql.md#the-session-probe): iris-pgwire's embedded backend `int4`, its
 * external one `?column?`, a server that labels as asked the alias itself.
 */

type Answer = ReturnType<ConstructorParameters<typeof FakePool>[0] & object>

/** Answers the probe with `label`, an INSERT with one row, LAST_IDENTITY() with 7. */
const labelling =
  (label: string) =>
  (query: RecordedQuery): Answer => {
    if (query.text === SESSION_PROBE) return { rows: [[1]], fields: [{ name: label }] }
    if (query.text.startsWith('insert')) return { command: 'INSERT', rowCount: 1 }
    if (query.text.includes('LAST_IDENTITY')) return { rows: [[7]], fields: [{ name: 'x' }] }
    return {}
  }

const embedded = () => labelling('int4')
const external = () => labelling('?column?')
const asAsked = () => labelling('kysely_iris_probe')

const detect = { sessionModel: 'detect' } as const

describe('the session model the probe’s labels show', () => {
  it('iris-pgwire 1.0’s embedded backend: a shared process; its external one: pooled autocommit', () => {
    expect(sessionModelOfLabels(['int4'])).toBe('shared-process')
    expect(sessionModelOfLabels(['?column?'])).toBe('pooled-autocommit')
  })

  it('labels as asked, or any other pattern: an IrisConfigError saying to declare sessionModel', () => {
    for (const labels of [['kysely_iris_probe'], ['INT4'], ['column'], [], ['int4', 'int4']]) {
      expect(() => sessionModelOfLabels(labels)).toThrowError(IrisConfigError)
      expect(() => sessionModelOfLabels(labels)).toThrowError(/declare sessionModel/i)
    }
  })
})

describe('the session probe', () => {
  it('reads one SELECT of no table, once per pool, rows as arrays: no transaction, no SAVEPOINT', async () => {
    const pool = new FakePool(embedded())
    const db = dbWith(pool, { ...detect, insertId: true })
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ a: 1 }).execute()
    })
    await db.transaction().execute(async () => {})
    expect(pool.queries.map((q) => [q.text, q.arrays])).toEqual([
      [SESSION_PROBE, true],
      ['start transaction', false],
      ['insert into "t" ("a") values ($1)', false],
      ['select LAST_IDENTITY()', true],
      ['commit', false],
      ['start transaction', false],
      ['commit', false],
    ])
  })

  it('the embedded backend: transactions run, insertId is read', async () => {
    const pool = new FakePool(embedded())
    const result = await dbWith(pool, { ...detect, insertId: true })
      .insertInto('t')
      .values({ a: 1 })
      .executeTakeFirstOrThrow()
    expect(result.insertId).toBe(7n)
    expect(pool.texts).toEqual([
      SESSION_PROBE,
      'insert into "t" ("a") values ($1)',
      'select LAST_IDENTITY()',
    ])
  })

  it('the external backend: transactions refused before anything is written', async () => {
    const pool = new FakePool(external())
    const db = dbWith(pool, detect)
    const error = await db
      .transaction()
      .execute(async (trx) => trx.insertInto('t').values({ a: 1 }).execute())
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IrisTransactionsUnsupportedError)
    expect(String(error)).toMatch(/embedded backend/)
    await expect(db.startTransaction().execute()).rejects.toThrow(IrisTransactionsUnsupportedError)
    const rows = Array.from({ length: 4 }, (_, a) => ({ a }))
    await expect(
      dbWith(pool, { ...detect, maxParameters: 2 })
        .insertInto('t')
        .values(rows)
        .execute(),
    ).rejects.toThrow(IrisTransactionsUnsupportedError)
    await expect(
      db
        .insertInto('t')
        .values([{ a: 1, b: 2 }, { a: 3 }])
        .execute(),
    ).rejects.toThrow(
      /split into 2 statements \(its rows name different columns\), which must be atomic/,
    )
    expect(pool.texts.filter((text) => text !== SESSION_PROBE)).toEqual([])
  })

  it('the external backend: no insertId, and no LAST_IDENTITY() sent', async () => {
    const pool = new FakePool(external())
    const result = await dbWith(pool, { ...detect, insertId: true })
      .insertInto('t')
      .values({ a: 1 })
      .executeTakeFirstOrThrow()
    expect(result.insertId).toBeUndefined()
    expect(pool.texts.filter((text) => text.includes('LAST_IDENTITY'))).toEqual([])
  })

  it('a front end that labels as asked: IrisConfigError before anything is written; declared per-connection, everything runs', async () => {
    const pool = new FakePool(asAsked())
    const db = dbWith(pool, { ...detect, insertId: true, maxParameters: 2 })
    const rows = Array.from({ length: 4 }, (_, a) => ({ a }))
    for (const work of [
      () => db.transaction().execute(async (trx) => trx.insertInto('t').values({ a: 1 }).execute()),
      () => db.insertInto('t').values({ a: 1 }).execute(),
      () => db.insertInto('t').values(rows).execute(),
    ]) {
      const error = await work().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IrisConfigError)
      expect(String(error)).toMatch(/sessionModel: 'per-connection'/)
    }
    expect(pool.texts.filter((text) => text !== SESSION_PROBE)).toEqual([])

    const declared = new FakePool(asAsked())
    const result = await dbWith(declared, { insertId: true })
      .transaction()
      .execute((trx) => trx.insertInto('t').values({ a: 1 }).executeTakeFirstOrThrow())
    expect(result.insertId).toBe(7n)
    expect(declared.texts).not.toContain(SESSION_PROBE)
  })

  it("transactions: 'unsafe-autocommit' runs the work without a transaction; savepoints are still refused", async () => {
    const pool = new FakePool(external())
    const db = dbWith(pool, { ...detect, transactions: 'unsafe-autocommit' })
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ a: 1 }).execute()
    })
    expect(pool.texts.slice(-1)).toEqual(['insert into "t" ("a") values ($1)'])
    const trx = await db.startTransaction().execute()
    await expect(trx.savepoint('s').execute()).rejects.toThrow(IrisTransactionsUnsupportedError)
    await trx.rollback().execute()
  })

  it('in a shared process, the pool’s other statements wait until the transaction ends', async () => {
    const pool = new FakePool(embedded())
    const db = dbWith(pool, detect)
    const trx = await db.startTransaction().execute()
    await trx.insertInto('t').values({ a: 1 }).execute()
    const outside = db.selectFrom('t').selectAll().execute()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(pool.texts).not.toContain('select * from "t"')
    await trx.commit().execute()
    await outside
    expect(pool.texts.slice(-2)).toEqual(['commit', 'select * from "t"'])
  })

  it('in a shared process, a lone statement holds its share of the lane until its answer arrives, or its error', async () => {
    const answers: ((answer: Answer) => void)[] = []
    const pool = new FakePool((query) => {
      if (!query.text.startsWith('select')) return {}
      return new Promise((resolve) => answers.push(resolve as (answer: Answer) => void))
    })
    const db = dbWith(pool, { sessionModel: 'shared-process' })
    const select = db.selectFrom('t').select('a').execute()
    const failing = db.selectFrom('u').select('b').execute()
    await new Promise((resolve) => setTimeout(resolve, 10))
    const trx = db.startTransaction().execute()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(pool.texts).not.toContain('start transaction')
    answers[0]?.({})
    await select
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(pool.texts).not.toContain('start transaction')
    answers[1]?.(new Error('table u does not exist'))
    await expect(failing).rejects.toBeInstanceOf(IrisError)
    await (await trx).commit().execute()
    expect(pool.texts.slice(-2)).toEqual(['start transaction', 'commit'])
  })
})

describe('SessionLane', () => {
  it('shares among statements, is held alone by one, and serves waiters in order', async () => {
    const lane = new SessionLane()
    const order: string[] = []
    const leaveA = await lane.shared()
    const leaveB = await lane.shared()
    const exclusive = lane.exclusive().then((leave) => {
      order.push('exclusive')
      return leave
    })
    const late = lane.shared().then((leave) => {
      order.push('late shared')
      return leave
    })
    leaveA()
    await Promise.resolve()
    expect(order).toEqual([])
    leaveB()
    const leaveExclusive = await exclusive
    expect(order).toEqual(['exclusive'])
    leaveExclusive()
    leaveExclusive()
    ;(await late)()
    expect(order).toEqual(['exclusive', 'late shared'])
  })
  it('is shared at once, without a promise, only when nobody holds it alone or waits for it', async () => {
    const lane = new SessionLane()
    const leaveShared = lane.tryShared()
    expect(leaveShared).toBeTypeOf('function')
    const exclusive = lane.exclusive()
    // An exclusive waiter is queued: a newcomer may not overtake it.
    expect(lane.tryShared()).toBeUndefined()
    leaveShared?.()
    const leaveExclusive = await exclusive
    expect(lane.tryShared()).toBeUndefined()
    leaveExclusive()
    const again = lane.tryShared()
    expect(again).toBeTypeOf('function')
    again?.()
  })
})
