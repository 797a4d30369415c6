#!/usr/bin/env node
// Runs Kysely's own node test suite (mocha) against IrisDialect on the sim: the tests Kysely runs
// for postgres, with IrisDialect in the postgres variant's place. A dev measurement (issue 16), not
// part of CI: it needs a Kysely checkout with its devDependencies installed and Kysely built.
//
//   node scripts/kysely-suite.mjs <kysely-checkout> [--out dir] [test-name ...]
//
// It patches the checkout's test/node/src/test-setup.ts (three small edits, idempotent), compiles
// the node tests, runs each test file in its own mocha process (a hung file cannot stop the rest),
// and writes to --out (default: a new directory under the system temp directory): per file the
// mocha output and a JSON-lines log of each test's outcome and the SQL the sim received, and a
// summary.json with the counts. Build the sim and the dialect first
// (pnpm --filter @kysely-iris/sim --filter kysely-iris run build).
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const harness = join(repo, 'scripts/kysely-suite/harness.mjs')
const FILE_TIMEOUT_MS = 5 * 60 * 1000

/** [what to find, what to put there, a text present once the edit is made]: the harness's hooks into test-setup.ts. */
const EDITS = [
  [
    'export async function initTest(',
    `const IRIS_HARNESS = process.env.KYSELY_IRIS_HARNESS
  ? await import(process.env.KYSELY_IRIS_HARNESS)
  : undefined
if (IRIS_HARNESS) {
  DB_CONFIGS.postgres = {
    ...DB_CONFIGS.postgres,
    dialect: IRIS_HARNESS.irisDialect(Cursor),
  }
}

export async function initTest(`,
    'const IRIS_HARNESS',
  ],
  [
    // IRIS has no COMMENT ON (a comment is %DESCRIPTION): the suite's schema is made without it.
    "    await sql`COMMENT ON COLUMN toy.price IS 'Price in USD';`.execute(db)\n",
    "    if (!IRIS_HARNESS) {\n      await sql`COMMENT ON COLUMN toy.price IS 'Price in USD';`.execute(db)\n    }\n",
    'if (!IRIS_HARNESS) {\n      await sql`COMMENT ON',
  ],
  [
    // IRIS has no RETURNING: the suite's insert helper reads insertId, as it does on MySQL.
    "  if (dialect.sqlSpec === 'postgres' || dialect.sqlSpec === 'sqlite') {\n    const { id } = await qb.returning",
    "  if (\n    !IRIS_HARNESS &&\n    (dialect.sqlSpec === 'postgres' || dialect.sqlSpec === 'sqlite')\n  ) {\n    const { id } = await qb.returning",
    '!IRIS_HARNESS &&',
  ],
]

function fail(message) {
  console.error(message)
  process.exit(2)
}

function parseArgs(argv) {
  const [checkout, ...rest] = argv
  if (!checkout || checkout.startsWith('-'))
    fail('usage: node scripts/kysely-suite.mjs <kysely-checkout> [--out dir] [test-name ...]')
  const outAt = rest.indexOf('--out')
  const out = outAt >= 0 ? rest.splice(outAt, 2)[1] : mkdtempSync(join(tmpdir(), 'kysely-suite-'))
  return { checkout: resolve(checkout), out: resolve(out), only: rest }
}

function patchTestSetup(checkout) {
  const path = join(checkout, 'test/node/src/test-setup.ts')
  if (!existsSync(path)) fail(`${path} not found: is ${checkout} a Kysely checkout?`)
  let text = readFileSync(path, 'utf8')
  for (const [find, replace, done] of EDITS) {
    if (text.includes(done)) continue
    if (!text.includes(find))
      fail(`test-setup.ts has changed: cannot find ${JSON.stringify(find.slice(0, 60))}`)
    text = text.replace(find, replace)
  }
  writeFileSync(path, text)
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options })
  return { code: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` }
}

function main() {
  const { checkout, out, only } = parseArgs(process.argv.slice(2))
  for (const needed of ['dist/index.js', 'node_modules/.bin/mocha', 'node_modules/.bin/tsc'])
    if (!existsSync(join(checkout, needed)))
      fail(
        `${join(checkout, needed)} is missing: install the checkout's devDependencies and build it first`,
      )
  for (const needed of ['packages/dialect/dist/index.js', 'packages/sim/dist/index.js'])
    if (!existsSync(join(repo, needed)))
      fail(`${needed} is missing: build the sim and the dialect first`)
  patchTestSetup(checkout)
  const compiled = run(join(checkout, 'node_modules/.bin/tsc'), ['-p', 'test/node'], {
    cwd: checkout,
  })
  if (compiled.code !== 0) fail(`compiling Kysely's node tests failed:\n${compiled.output}`)
  mkdirSync(out, { recursive: true })
  const testDir = join(checkout, 'test/node/dist')
  const files = readdirSync(testDir)
    .filter((name) => name.endsWith('.test.js'))
    .filter((name) => only.length === 0 || only.includes(name.replace(/\.test\.js$/, '')))
  const summary = { passed: 0, failed: 0, pending: 0, files: {} }
  for (const file of files) {
    const name = file.replace(/\.test\.js$/, '')
    const log = join(out, `${name}.jsonl`)
    writeFileSync(log, '')
    const result = run(
      join(checkout, 'node_modules/.bin/mocha'),
      ['--exit', '--timeout', '15000', join(testDir, file)],
      {
        cwd: checkout,
        timeout: FILE_TIMEOUT_MS,
        env: {
          ...process.env,
          DIALECTS: 'postgres',
          KYSELY_IRIS_REPO: repo,
          KYSELY_IRIS_HARNESS: harness,
          KYSELY_IRIS_LOG: log,
        },
      },
    )
    writeFileSync(join(out, `${name}.out`), result.output)
    const counts = { passed: 0, failed: 0, pending: 0 }
    for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean))
      counts[JSON.parse(line).state] += 1
    // A failing before/after hook is no test of its own: mocha's closing lines count it.
    const hookFailures = (
      result.output.match(/^\s+\d+\) .*\n\s+"(before|after) (all|each)" hook/gm) ?? []
    ).length
    summary.files[name] = { ...counts, hookFailures, exitCode: result.code }
    for (const key of ['passed', 'failed', 'pending']) summary[key] += counts[key]
    console.log(
      `${name}: ${counts.passed} passed, ${counts.failed} failed, ${hookFailures} hook failures`,
    )
  }
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`)
  console.log(`${summary.passed} passed, ${summary.failed} failed`)
  console.log(`logs and summary.json in ${out}`)
}

main()
