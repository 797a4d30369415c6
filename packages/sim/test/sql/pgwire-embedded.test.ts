/**
 * Profile `pgwire-1.0-embedded`: iris-pgwire 1.0.1 on its embedded backend
 * (docs/iris-sql.md#simulator-profiles). One IRIS session shared by every client, with one
 * transaction and one LAST_IDENTITY() (docs/iris-sql.md#iris-pgwire-backends,
 * docs/iris-sql.md#iris-pgwire-transactions), Describe
 * (docs/iris-sql.md#describe-and-statements-without-rowdescription), types guessed from the first
 * row (docs/iris-sql.md#result-types) and the result quirks
 * (docs/iris-sql.md#iris-pgwire-result-quirks).
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { watchMessages } from '../support/wire-messages.js'
import { failure, sqlcodeOf } from './profiles.js'

const rawText = { getTypeParser: () => (value: string) => value }

async function count(client: pg.Client, table: string): Promise<number> {
  const result = await client.query(`SELECT COUNT(*) AS n FROM ${table}`)
  return Number(result.rows[0].n)
}

describe('profile pgwire-1.0-embedded: one session for every client', () => {
  let sim: TestSim
  beforeAll(async () => {
    sim = await startTestSim({ profile: 'pgwire-1.0-embedded', lockTimeoutMs: 300 })
    const client = await sim.client()
    await client.query('CREATE TABLE item (id INTEGER IDENTITY PRIMARY KEY, name VARCHAR(20))')
    await client.query('CREATE TABLE other (id INTEGER IDENTITY PRIMARY KEY, name VARCHAR(20))')
  })
  afterAll(() => sim.close())

  it('shares one transaction: another client sees the uncommitted row, and one client’s ROLLBACK undoes another’s write', async () => {
    const a = await sim.client()
    const b = await sim.client()
    const before = await count(b, 'item')
    const seen = watchMessages(a)
    await a.query('BEGIN')
    expect([seen.tags(), seen.status()]).toEqual([['BEGIN'], 'T'])
    await a.query('INSERT INTO item (name) VALUES (?)', ['by a'])
    expect(await count(b, 'item')).toBe(before + 1)
    await b.query('INSERT INTO item (name) VALUES (?)', ['by b'])
    await a.query('ROLLBACK')
    expect(await count(b, 'item')).toBe(before)
  })

  it('runs SAVEPOINT and START TRANSACTION with modifiers on the shared session', async () => {
    const a = await sim.client()
    const seen = watchMessages(a)
    const before = await count(a, 'item')
    await a.query('START TRANSACTION ISOLATION LEVEL READ COMMITTED')
    await a.query("INSERT INTO item (name) VALUES ('kept')")
    await a.query('SAVEPOINT sp')
    await a.query("INSERT INTO item (name) VALUES ('undone')")
    await a.query('ROLLBACK TO SAVEPOINT sp')
    // docs/iris-sql.md#savepoints: iris-pgwire passes RELEASE on to IRIS, which has none.
    expect(sqlcodeOf(await failure(a, 'RELEASE SAVEPOINT sp'))).toBe(-1)
    // docs/iris-sql.md#transaction-statements: not one of the simple path's own verbs, so the
    // executor's translator turns it into COMMIT for IRIS.
    await a.query('COMMIT TRANSACTION')
    expect(seen.tags()).toEqual([
      'SELECT 1',
      'UNKNOWN 0',
      'INSERT 0 0 0',
      'UNKNOWN 0',
      'INSERT 0 0 0',
      'ROLLBACK 0',
      'COMMIT 0',
    ])
    expect(await count(a, 'item')).toBe(before + 1)
  })

  it('shares LAST_IDENTITY(): a client reads the identity of whichever INSERT ran last', async () => {
    const a = await sim.client()
    const b = await sim.client()
    await a.query('INSERT INTO item (name) VALUES (?)', ['from a'])
    await b.query('INSERT INTO other (name) VALUES (?)', ['from b'])
    const other = await b.query('SELECT MAX(id) AS id FROM other')
    const identity = await a.query('SELECT LAST_IDENTITY() AS id')
    expect(identity.rows[0].id).toBe(other.rows[0].id)
  })

  it('keeps a transaction open after its client disconnects, and after a failed statement', async () => {
    const a = await sim.client()
    const b = await sim.client()
    const before = await count(b, 'item')
    await a.query('BEGIN')
    await a.query("INSERT INTO item (name) VALUES ('orphan')")
    expect(sqlcodeOf(await failure(a, 'SELECT nope FROM item'))).toBe(-29)
    await a.end()
    expect(await count(b, 'item')).toBe(before + 1)
    const seen = watchMessages(b)
    await b.query('ROLLBACK')
    expect(seen.status()).toBe('I')
    expect(await count(b, 'item')).toBe(before)
  })
})

describe('profile pgwire-1.0-embedded: results', () => {
  let sim: TestSim
  let client: pg.Client
  beforeAll(async () => {
    sim = await startTestSim({ profile: 'pgwire-1.0-embedded' })
    client = await sim.client({ types: rawText })
    await client.query(`CREATE TABLE typed (id INTEGER PRIMARY KEY, b BIGINT, n NUMERIC(10,2),
      d DOUBLE, v VARCHAR(20), f BIT, dt DATE, ts TIMESTAMP)`)
    const insert = 'INSERT INTO typed (id, b, n, d, v, f, dt, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    await client.query(insert, [1, 5_000_000_000, '12.50', 100, '', 1, '2024-01-02', null])
    await client.query(insert, [2, 7, '3.00', 1.5, 'two', 0, null, '2024-01-02 10:11:12'])
  })
  afterAll(() => sim.close())

  it('guesses each column’s type from its first value, and sends the driver’s canonical numbers', async () => {
    const result = await client.query('SELECT id, b, n, d, v, f, dt, ts FROM typed ORDER BY id')
    expect(result.fields.map((field) => [field.name, field.dataTypeID])).toEqual([
      ['id', 23],
      ['b', 20],
      ['n', 701],
      ['d', 701],
      ['v', 25],
      ['f', 23],
      ['dt', 25],
      ['ts', 25],
    ])
    expect(result.rows).toEqual([
      {
        id: '1',
        b: '5000000000',
        n: '12.5',
        d: '100.0',
        v: null,
        f: '1',
        dt: '2024-01-02',
        ts: null,
      },
      { id: '2', b: '7', n: '3', d: '1.5', v: 'two', f: '0', dt: null, ts: '2024-01-02 10:11:12' },
    ])
    const whole = await client.query('SELECT n FROM typed WHERE id = ?', [2])
    expect(whole.fields[0]?.dataTypeID).toBe(23)
  })

  it('names the columns column1..N wherever the aliases parsed from the text miscount them', async () => {
    const labels = async (sql: string) =>
      (await client.query(sql)).fields.map((field) => field.name)
    const positional = (n: number) => Array.from({ length: n }, (_, i) => `column${i + 1}`)
    expect(await labels('SELECT * FROM typed WHERE id = 1')).toEqual([
      'id',
      'b',
      'n',
      'd',
      'v',
      'f',
      'dt',
      'ts',
    ])
    expect(await labels('SELECT * FROM "typed" WHERE id = 1')).toEqual(positional(8))
    expect(await labels('SELECT t.* FROM typed t WHERE id = 1')).toEqual(positional(8))
    expect(await labels('SELECT t.*, t.id AS k FROM typed t WHERE id = 1')).toEqual(positional(9))
    expect(await labels('SELECT * FROM (SELECT id, v FROM typed) d WHERE id = 1')).toEqual(
      positional(2),
    )
    expect(
      await labels('SELECT * FROM typed a JOIN typed b ON b.id = a.id WHERE a.id = 1'),
    ).toEqual(positional(16))
    expect(
      await labels('SELECT (SELECT MAX(id) FROM typed) AS m, id FROM typed WHERE id = 1'),
    ).toEqual(positional(2))
    expect(await labels('SELECT * FROM (SELECT id FROM typed) d WHERE id = 1')).toEqual(['column'])
  })

  it('names a column of a SELECT without FROM ?column? when its alias is quoted or missing', async () => {
    const result = await client.query('SELECT 1 AS "x", 2 AS y, 3')
    expect(result.fields.map((field) => field.name)).toEqual(['?column?', 'y', '?column?'])
  })

  it('describes a SELECT without rows with every column of the table after FROM, else one text column', async () => {
    const empty = await client.query('SELECT id FROM typed WHERE id < ?', [0])
    expect(empty.fields.map((field) => [field.name, field.dataTypeID])).toEqual([
      ['id', 23],
      ['b', 20],
      ['n', 1700],
      ['d', 701],
      ['v', 1043],
      ['f', 1560],
      ['dt', 1082],
      ['ts', 1114],
    ])
    const noTable = await client.query('SELECT 1 AS one WHERE 1 = 0')
    expect(noTable.fields.map((field) => [field.name, field.dataTypeID])).toEqual([['column1', 25]])
  })

  it('sends the rows of a statement that does not start with SELECT even after NoData, which pg cannot read', async () => {
    const seen = watchMessages(client)
    const simple = await client.query('WITH q AS (SELECT id FROM typed) SELECT id FROM q')
    expect(simple.rows).toHaveLength(2)
    expect(seen.tags()).toEqual(['UNKNOWN 2'])
    seen.clear()
    await expect(client.query('(SELECT id FROM typed WHERE id > ?)', [0])).rejects.toThrow()
    expect(seen.noDataCount()).toBe(1)
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: '1' }])
  })

  it('reports 0 rows in DML tags', async () => {
    const seen = watchMessages(client)
    await client.query('UPDATE typed SET v = ? WHERE id = ?', ['x', 1])
    await client.query('INSERT INTO typed (id) VALUES (?)', [3])
    await client.query('DELETE FROM typed WHERE id = 3')
    expect(seen.tags()).toEqual(['UPDATE 0 0', 'INSERT 0 0 0', 'DELETE 0 0'])
  })
})
