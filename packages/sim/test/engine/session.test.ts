/** The engine's sessions, driven directly (no wire): the seam of src/engine/types.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SimError } from '../../src/engine/types.js'
import { runAll, type TestEngine, testEngine } from './helpers.js'

describe('engine sessions', () => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await testEngine()
    await runAll(
      engine.openSession({ user: 'u', database: 'd' }),
      'CREATE TABLE item (id INTEGER IDENTITY PRIMARY KEY, code VARCHAR(10) UNIQUE, qty INTEGER)',
    )
  })
  afterAll(() => engine.close())

  it('reports IRIS server parameters (docs/iris-sql.md#server-identity)', () => {
    expect(engine.serverParameters).toMatchObject({
      server_version: '16.0 (InterSystems IRIS)',
      server_encoding: 'UTF8',
      client_encoding: 'UTF8',
      DateStyle: 'ISO, MDY',
      integer_datetimes: 'on',
      standard_conforming_strings: 'on',
      TimeZone: 'UTC',
      application_name: '',
    })
  })

  it('logs every statement once, with its parameters and connection', async () => {
    const session = engine.openSession({ user: 'u', database: 'd' })
    engine.queryLog.clear()
    await session.execute('SELECT qty FROM item WHERE id = ?', ['1'], [0])
    await runAll(session, 'SELECT 1 AS a; SELECT 2 AS b')
    expect(
      engine.queryLog.entries.map(({ connectionId, sql, params }) => ({
        connectionId,
        sql: sql.trim(),
        params,
      })),
    ).toEqual([
      { connectionId: session.processId, sql: 'SELECT qty FROM item WHERE id = ?', params: ['1'] },
      { connectionId: session.processId, sql: 'SELECT 1 AS a', params: [] },
      { connectionId: session.processId, sql: 'SELECT 2 AS b', params: [] },
    ])
    await session.close()
  })

  it('stops a simple query at the first failing statement, keeping earlier results', async () => {
    const session = engine.openSession({ user: 'u', database: 'd' })
    const results: unknown[] = []
    const goneOn: unknown[] = []
    const error = await session
      .simpleQuery(
        'SELECT 1 AS a; SELECT nope FROM item; SELECT 3 AS c',
        (result) => results.push(result),
        (failure) => goneOn.push(failure),
      )
      .catch((e: unknown) => e)
    expect(goneOn).toEqual([])
    expect(error).toBeInstanceOf(SimError)
    expect((error as SimError).sqlcode).toBe(-29)
    expect(results).toHaveLength(1)
    await session.close()
  })

  it('describes a statement: parameter types and declared result types', async () => {
    const session = engine.openSession({ user: 'u', database: 'd' })
    const description = await session.describe('SELECT id, code FROM item WHERE qty > ?', [])
    expect(description.paramTypeIDs).toEqual([23])
    expect(description.fields?.map((field) => [field.name, field.dataTypeID])).toEqual([
      ['id', 23],
      ['code', 1043],
    ])
    expect(await session.describe('INSERT INTO item (code) VALUES (?)', [])).toMatchObject({
      fields: null,
    })
    // docs/iris-sql.md#booleans: a predicate selected as a value is refused at Describe, unrun.
    await expect(session.describe('SELECT id, qty > ? AS big FROM item', [])).rejects.toMatchObject(
      { sqlcode: -1, message: expect.stringContaining('big is a predicate') },
    )
    await session.close()
  })

  it('keeps the transaction status "transaction" after an error inside it (docs/iris-sql.md#error-format)', async () => {
    const session = engine.openSession({ user: 'u', database: 'd' })
    await runAll(session, 'START TRANSACTION')
    await session.execute('INSERT INTO item (code, qty) VALUES (?, ?)', ['t1', '1'], [])
    await expect(
      session.execute('INSERT INTO item (code, qty) VALUES (?, ?)', ['T1', '2'], []),
    ).rejects.toMatchObject({ sqlcode: -119 })
    expect(session.transactionStatus).toBe('transaction')
    await expect(session.describe('SELECT nope FROM item', [])).rejects.toMatchObject({
      sqlcode: -29,
    })
    await session.execute('UPDATE item SET qty = ? WHERE code = ?', ['5', 't1'], [])
    await runAll(session, 'COMMIT')
    expect(session.transactionStatus).toBe('idle')
    const [count] = await runAll(session, "SELECT qty FROM item WHERE code = 't1'")
    expect(count?.rows).toEqual([['5']])
    await session.close()
  })

  it('upserts several rows in one statement, each seeing the ones before (docs/iris-sql.md#upsert)', async () => {
    const session = engine.openSession({ user: 'u', database: 'd' })
    const result = await session.execute(
      'INSERT OR UPDATE item (code, qty) VALUES (?, ?), (?, ?)',
      ['u1', '1', 'U1', '2'],
      [],
    )
    expect(result.commandTag).toBe('INSERT 0 2')
    const [rows] = await runAll(session, "SELECT code, qty FROM item WHERE code = 'u1'")
    expect(rows?.rows).toEqual([['U1', '2']])
    await session.close()
  })

  // The backend keeps a statement run again prepared (src/engine/prepared-statements.ts): more than
  // five runs, so PostgreSQL plans it generically, then DDL changes what the same text reads.
  it('runs a text it ran before against the schema as it is now, and after a failed run', async () => {
    const session = engine.openSession({ user: 'u', database: 'd' })
    const read = 'SELECT * FROM reshaped WHERE id = ?'
    const rowsOf = async (id: string) => {
      const result = await session.execute(read, [id], [])
      return { labels: result.fields?.map((field) => field.name), rows: result.rows }
    }
    await runAll(session, 'CREATE TABLE reshaped (id INTEGER); INSERT INTO reshaped VALUES (1)')
    for (let run = 0; run < 6; run++)
      expect(await rowsOf('1')).toEqual({ labels: ['id'], rows: [['1']] })
    await expect(session.execute(read, ['x'], [])).rejects.toBeInstanceOf(SimError)
    await runAll(session, "ALTER TABLE reshaped ADD COLUMN c VARCHAR(5) DEFAULT 'c'")
    expect(await rowsOf('1')).toEqual({ labels: ['id', 'c'], rows: [['1', 'c']] })
    await runAll(
      session,
      "DROP TABLE reshaped; CREATE TABLE reshaped (id VARCHAR(5)); INSERT INTO reshaped VALUES ('x')",
    )
    expect(await rowsOf('x')).toEqual({ labels: ['id'], rows: [['x']] })
    await runAll(session, 'DROP TABLE reshaped')
    await session.close()
  })

  it('rolls back and releases the backend when a session in a transaction closes', async () => {
    const a = engine.openSession({ user: 'u', database: 'd' })
    const b = engine.openSession({ user: 'u', database: 'd' })
    await runAll(a, 'START TRANSACTION')
    await a.execute('INSERT INTO item (code, qty) VALUES (?, ?)', ['gone', '1'], [])
    const read = runAll(b, "SELECT COUNT(*) FROM item WHERE code = 'gone'")
    await a.close()
    const [count] = await read
    expect(count?.rows).toEqual([['0']])
    await b.close()
  })

  it('cancels a statement waiting for the backend (57014); ignores a wrong secret key', async () => {
    const a = engine.openSession({ user: 'u', database: 'd' })
    const b = engine.openSession({ user: 'u', database: 'd' })
    await runAll(a, 'START TRANSACTION')
    const waiting = b.execute('SELECT 1', [], []).catch((e: unknown) => e)
    engine.cancel(b.processId, b.secretKey + 1)
    engine.cancel(b.processId, b.secretKey)
    expect(await waiting).toMatchObject({
      fields: { code: '57014', message: 'canceling statement due to user request' },
    })
    await runAll(a, 'ROLLBACK')
    expect((await b.execute('SELECT 1', [], [])).rows).toEqual([['1']]) // the cancel does not carry over
    await a.close()
    await b.close()
  })
})
