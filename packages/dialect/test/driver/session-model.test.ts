import { describe, expect, it } from 'vitest'
import { IrisError, IrisTransactionsUnsupportedError } from '../../src/index.js'
import { SessionLane } from '../../src/session-lane.js'
import { dbWith, FakePool, type RecordedQuery } from '../support/fake-pool.js'

/**
 * The session probe (src/session-probe.ts) against FakePools that answer as each kind of front end
 * does (docs/iris-sql.md#iris-pgwire-transactions): a transaction state per connection, one state
 * for every connection, or none reaching IRIS at all.
 */

const outsideTransaction = () =>
  Object.assign(new Error('[SQLCODE: <-400>:<Fatal error occurred>] [%msg: no transaction]'), {
    code: '42000',
  })

type Answer = ReturnType<ConstructorParameters<typeof FakePool>[0] & object>

/** Answers START TRANSACTION / COMMIT / ROLLBACK / SAVEPOINT from a state per key. */
function transactionsBy(key: (query: RecordedQuery) => number) {
  const open = new Set<number>()
  return (query: RecordedQuery): Answer => {
    const text = query.text
    if (text.startsWith('start transaction')) open.add(key(query))
    else if (text === 'commit' || text === 'rollback') open.delete(key(query))
    else if (text.startsWith('savepoint') && !open.has(key(query))) return outsideTransaction()
    if (text.startsWith('insert')) return { command: 'INSERT', rowCount: 1 }
    if (text.includes('LAST_IDENTITY')) return { rows: [[7]], fields: [{ name: 'x' }] }
    return {}
  }
}

const perConnection = () => transactionsBy((query) => query.client)
const sharedProcess = () => transactionsBy(() => 0)
/** iris-pgwire's external backend: transactions answered by the front end; SAVEPOINT reaches a free IRIS connection. */
const pooledAutocommit =
  (savepoint: 'fails' | 'lands on a leaked transaction' = 'fails') =>
  (query: RecordedQuery): Answer => {
    if (query.text.startsWith('savepoint') && savepoint === 'fails') return outsideTransaction()
    if (query.text.startsWith('insert')) return { command: 'INSERT', rowCount: 0 }
    return {}
  }

/** A FakePool that, like pg's Pool, exposes `Client` and `options`, so the probe can open a second connection. */
class ClientMakingPool extends FakePool {
  readonly options = {}
  readonly Client: new () => object
  constructor(respond: ConstructorParameters<typeof FakePool>[0]) {
    super(respond)
    const pool = this
    this.Client = class {
      #client: Awaited<ReturnType<FakePool['connect']>> | undefined
      async connect() {
        this.#client = await pool.connect()
      }
      query(config: { text: string; rowMode: 'array' }) {
        return this.#client?.query(config)
      }
      async end() {}
      on() {}
    }
  }
}

const detect = { sessionModel: 'detect' } as const

describe('the session probe', () => {
  it('one IRIS session per connection: transactions run as written, insertId is read', async () => {
    const pool = new ClientMakingPool(perConnection())
    const db = dbWith(pool, { ...detect, insertId: true })
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ a: 1 }).execute()
    })
    expect(pool.queries.map((q) => [q.client, q.text])).toEqual([
      [1, 'start transaction'],
      [1, 'savepoint "kysely_iris_probe"'],
      [2, 'savepoint "kysely_iris_probe"'],
      [1, 'commit'],
      [1, 'savepoint "kysely_iris_probe"'],
      [1, 'start transaction'],
      [1, 'insert into "t" ("a") values ($1)'],
      [1, 'select LAST_IDENTITY()'],
      [1, 'commit'],
    ])
    // Probed once per pool.
    await db.transaction().execute(async () => {})
    expect(pool.texts.filter((text) => text.includes('kysely_iris_probe'))).toHaveLength(3)
  })

  it('a shared process: the second connection sees the first one’s transaction', async () => {
    const pool = new ClientMakingPool(sharedProcess())
    const result = await dbWith(pool, { ...detect, insertId: true })
      .insertInto('t')
      .values({ a: 1 })
      .executeTakeFirstOrThrow()
    expect(result.insertId).toBe(7n)
    expect(pool.queries.map((q) => [q.client, q.text]).slice(0, 5)).toEqual([
      [1, 'start transaction'],
      [1, 'savepoint "kysely_iris_probe"'],
      [2, 'savepoint "kysely_iris_probe"'],
      [1, 'commit'],
      [1, 'savepoint "kysely_iris_probe"'],
    ])
  })

  it('transactions that never reach IRIS: refused before anything is written', async () => {
    for (const savepoint of ['fails', 'lands on a leaked transaction'] as const) {
      const pool = new ClientMakingPool(pooledAutocommit(savepoint))
      const db = dbWith(pool, detect)
      const error = await db
        .transaction()
        .execute(async (trx) => trx.insertInto('t').values({ a: 1 }).execute())
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IrisTransactionsUnsupportedError)
      expect(String(error)).toMatch(/embedded backend/)
      await expect(db.startTransaction().execute()).rejects.toThrow(
        IrisTransactionsUnsupportedError,
      )
      const rows = Array.from({ length: 4 }, (_, a) => ({ a }))
      await expect(
        dbWith(pool, { ...detect, maxParameters: 2 })
          .insertInto('t')
          .values(rows)
          .execute(),
      ).rejects.toThrow(IrisTransactionsUnsupportedError)
      expect(pool.texts.filter((text) => text.startsWith('insert'))).toEqual([])
    }
  })

  it('transactions that never reach IRIS: no insertId, and no LAST_IDENTITY() sent', async () => {
    const pool = new ClientMakingPool(pooledAutocommit())
    const result = await dbWith(pool, { ...detect, insertId: true })
      .insertInto('t')
      .values({ a: 1 })
      .executeTakeFirstOrThrow()
    expect(result.insertId).toBeUndefined()
    expect(pool.texts.filter((text) => text.includes('LAST_IDENTITY'))).toEqual([])
  })

  it("transactions: 'unsafe-autocommit' runs the work without a transaction; savepoints are still refused", async () => {
    const pool = new ClientMakingPool(pooledAutocommit())
    const db = dbWith(pool, { ...detect, transactions: 'unsafe-autocommit' })
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ a: 1 }).execute()
    })
    expect(pool.texts.slice(-1)).toEqual(['insert into "t" ("a") values ($1)'])
    const trx = await db.startTransaction().execute()
    await expect(trx.savepoint('s').execute()).rejects.toThrow(IrisTransactionsUnsupportedError)
    await trx.rollback().execute()
  })

  it('without a way to open a second connection, assumes a shared process (the safe model)', async () => {
    const pool = new FakePool(perConnection())
    await dbWith(pool, detect)
      .transaction()
      .execute(async () => {})
    expect(pool.texts).toEqual([
      'start transaction',
      'savepoint "kysely_iris_probe"',
      'commit',
      'savepoint "kysely_iris_probe"',
      'start transaction',
      'commit',
    ])
  })

  it('in a shared process, the pool’s other statements wait until the transaction ends', async () => {
    const pool = new ClientMakingPool(sharedProcess())
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
