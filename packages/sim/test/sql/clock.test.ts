/**
 * The clock, through `pg` on one sim (docs/iris-sql.md#functions): GETDATE, GETUTCDATE, NOW and the keywords
 * CURRENT_TIMESTAMP and CURRENT_TIME give IRIS's default of no fractional seconds, read once per
 * statement; PostgreSQL's other value keywords are refused.
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { failure, sqlcodeOf } from './profiles.js'

let sim: TestSim
let client: pg.Client

/** The row's values as the server's text, not parsed into Dates. */
const textRow = async (text: string) => {
  const { rows } = await client.query({
    text,
    types: { getTypeParser: () => (value: string) => value },
  })
  return rows[0] as Record<string, string>
}

const WHOLE_SECONDS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/

beforeAll(async () => {
  sim = await startTestSim()
  client = await sim.client()
})
afterAll(() => sim?.close())

describe('the clock (docs/iris-sql.md#functions)', () => {
  it('GETDATE(), NOW() and CURRENT_TIMESTAMP give whole seconds, CURRENT_TIME a local time', async () => {
    const row = await textRow(
      'SELECT GETDATE() AS g, NOW() AS n, CURRENT_TIMESTAMP AS c, {fn NOW} AS f, CURRENT_TIME AS t, GETUTCDATE() AS u',
    )
    for (const key of ['g', 'n', 'c', 'f', 'u']) expect(row[key]).toMatch(WHOLE_SECONDS)
    expect(row.t).toMatch(/^\d\d:\d\d:\d\d$/)
  })

  it('keeps the fractional digits a precision asks for, and refuses one outside 0 to 9', async () => {
    const row = await textRow(
      'SELECT GETDATE(2) AS g, CURRENT_TIMESTAMP(0) AS c, GETUTCDATE(2) AS u',
    )
    for (const key of ['g', 'u'])
      expect(row[key]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,2})?$/)
    expect(row.c).toMatch(WHOLE_SECONDS)
    expect(sqlcodeOf(await failure(client, 'SELECT GETDATE(10)'))).toBe(-1)
    expect(sqlcodeOf(await failure(client, 'SELECT GETUTCDATE(10)'))).toBe(-1)
    expect(sqlcodeOf(await failure(client, 'SELECT CURRENT_TIME(2)'))).toBe(-359)
  })

  it('reads the clock per statement, not once per transaction', async () => {
    await client.query('START TRANSACTION')
    try {
      const first = (await textRow('SELECT GETDATE(6) AS at')).at
      await new Promise((resolve) => setTimeout(resolve, 5))
      const second = (await textRow('SELECT GETDATE(6) AS at')).at
      expect(second).not.toBe(first)
    } finally {
      await client.query('ROLLBACK')
    }
  })

  it('stores a CURRENT_TIMESTAMP default in whole seconds and shows it as written', async () => {
    await client.query(
      'CREATE TABLE stamp (id INTEGER PRIMARY KEY, at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)',
    )
    await client.query('INSERT INTO stamp (id) VALUES (1)')
    expect((await textRow('SELECT at FROM stamp')).at).toMatch(WHOLE_SECONDS)
    const column = await textRow(
      "SELECT COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'stamp' AND COLUMN_NAME = 'at'",
    )
    expect(Object.values(column)).toEqual(['CURRENT_TIMESTAMP'])
  })

  it("refuses PostgreSQL's value keywords that IRIS lacks, and USER, which it does not model", async () => {
    for (const keyword of ['LOCALTIMESTAMP', 'LOCALTIME', 'CURRENT_USER', 'SESSION_USER']) {
      const error = await failure(client, `SELECT ${keyword} AS v`)
      expect([keyword, sqlcodeOf(error)]).toEqual([keyword, -29])
    }
    expect(sqlcodeOf(await failure(client, 'SELECT USER AS v'))).toBe(-1)
  })
})
