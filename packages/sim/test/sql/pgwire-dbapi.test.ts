/**
 * Profile `pgwire-1.0-dbapi`: iris-pgwire 1.0.1 on its external backend
 * (docs/iris-sql.md#simulator-profiles). Its pool of IRIS sessions and what that does to
 * transactions and LAST_IDENTITY() (docs/iris-sql.md#iris-pgwire-backends,
 * docs/iris-sql.md#iris-pgwire-transactions), Describe
 * (docs/iris-sql.md#describe-and-statements-without-rowdescription), result types and values
 * (docs/iris-sql.md#result-types) and command tags (docs/iris-sql.md#iris-pgwire-result-quirks).
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extendedQuery } from '../support/extended-query.js'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { watchMessages } from '../support/wire-messages.js'
import { failure, sqlcodeOf } from './profiles.js'

const rawText = { getTypeParser: () => (value: string) => value }

/** The IRIS sessions (query log connection ids) that ran the statements logged since `clear()`. */
function sessionsUsed(sim: TestSim): Set<number> {
  return new Set(sim.queryLog.entries.map((entry) => entry.connectionId))
}

async function count(client: pg.Client, table: string): Promise<number> {
  const result = await client.query(`SELECT COUNT(*) AS n FROM ${table}`)
  return Number(result.rows[0].n)
}

describe('profile pgwire-1.0-dbapi: sessions and transactions', () => {
  let sim: TestSim
  beforeAll(async () => {
    sim = await startTestSim({ profile: 'pgwire-1.0-dbapi', lockTimeoutMs: 300 })
    const client = await sim.client()
    await client.query('CREATE TABLE item (id INTEGER IDENTITY PRIMARY KEY, name VARCHAR(20))')
    await client.query('CREATE TABLE other (id INTEGER IDENTITY PRIMARY KEY, name VARCHAR(20))')
  })
  afterAll(() => sim.close())

  it('answers plain BEGIN, COMMIT and ROLLBACK itself: IRIS never sees them, so a rolled-back row stays', async () => {
    const a = await sim.client()
    const b = await sim.client()
    const seen = watchMessages(a)
    const before = await count(b, 'item')
    sim.queryLog.clear()
    await a.query('BEGIN')
    expect([seen.tags(), seen.status()]).toEqual([['BEGIN'], 'T'])
    await a.query('INSERT INTO item (name) VALUES (?)', ['kept'])
    seen.clear()
    await a.query(extendedQuery('ROLLBACK WORK'))
    expect([seen.tags(), seen.status()]).toEqual([['ROLLBACK'], 'I'])
    expect(sim.queryLog.entries.map((entry) => entry.sql)).toEqual([
      'INSERT INTO item (name) VALUES (?)',
    ])
    expect(await count(b, 'item')).toBe(before + 1)
  })

  it('runs each statement on the idle session returned last, so one client reads the LAST_IDENTITY() of another’s INSERT', async () => {
    const a = await sim.client()
    const b = await sim.client()
    await a.query('INSERT INTO item (name) VALUES (?)', ['from a'])
    await b.query('INSERT INTO other (name) VALUES (?)', ['from b'])
    const item = await a.query('SELECT MAX(id) AS id FROM item')
    const other = await b.query('SELECT MAX(id) AS id FROM other')
    const identity = await a.query('SELECT LAST_IDENTITY() AS id')
    expect(Number(identity.rows[0].id)).toBe(other.rows[0].id)
    expect(other.rows[0].id).not.toBe(item.rows[0].id)
  })

  it('gives statements that arrive together a session each: only one of five LAST_IDENTITY() reads sees the INSERT', async () => {
    const clients = await Promise.all(Array.from({ length: 5 }, () => sim.client()))
    await clients[0]?.query('INSERT INTO item (name) VALUES (?)', ['concurrent'])
    const reads = await Promise.all(
      clients.map((client) => client.query('SELECT LAST_IDENTITY() AS id')),
    )
    const seen = reads.map((read) => read.rows[0].id).filter((id) => id !== null)
    expect(seen).toHaveLength(1)
  })

  it('keeps at most 10 idle sessions', async () => {
    const clients = await Promise.all(Array.from({ length: 15 }, () => sim.client()))
    const together = () => Promise.all(clients.map((client) => client.query('SELECT 1 AS one')))
    sim.queryLog.clear()
    await together()
    const first = sessionsUsed(sim)
    sim.queryLog.clear()
    await together()
    const second = sessionsUsed(sim)
    expect(first.size).toBe(15)
    expect(second.size).toBe(15)
    expect([...second].filter((id) => first.has(id))).toHaveLength(10)
  })

  it('runs a parameterized SELECT twice, for Describe and for Execute; a Describe that fails answers NoData', async () => {
    const a = await sim.client()
    const seen = watchMessages(a)
    sim.queryLog.clear()
    await a.query('SELECT name FROM item WHERE id = ?', [1])
    expect(sim.queryLog.entries).toHaveLength(2)
    seen.clear()
    const error = await failure(a, 'SELECT nope FROM item WHERE id = ?', [1])
    expect(sqlcodeOf(error)).toBe(-29)
    expect(seen.noDataCount()).toBe(1)
  })
})

describe('profile pgwire-1.0-dbapi: a transaction IRIS opened on a pooled session', () => {
  let sim: TestSim
  beforeAll(async () => {
    sim = await startTestSim({ profile: 'pgwire-1.0-dbapi', lockTimeoutMs: 300 })
    const client = await sim.client()
    await client.query('CREATE TABLE item (id INTEGER IDENTITY PRIMARY KEY, name VARCHAR(20))')
  })
  afterAll(() => sim.close())

  it.each([
    'START TRANSACTION ISOLATION LEVEL READ COMMITTED',
    'START TRANSACTION READ ONLY',
    'BEGIN WORK',
    // docs/iris-sql.md#savepoints: with no transaction in progress, SAVEPOINT starts one.
    'SAVEPOINT sp',
  ])(
    '%s reaches a pooled session, which serves everyone inside it until an error drops it',
    async (begin) => {
      const a = await sim.client()
      const b = await sim.client()
      const seen = watchMessages(a)
      const before = await count(b, 'item')
      await a.query(begin)
      expect([seen.tags(), seen.status()]).toEqual([['UNKNOWN 0'], 'I'])
      if (!begin.includes('READ ONLY')) await a.query("INSERT INTO item (name) VALUES ('inside')")
      await a.query('ROLLBACK') // answered by iris-pgwire: IRIS's transaction stays open
      const inside = begin.includes('READ ONLY') ? before : before + 1
      expect(await count(b, 'item')).toBe(inside) // b's statement ran in that transaction
      expect(sqlcodeOf(await failure(b, 'SELECT nope FROM item'))).toBe(-29)
      expect(await count(b, 'item')).toBe(before) // dropped: its transaction rolled back
    },
  )
})

describe('profile pgwire-1.0-dbapi: results', () => {
  let sim: TestSim
  let client: pg.Client
  beforeAll(async () => {
    sim = await startTestSim({ profile: 'pgwire-1.0-dbapi' })
    client = await sim.client({ types: rawText })
    await client.query(`CREATE TABLE typed (id INTEGER PRIMARY KEY, s SMALLINT, t TINYINT, b BIGINT,
      n NUMERIC(10,2), d DOUBLE, v VARCHAR(20), l LONGVARCHAR, f BIT, dt DATE, tm TIME, ts TIMESTAMP)`)
    await client.query(
      'INSERT INTO typed (id, s, t, b, n, d, v, l, f, dt, tm, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        1,
        2,
        3,
        5_000_000_000,
        '12.50',
        100,
        '',
        'long',
        1,
        '2024-01-02',
        '10:11:12',
        '2024-01-02 10:11:12',
      ],
    )
  })
  afterAll(() => sim.close())

  it('types columns by the driver’s ODBC code through iris-pgwire’s table, and sends str() of the driver’s values', async () => {
    const result = await client.query('SELECT * FROM "typed"')
    expect(result.fields.map((field) => [field.name, field.dataTypeID])).toEqual([
      ['id', 23],
      ['s', 701],
      ['t', 25],
      ['b', 25],
      ['n', 701],
      ['d', 1083],
      ['v', 1043],
      ['l', 25],
      ['f', 16],
      ['dt', 1082],
      ['tm', 1114],
      ['ts', 25],
    ])
    const daysSince2000 = (Date.UTC(2024, 0, 2) - Date.UTC(2000, 0, 1)) / 86_400_000
    expect(result.rows[0]).toEqual({
      id: '1',
      s: '2',
      t: '3',
      b: '5000000000',
      n: '12.50',
      d: '100.0',
      v: '',
      l: 'long',
      f: 't',
      dt: String(daysSince2000),
      tm: '10:11:12',
      ts: '2024-01-02 10:11:12',
    })
  })

  it('types every NUMERIC column by casts anywhere in the statement’s text', async () => {
    const integer = await client.query('SELECT n, CAST(id AS INTEGER) AS i FROM typed')
    expect(integer.fields.map((field) => field.dataTypeID)).toEqual([23, 23])
    const numeric = await client.query('SELECT n, CAST(n AS NUMERIC(10,2)) AS c FROM typed')
    expect(numeric.fields.map((field) => field.dataTypeID)).toEqual([1700, 1700])
  })

  it('lower-cases labels and shows SQLUser as public in a table_schema column', async () => {
    const result = await client.query(
      'SELECT TABLE_SCHEMA, TABLE_SCHEMA AS "Kept" FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?',
      ['typed'],
    )
    expect(result.rows).toEqual([{ table_schema: 'public', kept: 'SQLUser' }])
  })

  it('names a column of a SELECT without FROM ?column? when its alias is quoted or missing', async () => {
    const result = await client.query('SELECT 1 AS "x", 2 AS y, 3')
    expect(result.fields.map((field) => field.name)).toEqual(['?column?', 'y', '?column?'])
  })

  it('reports 0 rows in DML tags and UNKNOWN for statements it has no name for', async () => {
    const seen = watchMessages(client)
    await client.query('UPDATE typed SET v = ? WHERE id = ?', ['x', 1])
    await client.query('DELETE FROM typed WHERE id = 99')
    await client.query('INSERT INTO typed (id) VALUES (?)', [2])
    await client.query('LOCK TABLE typed IN EXCLUSIVE MODE')
    await client.query('UNLOCK TABLE typed IN EXCLUSIVE MODE')
    expect(seen.tags()).toEqual([
      'UPDATE 0 0',
      'DELETE 0 0',
      'INSERT 0 0 0',
      'UNKNOWN 0',
      'UNKNOWN 0',
    ])
  })

  it('drops the rows of a statement that does not start with SELECT: NoData at Describe, 0 rows, UNKNOWN', async () => {
    const seen = watchMessages(client)
    const simple = await client.query('WITH q AS (SELECT id FROM typed) SELECT id FROM q')
    expect([simple.fields.map((field) => field.name), simple.rows]).toEqual([['id'], []])
    seen.clear()
    const extended = await client.query('(SELECT id FROM typed WHERE id > ?)', [0])
    expect([extended.fields, extended.rows, extended.command]).toEqual([[], [], 'UNKNOWN'])
    expect(seen.noDataCount()).toBe(1)
  })

  it('rewrites a literal LIMIT n OFFSET m to TOP n, dropping the offset', async () => {
    const result = await client.query('SELECT id FROM typed ORDER BY id LIMIT 1 OFFSET 1')
    expect(result.rows).toEqual([{ id: '1' }])
  })

  it('swallows SET, and runs every part of a simple query after one fails', async () => {
    const seen = watchMessages(client)
    await client.query('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE')
    expect(seen.tags()).toEqual(['SET'])
    const other = await sim.client()
    const error = await failure(other, 'SELECT nope FROM typed; INSERT INTO typed (id) VALUES (3)')
    expect(sqlcodeOf(error)).toBe(-29)
    expect(await count(client, 'typed WHERE id = 3')).toBe(1)
  })
})
