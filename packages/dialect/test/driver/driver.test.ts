import { type ControlledTransaction, Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  IrisConnectionError,
  IrisDialect,
  IrisError,
  IrisInputError,
  IrisUniqueViolationError,
  IrisUnsupportedError,
} from '../../src/index.js'
import { dbWith, FakePool } from '../support/fake-pool.js'
import type { AnyDB } from '../support/server.js'

const dml = (command: string, rowCount = 1) => ({ command, rowCount })

/**
 * A transaction IRIS rolled back after a -375: each of `statements`, and its commit, is refused
 * with a -375 carrying the server's, and nothing is sent; rollback() then ends it, sending nothing.
 */
async function expectRefusedUntilRollback(
  pool: FakePool,
  trx: ControlledTransaction<AnyDB>,
  statements: (() => Promise<unknown>)[],
): Promise<void> {
  const sent = pool.texts.length
  for (const statement of [...statements, () => trx.commit().execute()]) {
    const refusal = await statement().catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(IrisError)
    expect(refusal).toMatchObject({ sqlcode: -375, cause: { sqlcode: -375 } })
    expect(String(refusal)).toMatch(/nothing of it was kept, and nothing more is sent in it/)
  }
  await expect(trx.rollback().execute()).resolves.toBeUndefined()
  expect(pool.texts.length).toBe(sent)
}

describe('transactions', () => {
  it('START TRANSACTION carries the isolation level and access mode on one statement', async () => {
    const pool = new FakePool()
    const db = dbWith(pool)
    await db
      .transaction()
      .setIsolationLevel('read committed')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await trx.selectFrom('t').selectAll().execute()
      })
    expect(pool.texts).toEqual([
      'start transaction isolation level read committed, read only',
      'select * from "t"',
      'commit',
    ])
  })

  it('rolls back when the callback throws', async () => {
    const pool = new FakePool()
    const db = dbWith(pool)
    await expect(
      db.transaction().execute(async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom')
    expect(pool.texts).toEqual(['start transaction', 'rollback'])
  })

  it('a connection lost between statements cannot commit, and says so; nothing more is sent', async () => {
    const pool = new FakePool()
    const db = dbWith(pool)
    const trx = await db.startTransaction().execute()
    await trx.selectFrom('t').selectAll().execute()
    pool.dropClient(1)
    await expect(trx.commit().execute()).rejects.toThrowError(/not committed/)
    await expect(trx.rollback().execute()).resolves.toBeUndefined()
    expect(pool.texts).toEqual(['start transaction', 'select * from "t"'])
    expect(pool.released).toEqual([{ client: 1, destroyed: true }])
  })

  it('after -375, which rolls back the whole transaction on IRIS, refuses its statements and commit, sending nothing; rollback sends nothing and ends it', async () => {
    const pool = new FakePool((q) =>
      q.text.startsWith('rollback to')
        ? new Error("[SQLCODE: <-375>:<Cannot ROLLBACK to unestablished savepoint 'gone'>]")
        : {},
    )
    const db = dbWith(pool)
    const trx = await db.startTransaction().execute()
    const sp = await trx.savepoint('sp').execute()
    const failed = await sp
      .rollbackToSavepoint('gone' as never)
      .execute()
      .catch((e: unknown) => e)
    expect(failed).toMatchObject({
      sqlcode: -375,
      sql: 'rollback to savepoint "gone"',
      cause: { sqlcode: -375 },
    })
    await expectRefusedUntilRollback(pool, trx, [
      () => trx.selectFrom('t').selectAll().execute(),
      () => trx.insertInto('t').values({ a: 1 }).execute(),
      () => trx.savepoint('again').execute(),
    ])
    expect(pool.released).toEqual([{ client: 1, destroyed: false }])
    const sent = pool.texts.length
    // A -375 from raw SQL ends the transaction as well: its commit is refused, nothing is sent.
    await expect(
      db.transaction().execute((t) => sql`rollback to savepoint "x"`.execute(t).catch(() => {})),
    ).rejects.toMatchObject({ sqlcode: -375 })
    expect(pool.texts.slice(sent)).toEqual(['start transaction', 'rollback to savepoint "x"'])
    expect(pool.released).toHaveLength(2)
  })

  it('refuses isolation levels IRIS lacks', async () => {
    const pool = new FakePool()
    const db = dbWith(pool)
    for (const level of ['serializable', 'repeatable read'] as const) {
      await expect(
        db
          .transaction()
          .setIsolationLevel(level)
          .execute(async () => {}),
      ).rejects.toThrow(IrisUnsupportedError)
    }
    expect(pool.texts).toEqual([])
  })

  it('savepoints: SAVEPOINT / ROLLBACK TO SAVEPOINT; release is a no-op', async () => {
    const pool = new FakePool()
    const db = dbWith(pool)
    const trx = await db.startTransaction().execute()
    const sp = await trx.savepoint('sp1').execute()
    await sp.rollbackToSavepoint('sp1').execute()
    const sp2 = await trx.savepoint('sp2').execute()
    await sp2.releaseSavepoint('sp2').execute()
    await trx.commit().execute()
    expect(pool.texts).toEqual([
      'start transaction',
      'savepoint "sp1"',
      'rollback to savepoint "sp1"',
      'savepoint "sp2"',
      'commit',
    ])
    await expect(
      (async () => {
        const t = await db.startTransaction().execute()
        try {
          await t.savepoint('SYS1').execute()
        } finally {
          await t.rollback().execute()
        }
      })(),
    ).rejects.toThrow(IrisInputError)
  })

  it('refuses, sending nothing, the savepoint that would pass transaction level 255; rolling back to a savepoint or ending the transaction gives levels back', async () => {
    const pool = new FakePool()
    const db = dbWith(pool)
    let trx: ControlledTransaction<AnyDB, string[]> = await db.startTransaction().execute()
    // START TRANSACTION is level 1: 254 savepoints reach 255 (docs/iris-sql.md#savepoints).
    trx = await trx.savepoint('First').execute()
    for (let i = 1; i < 254; i++)
      trx = await (await trx.savepoint('sp').execute()).releaseSavepoint('sp').execute()
    const sent = pool.texts.length
    const refusal = await trx
      .savepoint('sp')
      .execute()
      .catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(IrisUnsupportedError)
    expect(String(refusal)).toMatch(
      /level 256.*at most 255.*Nothing was sent.*several transactions/,
    )
    expect(pool.texts.length).toBe(sent)
    // The latest "sp" (names are not case-sensitive) gives back one level, "first" all but one.
    trx = await trx.rollbackToSavepoint('SP').execute()
    trx = await trx.savepoint('sp').execute()
    await expect(trx.savepoint('sp2').execute()).rejects.toThrow(IrisUnsupportedError)
    trx = await trx.rollbackToSavepoint('first').execute()
    for (let i = 0; i < 254; i++) trx = await trx.savepoint('again').execute()
    await expect(trx.savepoint('again').execute()).rejects.toThrow(IrisUnsupportedError)
    await trx.commit().execute()
    const next = await db.startTransaction().execute()
    await next.savepoint('fresh').execute()
    await next.rollback().execute()
    expect(pool.texts.at(-2)).toBe('savepoint "fresh"')
  })
})

describe("transaction statements in Kysely's log", () => {
  it('logs start transaction, savepoints, commit and rollback like any query', async () => {
    const pool = new FakePool()
    const logged: string[] = []
    // biome-ignore lint/suspicious/noExplicitAny: tests use arbitrary tables
    const db = new Kysely<any>({
      dialect: new IrisDialect({ pool, sessionModel: 'per-connection' }),
      log: (event) => {
        if (event.level === 'query') logged.push(event.query.sql)
      },
    })
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('t').selectAll().execute()
    })
    const trx = await db.startTransaction().execute()
    const sp = await trx.savepoint('sp1').execute()
    await sp.rollbackToSavepoint('sp1').execute()
    await trx.rollback().execute()
    expect(logged).toEqual([
      'start transaction',
      'select * from "t"',
      'commit',
      'start transaction',
      'savepoint "sp1"',
      'rollback to savepoint "sp1"',
      'rollback',
    ])
    expect(logged).toEqual(pool.texts)
  })
})

describe('insertId (SELECT LAST_IDENTITY())', () => {
  it('runs SELECT LAST_IDENTITY() on the same connection right after a single-row insert', async () => {
    const pool = new FakePool((q) =>
      q.text.startsWith('insert')
        ? dml('INSERT')
        : q.text.includes('LAST_IDENTITY')
          ? { rows: [[42]], fields: [{ name: 'x' }] }
          : {},
    )
    const db = dbWith(pool, { insertId: true })
    const result = await db.insertInto('t').values({ a: 1 }).executeTakeFirstOrThrow()
    expect(result.insertId).toBe(42n)
    expect(result.numInsertedOrUpdatedRows).toBe(1n)
    expect(pool.queries.map((q) => [q.client, q.text])).toEqual([
      [1, 'insert into "t" ("a") values ($1)'],
      [1, 'select LAST_IDENTITY()'],
    ])
  })

  it('leaves insertId undefined when the table has no identity (empty value), and is off by default', async () => {
    const empty = new FakePool((q) =>
      q.text.startsWith('insert') ? dml('INSERT') : { rows: [['']], fields: [{ name: 'x' }] },
    )
    expect(
      (
        await dbWith(empty, { insertId: true })
          .insertInto('t')
          .values({ a: 1 })
          .executeTakeFirstOrThrow()
      ).insertId,
    ).toBeUndefined()
    const off = new FakePool(() => dml('INSERT'))
    await dbWith(off).insertInto('t').values({ a: 1 }).execute()
    await dbWith(off, { insertId: false }).insertInto('t').values({ a: 1 }).execute()
    await dbWith(off, { insertId: true })
      .insertInto('t')
      .values([{ a: 1 }, { a: 2 }])
      .execute()
    await dbWith(off, { insertId: true }).replaceInto('t').values({ a: 1 }).execute()
    expect(off.texts.filter((t) => t.includes('LAST_IDENTITY'))).toEqual([])
  })
})

describe('multi-row insert chunking', () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ a: i, b: `v${i}` }))

  it('sends one statement per chunk within maxParameters, in its own transaction', async () => {
    const pool = new FakePool((q) =>
      q.text.startsWith('insert') ? dml('INSERT', q.values.length / 2) : {},
    )
    const result = await dbWith(pool, { maxParameters: 6 })
      .insertInto('t')
      .values(rows)
      .executeTakeFirstOrThrow()
    expect(pool.texts[0]).toBe('start transaction')
    expect(pool.texts.at(-1)).toBe('commit')
    const inserts = pool.queries.filter((q) => q.text.startsWith('insert'))
    expect(inserts).toHaveLength(Math.ceil(10 / 3))
    expect(inserts.every((q) => q.values.length <= 6)).toBe(true)
    expect(inserts.flatMap((q) => q.values)).toEqual(rows.flatMap((r) => [r.a, r.b]))
    expect(result.numInsertedOrUpdatedRows).toBe(10n)
  })

  it('rolls every chunk back when one fails', async () => {
    let n = 0
    const pool = new FakePool((q) =>
      q.text.startsWith('insert') && ++n === 2 ? new Error('[SQLCODE: <-119>:<dup>]') : {},
    )
    await expect(
      dbWith(pool, { maxParameters: 6 }).insertInto('t').values(rows).execute(),
    ).rejects.toThrow(IrisUniqueViolationError)
    expect(pool.texts.at(-1)).toBe('rollback')
    expect(pool.texts.filter((t) => t === 'commit')).toEqual([])
  })

  it('refuses, sending nothing, to split rows that hold a subquery', async () => {
    const pool = new FakePool()
    const db = dbWith(pool, { maxParameters: 6 })
    const withSubquery = rows.map((r) => ({
      ...r,
      b: db.selectFrom('u').select('u.b').where('u.a', '=', r.a),
    }))
    await expect(db.insertInto('t').values(withSubquery).execute()).rejects.toThrow(
      /rows hold a subquery: split into chunks, a subquery in a later chunk would see the rows the earlier ones inserted/,
    )
    await expect(db.insertInto('t').values(withSubquery).execute()).rejects.toThrow(
      IrisUnsupportedError,
    )
    expect(pool.texts).toEqual([])
  })

  it('uses a savepoint inside a caller transaction', async () => {
    const pool = new FakePool()
    await dbWith(pool, { maxParameters: 6 })
      .transaction()
      .execute((trx) => trx.insertInto('t').values(rows).execute())
    expect(pool.texts[0]).toBe('start transaction')
    expect(pool.texts[1]).toBe('savepoint "kysely_iris_bulk"')
    expect(pool.texts.filter((t) => t === 'start transaction')).toHaveLength(1)
    expect(pool.texts.at(-1)).toBe('commit')
  })

  it('counts its savepoint as a transaction level: refused, sending nothing, past level 255; a failed one gives its level back', async () => {
    let failNext = false
    const pool = new FakePool((q) => {
      if (!q.text.startsWith('insert') || !failNext) return {}
      failNext = false
      return new Error('[SQLCODE: <-119>:<dup>]')
    })
    const db = dbWith(pool, { maxParameters: 6 })
    const trx = await db.startTransaction().execute()
    for (let i = 0; i < 253; i++) await trx.savepoint('sp').execute()
    failNext = true
    await expect(trx.insertInto('t').values(rows).execute()).rejects.toThrow(
      IrisUniqueViolationError,
    )
    expect(pool.texts.at(-1)).toBe('rollback to savepoint "kysely_iris_bulk"')
    await trx.insertInto('t').values(rows).execute()
    const sent = pool.texts.length
    const refusal = await trx
      .insertInto('t')
      .values(rows)
      .execute()
      .catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(IrisUnsupportedError)
    expect(String(refusal)).toMatch(/split into 4 statements.*level 256.*Nothing was sent/)
    expect(pool.texts.length).toBe(sent)
    await trx.rollback().execute()
  })

  it("a -375 from the ROLLBACK TO of its savepoint throws the chunk's error and keeps the connection: the transaction, which IRIS rolled back, is refused until rollback() ends it", async () => {
    const pool = new FakePool((q) => {
      if (q.text.startsWith('insert') && q.values[0] === 3)
        return new Error('[SQLCODE: <-119>:<dup>]')
      if (q.text === 'rollback to savepoint "kysely_iris_bulk"')
        return new Error(
          "[SQLCODE: <-375>:<Cannot ROLLBACK to unestablished savepoint 'kysely_iris_bulk'>]",
        )
      return {}
    })
    const db = dbWith(pool, { maxParameters: 6 })
    const trx = await db.startTransaction().execute()
    await trx.savepoint('sp').execute()
    await expect(trx.insertInto('t').values(rows).execute()).rejects.toThrow(
      IrisUniqueViolationError,
    )
    expect(pool.texts.at(-1)).toBe('rollback to savepoint "kysely_iris_bulk"')
    await expectRefusedUntilRollback(pool, trx, [() => trx.selectFrom('t').selectAll().execute()])
    expect(pool.released).toEqual([{ client: 1, destroyed: false }])
  })

  describe('rows naming different columns: one INSERT per run of them, sent as chunks are', () => {
    const partial = [{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 3 }, {}, { b: 'z' }]
    const runs = [
      { text: 'insert into "t" ("a", "b") values ($1, $2), ($3, $4)', values: [1, 'x', 2, 'y'] },
      { text: 'insert into "t" ("a") values ($1)', values: [3] },
      { text: 'insert into "t" default values', values: [] },
      { text: 'insert into "t" ("b") values ($1)', values: ['z'] },
    ]
    const insertsOf = (pool: FakePool) =>
      pool.queries
        .filter((q) => q.text.startsWith('insert'))
        .map(({ text, values }) => ({ text, values }))

    it('in order, each listing only its columns, in their own transaction; counts summed, no insertId', async () => {
      const pool = new FakePool((q) =>
        q.text.startsWith('insert') ? dml('INSERT', q.values.length === 4 ? 2 : 1) : {},
      )
      const result = await dbWith(pool, { insertId: true })
        .insertInto('t')
        .values(partial)
        .executeTakeFirstOrThrow()
      expect(insertsOf(pool)).toEqual(runs)
      expect(pool.texts[0]).toBe('start transaction')
      expect(pool.texts.at(-1)).toBe('commit')
      expect(pool.texts.filter((t) => t.includes('LAST_IDENTITY'))).toEqual([])
      expect(result).toEqual({ insertId: undefined, numInsertedOrUpdatedRows: 5n })
    })

    it('a run over maxParameters is chunked in turn', async () => {
      const pool = new FakePool()
      await dbWith(pool, { maxParameters: 2 }).insertInto('t').values(partial).execute()
      expect(insertsOf(pool).map((q) => q.values)).toEqual([[1, 'x'], [2, 'y'], [3], [], ['z']])
    })

    it('a failing later run rolls the earlier ones back: its transaction, or its savepoint in yours', async () => {
      const failing = () =>
        new FakePool((q) =>
          q.text.startsWith('insert') && q.values[0] === 'z'
            ? new Error('[SQLCODE: <-119>:<dup>]')
            : {},
        )
      const alone = failing()
      await expect(dbWith(alone).insertInto('t').values(partial).execute()).rejects.toThrow(
        IrisUniqueViolationError,
      )
      expect(alone.texts.at(-1)).toBe('rollback')
      expect(alone.texts.filter((t) => t === 'commit')).toEqual([])
      const inTransaction = failing()
      const trx = await dbWith(inTransaction).startTransaction().execute()
      await expect(trx.insertInto('t').values(partial).execute()).rejects.toThrow(
        IrisUniqueViolationError,
      )
      await trx.insertInto('t').values({ a: 9 }).execute()
      await trx.commit().execute()
      expect(inTransaction.texts.filter((t) => !t.startsWith('insert'))).toEqual([
        'start transaction',
        'savepoint "kysely_iris_bulk"',
        'rollback to savepoint "kysely_iris_bulk"',
        'commit',
      ])
    })
  })

  it('union-all form chunks the same way', async () => {
    const pool = new FakePool()
    await dbWith(pool, { maxParameters: 6, bulkInsert: 'union-all' })
      .insertInto('t')
      .values(rows)
      .execute()
    const inserts = pool.texts.filter((t) => t.startsWith('insert'))
    expect(inserts).toHaveLength(4)
    expect(inserts[0]).toBe(
      'insert into "t" ("a", "b") select $1, $2 union all select $3, $4 union all select $5, $6',
    )
  })
})

describe('result labels (restored from lower-cased server labels)', () => {
  it('restores selected names when the server lower-cases them, by position', async () => {
    const pool = new FakePool(() => ({
      rows: [[1, 'Ann', 3]],
      fields: [{ name: 'id' }, { name: 'firstname' }, { name: 'petcount' }],
    }))
    const rows = await dbWith(pool)
      .selectFrom('person')
      .select(['id', 'firstName', sql<number>`count(*)`.as('petCount')])
      .execute()
    expect(rows).toEqual([{ id: 1, firstName: 'Ann', petCount: 3 }])
  })

  it('drops the %VID column of an offset page', async () => {
    const pool = new FakePool(() => ({
      rows: [[7, 'x', 6]],
      fields: [{ name: 'id' }, { name: 'name' }, { name: '%vid' }],
    }))
    const rows = await dbWith(pool, { paging: 'top' })
      .selectFrom('t')
      .select(['id', 'name'])
      .orderBy('id')
      .limit(1)
      .offset(5)
      .execute()
    expect(rows).toEqual([{ id: 7, name: 'x' }])
  })
})

describe('errors', () => {
  it('maps server errors by SQLCODE, keeping sqlstate, sql and cause', async () => {
    const cause = Object.assign(
      new Error(
        '[SQLCODE: <-119>:<UNIQUE or PRIMARY KEY constraint failed uniqueness check upon INSERT>] [%msg: x]',
      ),
      {
        code: '42000',
      },
    )
    const pool = new FakePool(() => cause)
    const error = await dbWith(pool)
      .insertInto('t')
      .values({ a: 1 })
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IrisUniqueViolationError)
    expect(error).toMatchObject({
      sqlcode: -119,
      sqlstate: '42000',
      sql: 'insert into "t" ("a") values ($1)',
      cause,
    })
  })

  it('a lost connection is an IrisConnectionError and the client is destroyed, not reused', async () => {
    const pool = new FakePool(() => new Error('Connection terminated unexpectedly'))
    await expect(dbWith(pool).selectFrom('t').selectAll().execute()).rejects.toThrow(
      IrisConnectionError,
    )
    expect(pool.released).toEqual([{ client: 1, destroyed: true }])
  })

  it("a server error's stack reaches the caller that ran the query, as Kysely's own drivers do", async () => {
    // pg rejects from its socket handler, so the stack the error is made with names none of the
    // caller's frames; the caller's are what a user needs to find the failing query.
    const pool = new FakePool(
      () => new Error('[SQLCODE: <-29>:<Field not found in the applicable tables>]'),
    )
    async function theUsersQuery() {
      await dbWith(pool).selectFrom('t').select('nope').execute()
    }
    const error = await theUsersQuery().catch((e: unknown) => e)
    expect((error as Error).stack).toContain('theUsersQuery')
  })

  it('pool connect failures are IrisErrors', async () => {
    const pool = new FakePool()
    pool.connect = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    }
    await expect(dbWith(pool).selectFrom('t').selectAll().execute()).rejects.toThrow(
      IrisConnectionError,
    )
  })
})

describe('streaming (iris-pgwire ignores Execute row limits)', () => {
  it('reads the result once and yields chunks; stopping early releases the connection', async () => {
    const all = Array.from({ length: 250 }, (_, i) => [i])
    const pool = new FakePool(() => ({ rows: all, fields: [{ name: 'id' }] }))
    const db = dbWith(pool)
    const seen: number[] = []
    for await (const row of db.selectFrom('t').select('id').stream(100)) {
      seen.push(row.id)
      if (seen.length === 150) break
    }
    expect(seen).toHaveLength(150)
    expect(pool.released).toEqual([{ client: 1, destroyed: false }])
  })
})
