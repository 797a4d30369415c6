/**
 * A statement PostgreSQL (PGlite) cannot finish because it runs out of JavaScript stack while
 * executing it gets a clear -400; PGlite is broken after that, so the sim then refuses every call at
 * once instead of hanging the process, and still stops (docs/iris-sql.md#simulator-limits). The sim
 * is the test's own: the statement puts it out of service.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { failure, sqlcodeOf } from './profiles.js'

/** 5 000 `%` in a row of `a%`: PostgreSQL's LIKE matcher recurses once per `%`. */
const DEEP_PATTERN = 'a%'.repeat(5_000)

let sim: TestSim
beforeAll(async () => {
  sim = await startTestSim()
})
afterAll(() => sim?.close())

it('fails the statement with -400 naming the cause, then refuses every call at once; the sim still stops', async () => {
  const client = await sim.client()
  await client.query('CREATE TABLE deep_like (id INTEGER PRIMARY KEY, v VARCHAR(20000))')
  await client.query('INSERT INTO deep_like (id, v) VALUES (?, ?)', [1, DEEP_PATTERN])

  const error = await failure(client, 'SELECT id FROM deep_like WHERE v LIKE ?', [DEEP_PATTERN])
  expect(sqlcodeOf(error)).toBe(-400)
  expect(error.message).toMatch(/ran out of JavaScript stack.*restart the simulator/s)

  const other = await sim.client()
  for (const session of [client, other]) {
    const started = Date.now()
    const refused = await failure(session, 'SELECT 1 AS one')
    expect(refused.message).toMatch(/out of service.*restart the simulator/)
    expect(Date.now() - started).toBeLessThan(1_000)
  }
})
