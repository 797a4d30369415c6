#!/usr/bin/env node
// Runs Kysely's own node test suite (mocha) against IrisDialect on the sim: the tests Kysely runs
// for postgres, with IrisDialect in the postgres variant's place. A dev measurement (issue 16), not
// part of CI: it needs a Kysely checkout with its devDependencies installed and Kysely built.
//
//   node scripts/kysely-suite.mjs <kysely-checkout> [--out dir] [test-name ...]
//
// It patches the checkout's test sources (EDITS below: small idempotent edits to test-setup.ts and
// to the few files whose setup is otherwise PostgreSQL-only), compiles the node tests, runs each
// test file in its own mocha process (a hung file cannot stop the rest), and writes to --out
// (default: a new directory under the system temp directory): per file the mocha output and a
// JSON-lines log of each test's outcome and the SQL the sim received, and a summary.json with the
// counts (passed, failed, the failures refused at compile time, the files stopped at setup).
// Build the sim and the dialect first
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

/** What a patched test file reads to know it runs under the harness (the harness module's path). */
const IRIS = 'process.env.KYSELY_IRIS_HARNESS'

/**
 * The harness's edits to the checkout's test sources, one per line of the README's list: [file under
 * test/node/src, what to find (every occurrence is edited), what to put there, a text present once
 * the edit is made]. Each keeps the suite's PostgreSQL code and swaps in IRIS's equivalent only
 * where a file's setup would otherwise stop before its tests, or where its tests read what that
 * equivalent returns (docs/iris-sql.md#column-types for the JSON columns).
 */
const EDITS = [
  [
    // The harness's IrisDialect, on a sim, in the postgres variant's place.
    'test-setup.ts',
    'export async function initTest(',
    `const IRIS_HARNESS = ${IRIS}
  ? await import(${IRIS})
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
    'test-setup.ts',
    "    await sql`COMMENT ON COLUMN toy.price IS 'Price in USD';`.execute(db)\n",
    "    if (!IRIS_HARNESS) {\n      await sql`COMMENT ON COLUMN toy.price IS 'Price in USD';`.execute(db)\n    }\n",
    'if (!IRIS_HARNESS) {\n      await sql`COMMENT ON',
  ],
  [
    // IRIS has no RETURNING: the suite's insert helper reads insertId, as it does on MySQL.
    'test-setup.ts',
    "  if (dialect.sqlSpec === 'postgres' || dialect.sqlSpec === 'sqlite') {\n    const { id } = await qb.returning",
    "  if (\n    !IRIS_HARNESS &&\n    (dialect.sqlSpec === 'postgres' || dialect.sqlSpec === 'sqlite')\n  ) {\n    const { id } = await qb.returning",
    '!IRIS_HARNESS &&',
  ],
  [
    // IRIS has no jsonb: the JSON tests' columns hold JSON text ('text', a long varchar), as on SQLite.
    'test-setup.ts',
    "    case 'postgres':\n      return 'jsonb'",
    "    case 'postgres':\n      return IRIS_HARNESS ? 'text' : 'jsonb'",
    "IRIS_HARNESS ? 'text' : 'jsonb'",
  ],
  [
    // IRIS returns that JSON text as a string: the JSON tests parse it, as they do on SQLite.
    'test-setup.ts',
    "  if (dialect.sqlSpec === 'sqlite') {\n    db = db.withPlugin(new ParseJSONResultsPlugin())",
    "  if (dialect.sqlSpec === 'sqlite' || IRIS_HARNESS) {\n    db = db.withPlugin(new ParseJSONResultsPlugin())",
    "dialect.sqlSpec === 'sqlite' || IRIS_HARNESS",
  ],
  [
    // IRIS has no json type: the camel-case table's JSON column is text, as MSSQL's is a varchar.
    'camel-case.test.ts',
    "sqlSpec === 'mssql' ? 'varchar(8000)' : 'json'",
    `sqlSpec === 'mssql' ? 'varchar(8000)' : ${IRIS} ? 'text' : 'json'`,
    `${IRIS} ? 'text' : 'json'`,
  ],
  [
    // ... and its nested-object tests parse what IRIS returns as text, as they do on MSSQL.
    'camel-case.test.ts',
    "if (sqlSpec === 'mssql' || sqlSpec === 'sqlite') {",
    `if (sqlSpec === 'mssql' || sqlSpec === 'sqlite' || ${IRIS}) {`,
    `sqlSpec === 'sqlite' || ${IRIS}`,
  ],
  [
    // IRIS has no jsonb: the JSON helpers' table holds JSON text.
    'json.test.ts',
    ".addColumn('data', 'jsonb')",
    `.addColumn('data', ${IRIS} ? 'text' : 'jsonb')`,
    `${IRIS} ? 'text' : 'jsonb'`,
  ],
  [
    // ... and the helpers' tests parse what IRIS returns as text, as they do on MSSQL and SQLite.
    'json.test.ts',
    "if (sqlSpec === 'mssql' || sqlSpec === 'sqlite') {",
    `if (sqlSpec === 'mssql' || sqlSpec === 'sqlite' || ${IRIS}) {`,
    `sqlSpec === 'sqlite' || ${IRIS}`,
  ],
  [
    // IRIS has no user-defined types (docs/iris-sql.md#column-types): introspect's schema makes no enum ...
    'introspect.test.ts',
    "        await ctx.db.schema\n          .createType('dtype_schema.species')",
    `        if (!${IRIS}) await ctx.db.schema\n          .createType('dtype_schema.species')`,
    `if (!${IRIS}) await ctx.db.schema\n          .createType(`,
  ],
  [
    // ... and drops none,
    'introspect.test.ts',
    "        await ctx.db.schema\n          .dropType('dtype_schema.species')",
    `        if (!${IRIS}) await ctx.db.schema\n          .dropType('dtype_schema.species')`,
    `if (!${IRIS}) await ctx.db.schema\n          .dropType(`,
  ],
  [
    // ... so its pet's species column holds the enum's values as varchar,
    'introspect.test.ts',
    ".addColumn('spcies', sql`dtype_schema.species`)",
    `.addColumn('spcies', ${IRIS} ? 'varchar(4)' : sql\`dtype_schema.species\`)`,
    `${IRIS} ? 'varchar(4)'`,
  ],
  [
    // ... and its partitioned table a plain one: its tests read no partition, and IRIS's
    // partitioning (experimental) is not modelled.
    'introspect.test.ts',
    '.modifyEnd(sql`PARTITION by LIST ("part_column")`)',
    `.modifyEnd(${IRIS} ? sql\`\` : sql\`PARTITION by LIST ("part_column")\`)`,
    `${IRIS} ? sql\`\` : sql\`PARTITION`,
  ],
  [
    // IRIS has no materialized views: schema's create-view cleanup drops none (the dialect refuses it).
    'schema.test.ts',
    "if (sqlSpec === 'postgres') {\n          await ctx.db.schema\n            .dropView('materialized_dogs')",
    `if (sqlSpec === 'postgres' && !${IRIS}) {\n          await ctx.db.schema\n            .dropView('materialized_dogs')`,
    `sqlSpec === 'postgres' && !${IRIS}) {\n          await ctx.db.schema\n            .dropView(`,
  ],
  [
    // An IRIS index belongs to its table: with-schema's create-index cleanup names it.
    'with-schema.test.ts',
    "          .dropIndex('pet_id_index')\n          .ifExists()",
    `          .dropIndex('pet_id_index')\n          .$call((drop) => (${IRIS} ? drop.on('pet') : drop))\n          .ifExists()`,
    `${IRIS} ? drop.on('pet') : drop`,
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

function patchTestSources(checkout) {
  const sources = join(checkout, 'test/node/src')
  if (!existsSync(join(sources, 'test-setup.ts')))
    fail(`${sources}/test-setup.ts not found: is ${checkout} a Kysely checkout?`)
  for (const file of new Set(EDITS.map(([file]) => file))) {
    const path = join(sources, file)
    let text = readFileSync(path, 'utf8')
    for (const [, find, replace, done] of EDITS.filter(([edited]) => edited === file)) {
      if (text.includes(done)) continue
      if (!text.includes(find))
        fail(`${file} has changed: cannot find ${JSON.stringify(find.slice(0, 60))}`)
      text = text.replaceAll(find, replace)
    }
    writeFileSync(path, text)
  }
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options })
  return { code: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` }
}

/** The dialect's errors raised before anything is sent: a construct IRIS lacks, or input it cannot send. */
const REFUSALS = new Set([
  'IrisUnsupportedError',
  'IrisTransactionsUnsupportedError',
  'IrisInputError',
])

/**
 * A file's test outcomes from its log (`refused`: the failures that are such refusals) and its
 * failing hooks from mocha's output. A failing hook is no test of its own: mocha lists it among
 * the failures, in nested suites too. A file whose before hook failed before any test ran stopped
 * at setup.
 */
function fileOutcome(log, output) {
  const counts = { passed: 0, failed: 0, refused: 0, pending: 0 }
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const test = JSON.parse(line)
    counts[test.state] += 1
    if (test.state === 'failed' && REFUSALS.has(test.errorName)) counts.refused += 1
  }
  const hooks = output.match(/^\s+\d+\) "(before|after) (all|each)" hook/gm) ?? []
  const setupFailed = hooks.some((hook) => hook.includes('"before'))
  return {
    ...counts,
    hookFailures: hooks.length,
    stoppedAtSetup: setupFailed && counts.passed + counts.failed === 0,
  }
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
  patchTestSources(checkout)
  const compiled = run(join(checkout, 'node_modules/.bin/tsc'), ['-p', 'test/node'], {
    cwd: checkout,
  })
  if (compiled.code !== 0) fail(`compiling Kysely's node tests failed:\n${compiled.output}`)
  mkdirSync(out, { recursive: true })
  const testDir = join(checkout, 'test/node/dist')
  const files = readdirSync(testDir)
    .filter((name) => name.endsWith('.test.js'))
    .filter((name) => only.length === 0 || only.includes(name.replace(/\.test\.js$/, '')))
  const summary = { passed: 0, failed: 0, refused: 0, pending: 0, stoppedAtSetup: [], files: {} }
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
    const outcome = fileOutcome(log, result.output)
    summary.files[name] = { ...outcome, exitCode: result.code }
    for (const key of ['passed', 'failed', 'refused', 'pending']) summary[key] += outcome[key]
    if (outcome.stoppedAtSetup) summary.stoppedAtSetup.push(name)
    console.log(
      `${name}: ${outcome.passed} passed, ${outcome.failed} failed (${outcome.refused} refused at compile time), ${outcome.hookFailures} hook failures`,
    )
  }
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`)
  console.log(
    `${summary.passed} passed, ${summary.refused} refused at compile time, ${summary.failed - summary.refused} other failures, ${summary.stoppedAtSetup.length} files stopped at setup (${summary.stoppedAtSetup.join(', ')})`,
  )
  console.log(`logs and summary.json in ${out}`)
}

main()
