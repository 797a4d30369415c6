import type { Kysely } from 'kysely'
import type pg from 'pg'
import { destroyAll, irisDb, kyselyContenders, rawPool } from '../contenders.js'
import type { BenchDB } from '../fixtures.js'
import { type Scenario, timed } from '../scenario.js'

const INSERT_EVENT = 'insert into "BENCH_EVENT" ("kind", "payload", "amount") values ($1, $2, $3)'

/** The n-th event row; every contender inserts the same sequence. */
function eventValues(): () => { kind: string; payload: string; amount: number } {
  let n = 0
  return () => {
    n++
    return {
      kind: `kind ${n % 7}`,
      payload: `event number ${n} of the single-row insert scenario`,
      amount: n,
    }
  }
}

function insertEvent(db: Kysely<BenchDB>, values: ReturnType<ReturnType<typeof eventValues>>) {
  return db.insertInto('BENCH_EVENT').values(values).executeTakeFirstOrThrow()
}

export const insert: Scenario = {
  name: 'insert',
  title: 'Single-row insert, without insertId',
  runsOn: ['iris', 'postgres'],
  unit: 'ms',
  metric: 'latency per insert',
  baseline: 'raw-pg',
  ops: { full: 300, quick: 30 },
  warmup: { full: 30, quick: 5 },
  async prepare({ target, fixtures }) {
    await fixtures!.events()
    const pool = rawPool(target!)
    // insertId is off by default: the insert alone, one round trip, as raw pg does it.
    const kyselys = kyselyContenders(target!)
    const rawNext = eventValues()
    return {
      contenders: [
        {
          id: 'raw-pg',
          measure: timed(() => {
            const v = rawNext()
            return pool.query(INSERT_EVENT, [v.kind, v.payload, v.amount])
          }),
        },
        ...kyselys.map(({ id, db }) => {
          const next = eventValues()
          return { id, measure: timed(() => insertEvent(db, next())) }
        }),
      ],
      sizes: {},
      teardown: () => destroyAll(pool, ...kyselys.map((k) => k.db)),
    }
  },
}

/**
 * The identity of the inserted row is `SELECT LAST_IDENTITY()` on the same connection, right after
 * the INSERT (docs/iris-sql.md#returning-and-last_identity): two round trips for raw pg too. IRIS
 * only (PostgreSQL has no LAST_IDENTITY; there one writes RETURNING, which IRIS lacks).
 */
async function rawInsertWithId(
  pool: pg.Pool,
  v: ReturnType<ReturnType<typeof eventValues>>,
): Promise<unknown> {
  const client = await pool.connect()
  try {
    await client.query(INSERT_EVENT, [v.kind, v.payload, v.amount])
    const { rows } = await client.query({ text: 'SELECT LAST_IDENTITY()', rowMode: 'array' })
    return (rows[0] as unknown[] | undefined)?.[0]
  } finally {
    client.release()
  }
}

function expectIdentity(id: unknown): void {
  if (id === null || id === undefined || id === '' || Number(id) <= 0) {
    throw new Error(`expected the new row's identity, got ${String(id)}`)
  }
}

export const insertWithId: Scenario = {
  name: 'insert-id',
  title: 'Single-row insert, with insertId',
  runsOn: ['iris'],
  irisOnly: 'SELECT LAST_IDENTITY()',
  needs: ['last-identity'],
  unit: 'ms',
  metric: 'latency per insert',
  baseline: 'raw-pg',
  ops: { full: 200, quick: 30 },
  warmup: { full: 30, quick: 5 },
  async prepare({ target, fixtures }) {
    await fixtures!.events()
    const pool = rawPool(target!)
    const db = irisDb(target!, { insertId: true })
    const rawNext = eventValues()
    const next = eventValues()
    return {
      contenders: [
        {
          id: 'raw-pg',
          measure: timed(() => rawInsertWithId(pool, rawNext()), { check: expectIdentity }),
        },
        {
          id: 'kysely-iris',
          measure: timed(() => insertEvent(db, next()), {
            check: (result) => expectIdentity(result.insertId),
          }),
        },
      ],
      sizes: {},
      teardown: () => destroyAll(pool, db),
    }
  },
}
