/**
 * Hand-written IRIS syntax the sim runs with IRIS's meaning, through `pg` on one sim:
 * %STARTSWITH (docs/iris-sql.md#startswith).
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { failure, sqlcodeOf } from './profiles.js'

let sim: TestSim
let client: pg.Client

const ids = (result: pg.QueryResult) => result.rows.map((row) => Number(Object.values(row)[0]))

beforeAll(async () => {
  sim = await startTestSim()
  client = await sim.client()
  await client.query('CREATE TABLE word (id INTEGER PRIMARY KEY, w VARCHAR(20))')
  await client.query(
    'INSERT INTO word (id, w) VALUES (?, ?), (?, ?), (?, ?), (?, ?), (?, ?), (?, ?)',
    [1, 'Mary', 2, 'mark', 3, 'Tom', 4, '50%off', 5, '5x', 6, null],
  )
})
afterAll(() => sim?.close())

describe('%STARTSWITH (docs/iris-sql.md#startswith)', () => {
  const startsWith = async (sql: string, params: unknown[] = []) =>
    ids(await client.query(`SELECT id FROM word WHERE ${sql} ORDER BY id`, params))

  it('matches a prefix under the column collation: case-insensitive, exact under %EXACT', async () => {
    expect(await startsWith('w %STARTSWITH ?', ['MA'])).toEqual([1, 2])
    expect(await startsWith("%EXACT(w) %STARTSWITH 'Ma'")).toEqual([1])
    expect(await startsWith("NOT w %STARTSWITH 'ma'")).toEqual([3, 4, 5])
    expect(await startsWith("w %STARTSWITH 'M' || 'a' AND id > 1")).toEqual([2])
  })

  it('takes every character of the prefix literally', async () => {
    expect(await startsWith('w %STARTSWITH ?', ['50%'])).toEqual([4])
    expect(await startsWith('w %STARTSWITH ?', ['5%'])).toEqual([])
    expect(await startsWith('w %STARTSWITH ?', ['_a'])).toEqual([])
  })

  it('refuses a prefix ending in a blank, whose meaning depends on the collation', async () => {
    expect(
      sqlcodeOf(await failure(client, 'SELECT id FROM word WHERE w %STARTSWITH ?', ['M '])),
    ).toBe(-1)
  })
})
