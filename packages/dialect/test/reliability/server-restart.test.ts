import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Sim, startSim } from '@kysely-iris/sim'
import type { ControlledTransaction } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IrisConnectionError } from '../../src/index.js'
import type { AnyDB, TestDb } from '../support/server.js'
import {
  connectWithDialectPool,
  expectRejection,
  poolCounts,
  settle,
  stillPending,
  waitFor,
} from './fixtures.js'

/** The dialect's timeouts under test (pg connectionTimeoutMillis and query_timeout). */
const CONNECTION_TIMEOUT_MS = 2000
const QUERY_TIMEOUT_MS = 5000

/**
 * The server stops in the middle of a query and in the middle of a transaction,
 * then starts again on the same port and data directory. Needs the sim (stop / restart).
 */
describe('the server stops mid-query and mid-transaction, then restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kysely-iris-restart-'))
  let sim: Sim
  let port: number
  let t: TestDb<AnyDB>
  const table = 'restart_rows'
  const lockedTable = 'restart_locked'

  /** The same port and data directory every time: a restart needs no manual step. */
  const start = (options: { port: number }) =>
    startSim({ port: options.port, dataDir, lockTimeoutMs: 30_000 })

  beforeAll(async () => {
    sim = await start({ port: 0 })
    port = sim.port
    t = await connectWithDialectPool(sim.url, {
      // The sim's `iris` profile: one IRIS session per connection (docs/iris-sql.md#simulator-profiles).
      sessionModel: 'per-connection',
      maxConnections: 4,
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      queryTimeoutMillis: QUERY_TIMEOUT_MS,
    })
    for (const name of [table, lockedTable]) {
      await t.db.schema
        .createTable(name)
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('note', 'varchar(40)')
        .execute()
    }
    await t.db
      .insertInto(table)
      .values([
        { id: 1, note: 'committed 1' },
        { id: 2, note: 'committed 2' },
      ])
      .execute()
  })

  afterAll(async () => {
    await settle(t?.db.destroy(), 5000)
    await sim?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const committedRows = () => t.db.selectFrom(table).select(['id', 'note']).orderBy('id').execute()

  /** Stops the sim, checks the outage is reported (typed, fast), and starts it again. */
  async function stopAndRestart(): Promise<void> {
    await sim.stop()
    await waitFor(() => t.pool.totalCount === 0, 'the pool to drop its dead connections')
    const whileDown = await expectRejection(
      t.db.selectFrom(table).select('id').execute(),
      IrisConnectionError,
    )
    expect(whileDown.ms).toBeLessThan(CONNECTION_TIMEOUT_MS + 1000)
    sim = await start({ port })
    expect(sim.port).toBe(port)
  }

  /**
   * Stops the sim while `waiting` waits in the server: it rejects with IrisConnectionError within
   * the statement timeout, and the open transaction `trx` can then not commit, and says so.
   */
  async function stopWhileWaiting(waiting: Promise<unknown>, trx: ControlledTransaction<AnyDB>) {
    expect(await stillPending(waiting, 300)).toBe(true)

    const stopping = sim.stop()
    const outcome = await expectRejection(waiting, IrisConnectionError, QUERY_TIMEOUT_MS + 1000)
    expect(outcome.ms).toBeLessThan(QUERY_TIMEOUT_MS)

    // The server is gone now: the commit is refused, and says the work was not committed.
    await stopping
    const commit = await expectRejection(trx.commit().execute(), IrisConnectionError)
    expect(commit.error.message).toMatch(/not committed/i)
  }

  it('a query waiting on the server rejects with IrisConnectionError when it stops; after a restart queries just work', async () => {
    // Another connection's open transaction holds the backend, so the query waits in the server.
    const holder = await t.db.startTransaction().execute()
    await holder.insertInto(table).values({ id: 3, note: 'interrupted transaction' }).execute()
    const waiting = t.db.selectFrom(table).select('id').execute()
    await stopWhileWaiting(waiting, holder)

    await stopAndRestart()
    expect(await committedRows()).toEqual([
      { id: 1, note: 'committed 1' },
      { id: 2, note: 'committed 2' },
    ])
    expect(poolCounts(t.pool)).toEqual({ total: 1, idle: 1, waiting: 0 })
    expect(sim.connectionCount()).toBe(1)
  })

  it('a transaction whose statement is running when the server stops writes nothing', async () => {
    // A session outside the pool holds a table lock, so the transaction's INSERT waits in the server.
    const locker = new pg.Client({ connectionString: sim.url })
    locker.on('error', () => {})
    await locker.connect()
    await locker.query(`LOCK TABLE ${lockedTable} IN EXCLUSIVE MODE`)

    const trx = await t.db.startTransaction().execute()
    await trx.insertInto(table).values({ id: 4, note: 'interrupted transaction' }).execute()
    const running = trx
      .insertInto(lockedTable)
      .values({ id: 1, note: 'waits for the lock' })
      .execute()
    await stopWhileWaiting(running, trx)
    await locker.end().catch(() => {})

    await stopAndRestart()
    expect(await committedRows()).toEqual([
      { id: 1, note: 'committed 1' },
      { id: 2, note: 'committed 2' },
    ])
    expect(await t.db.selectFrom(lockedTable).select('id').execute()).toEqual([])
    // The lock died with its session: a write to the table goes through at once.
    await t.db.insertInto(lockedTable).values({ id: 2, note: 'after restart' }).execute()
    expect(poolCounts(t.pool)).toMatchObject({ waiting: 0 })
    expect(t.pool.idleCount).toBe(t.pool.totalCount)
    expect(sim.connectionCount()).toBe(t.pool.totalCount)
  })
})
