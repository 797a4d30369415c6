// Loaded by a Kysely checkout's test/node/src/test-setup.ts (patched by ../kysely-suite.mjs): starts
// a sim on a free port and hands the suite an IrisDialect for its postgres variant. After each test
// it appends the test's outcome and the statements the sim received to KYSELY_IRIS_LOG (JSON lines),
// so that a passing test's SQL can be checked against docs/iris-sql.md too.
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const repo = process.env.KYSELY_IRIS_REPO
const load = (path) => import(pathToFileURL(join(repo, path)).href)
const { IrisDialect } = await load('packages/dialect/dist/index.js')
const { startSim } = await load('packages/sim/dist/index.js')

const sim = await startSim({ port: 0 })
const logPath = process.env.KYSELY_IRIS_LOG

/**
 * The suite's pool size is 20; insertId stands in for the RETURNING the suite's helpers use on
 * postgres. The sim's `iris` profile gives each connection its own IRIS session, which the
 * dialect's probe cannot tell (docs/iris-sql.md#the-session-probe).
 */
export function irisDialect(cursor) {
  return new IrisDialect({
    connectionString: sim.url,
    maxConnections: 20,
    insertId: true,
    cursor,
    sessionModel: 'per-connection',
  })
}

globalThis.afterEach?.(function recordTest() {
  const test = this.currentTest
  const statements = sim.queryLog.entries.splice(0).map((entry) => entry.sql)
  if (!logPath || !test) return
  const line = {
    title: test.fullTitle(),
    file: test.file,
    state: test.state ?? 'pending',
    error: test.err ? String(test.err.message ?? test.err).slice(0, 2000) : undefined,
    errorName: test.err?.name,
    sql: statements,
  }
  appendFileSync(logPath, `${JSON.stringify(line)}\n`)
})
