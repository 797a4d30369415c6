/**
 * What results look like under each profile (docs/iris-sql.md#simulator-profiles): declared types
 * in RowDescription, BIT and VECTOR values, labels and affected-row counts for `iris`;
 * iris-pgwire's result quirks (docs/iris-sql.md#result-types,
 * docs/iris-sql.md#iris-pgwire-result-quirks) for the iris-pgwire profiles are in
 * pgwire-dbapi.test.ts and pgwire-embedded.test.ts; their shared parameter re-typing is here.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'

const CREATE_TYPED = `CREATE TABLE typed (
  i INTEGER, s SMALLINT, t TINYINT, b BIGINT, n NUMERIC(10,2), d DOUBLE, v VARCHAR(20), l LONGVARCHAR,
  f BIT, dt DATE, tm TIME, ts TIMESTAMP, vec VECTOR(FLOAT, 3))`
const INSERT_TYPED = `INSERT INTO typed (i, s, t, b, n, d, v, l, f, dt, tm, ts, vec)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TO_VECTOR(?, float))`
const TYPED_ROW = [
  '1',
  '2',
  '3',
  '5000000000',
  '12.50',
  '1.5',
  'Abc',
  'long text',
  '1',
  '2024-01-02',
  '10:11:12',
  '2024-01-02 10:11:12',
  '0.5,1,2',
]

async function prepare(sim: TestSim): Promise<void> {
  const client = await sim.client()
  await client.query(CREATE_TYPED)
  await client.query(INSERT_TYPED, TYPED_ROW)
  await client.query('CREATE TABLE "Quoted" (Id INTEGER, Name VARCHAR(10))')
  await client.query('INSERT INTO "Quoted" (Id, Name) VALUES (?, ?)', [1, ''])
  await client.query('INSERT INTO "Quoted" (Id, Name) VALUES (?, ?)', [2, 'two'])
}

describe('results [profile iris]', () => {
  let sim: TestSim
  beforeAll(async () => {
    sim = await startTestSim({ profile: 'iris' })
    await prepare(sim)
  })
  afterAll(() => sim.close())

  it('describes each column with its declared type and sends IRIS values', async () => {
    const client = await sim.client()
    const result = await client.query(
      'SELECT i, s, t, b, n, d, v, l, f, dt, tm, ts, vec FROM typed',
    )
    expect(result.fields.map((field) => field.dataTypeID)).toEqual([
      23, 21, 21, 20, 1700, 701, 1043, 25, 16, 1082, 1083, 1114, 25,
    ])
    const row = result.rows[0]
    expect(row).toMatchObject({
      i: 1,
      s: 2,
      t: 3,
      b: '5000000000',
      n: '12.50',
      d: 1.5,
      v: 'Abc',
      l: 'long text',
      f: true,
    })
    expect(row.tm).toBe('10:11:12')
    expect(row.vec).toBe('0.5,1,2') // docs/iris-sql.md#vector-results: no brackets
  })

  it('keeps quoted labels as written and reports affected rows', async () => {
    const client = await sim.client()
    const labels = await client.query('SELECT i AS "MyLabel", v AS plain FROM typed')
    expect(labels.fields.map((field) => field.name)).toEqual(['MyLabel', 'plain'])
    const updated = await client.query('UPDATE "Quoted" SET Name = ? WHERE Id > ?', ['x', 0])
    expect(updated.rowCount).toBe(2)
    const inserted = await client.query('INSERT INTO "Quoted" (Id, Name) VALUES (?, ?)', [
      3,
      'three',
    ])
    expect(inserted.rowCount).toBe(1)
    const deleted = await client.query('DELETE FROM "Quoted" WHERE Id = ?', [3])
    expect(deleted.rowCount).toBe(1)
  })

  it('keeps the empty string', async () => {
    const client = await sim.client()
    await client.query('INSERT INTO "Quoted" (Id, Name) VALUES (?, ?)', [10, ''])
    const result = await client.query('SELECT Name FROM "Quoted" WHERE Id = ?', [10])
    expect(result.rows[0].Name).toBe('') // labelled as created (docs/iris-sql.md#labels-and-row-counts)
  })

  it('reports the IRIS server version in ParameterStatus and version() (docs/iris-sql.md#server-identity)', async () => {
    const client = new pg.Client({ connectionString: sim.url })
    const parameters: Record<string, string> = {}
    client.connection.on(
      'parameterStatus',
      (message: { parameterName: string; parameterValue: string }) => {
        parameters[message.parameterName] = message.parameterValue
      },
    )
    await client.connect()
    try {
      expect(parameters).toMatchObject({
        server_version: '16.0 (InterSystems IRIS)',
        client_encoding: 'UTF8',
        DateStyle: 'ISO, MDY',
      })
      const version = await client.query('SELECT version() AS v')
      expect(version.rows[0].v).toBe('PostgreSQL 16.0 (InterSystems IRIS PGWire Protocol)')
    } finally {
      await client.end()
    }
  })

  it('returns no rows from INFORMATION_SCHEMA.TABLES for a missing table', async () => {
    const client = await sim.client()
    const result = await client.query(
      'SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
      ['SQLUser', 'nope'],
    )
    expect(result.rows).toEqual([])
  })
})

describe.each(['pgwire-1.0-dbapi', 'pgwire-1.0-embedded'] as const)(
  'parameters [profile %s]',
  (profile) => {
    let sim: TestSim
    beforeAll(async () => {
      sim = await startTestSim({ profile })
      await prepare(sim)
    })
    afterAll(() => sim.close())

    it('re-types numeric-looking text parameters (docs/iris-sql.md#parameter-re-typing)', async () => {
      const client = await sim.client()
      await client.query('INSERT INTO "Quoted" (Id, Name) VALUES (?, ?)', [7, '007'])
      const result = await client.query('SELECT Name FROM "Quoted" WHERE Id = ?', [7])
      expect(result.rows[0].name).toBe('7')
    })
  },
)
