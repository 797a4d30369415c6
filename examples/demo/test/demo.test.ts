import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Sim, startSim } from '@kysely-iris/sim'
import { describeTargets, type StartedTarget, startTarget } from '@kysely-iris/sim/testing'
import { Kysely, sql } from 'kysely'
import { IrisDialect } from 'kysely-iris'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyCommittedTypes } from '../src/codegen.js'
import { AUTHORS, generateDocuments, TOPICS } from '../src/corpus.js'
import { DEMO_SCHEMA } from '../src/demo-schema.js'
import { embeddingText } from '../src/document-row.js'
import { embed } from '../src/embed.js'
import { migrateToLatest } from '../src/migrations/index.js'
import { parseDemoOptions, USAGE } from '../src/options.js'
import { UPSERTS } from '../src/queries/upsert.js'
import { SEARCH_TEXT, TOP_K } from '../src/queries/vector-search.js'
import { DOCUMENT_COUNT } from '../src/seed.js'

const run = promisify(execFile)

/** The real iris-pgwire 1.0.1 on one of its backends (docs/iris-sql.md#iris-pgwire-backends). */
type PgwireTarget = 'iris-pgwire-dbapi' | 'iris-pgwire-embedded'
const PGWIRE_TARGETS: readonly PgwireTarget[] = ['iris-pgwire-dbapi', 'iris-pgwire-embedded']
const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url))
const TSX = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url))

interface Facts {
  authors: number
  documents: number
  tags: number
  documentTags: number
  transaction: 'committed' | 'refused'
  documentsAfterSavepointRollback: number
  topK: string[]
  topKScores: number[]
  uniqueViolation: string
}

interface DemoRun {
  stdout: string
  stderr: string
  exitCode: number
  facts: Facts
}

interface DemoExit {
  stdout: string
  stderr: string
  exitCode: number
}

/**
 * Runs the demo's `demo` script (`tsx src/main.ts`) as a child process, as `pnpm demo` does: on
 * its embedded sim, or on the server at `irisUrl`; resolves however it exits.
 */
async function runDemoProcess(args: string[], irisUrl?: string): Promise<DemoExit> {
  const { IRIS_URL: _userServer, ...env } = process.env
  if (irisUrl !== undefined) env.IRIS_URL = irisUrl
  try {
    const { stdout, stderr } = await run(process.execPath, [TSX, 'src/main.ts', ...args], {
      cwd: DEMO_DIR,
      env,
      timeout: 240_000,
      maxBuffer: 16 * 1024 * 1024,
    })
    return { stdout, stderr, exitCode: 0 }
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number }
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', exitCode: failed.code ?? -1 }
  }
}

/** {@link runDemoProcess}, which must exit 0 with its facts line. */
async function runDemo(args: string[], irisUrl?: string): Promise<DemoRun> {
  const result = await runDemoProcess(args, irisUrl)
  const factsLine = result.stdout.split('\n').find((line) => line.startsWith('facts: '))
  if (result.exitCode !== 0 || factsLine === undefined) {
    throw new Error(`demo exited ${result.exitCode}\n${result.stdout}\n${result.stderr}`)
  }
  return { ...result, facts: JSON.parse(factsLine.slice('facts: '.length)) as Facts }
}

/** The documents the store should hold after a run: the seed, with the demo's upserts applied. */
function expectedDocuments(): { slug: string; title: string; body: string }[] {
  const bySlug = new Map(
    generateDocuments(DOCUMENT_COUNT).map((d) => [
      d.slug,
      d as { slug: string; title: string; body: string },
    ]),
  )
  for (const upsert of UPSERTS) bySlug.set(upsert.slug, upsert)
  return [...bySlug.values()]
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0)
  return dot // both are unit vectors
}

/** The run's top-k is the brute-force top-k over the expected documents. */
function expectBruteForceTopK(facts: Facts): void {
  const query = embed(SEARCH_TEXT)
  const scored = expectedDocuments()
    .map((d) => ({ slug: d.slug, score: cosine(query, embed(embeddingText(d))) }))
    .sort((a, b) => b.score - a.score)
  const expectedScores = scored.slice(0, TOP_K).map((hit) => hit.score)
  const scoreOf = new Map(scored.map((hit) => [hit.slug, hit.score]))

  expect(facts.topK).toHaveLength(TOP_K)
  // FLOAT vectors are single precision (docs/iris-sql.md#the-vector-type): scores agree to about
  // 1e-6. Comparing scores rather than the slug list keeps the check exact even when two
  // documents tie.
  facts.topKScores.forEach((score, i) => {
    expect(score).toBeCloseTo(expectedScores[i] as number, 5)
    expect(scoreOf.get(facts.topK[i] as string)).toBeCloseTo(score, 5)
  })
}

/** The facts of a fresh run: the seed, the upserts, the duplicate slug refused. */
function expectFreshStore(run: DemoRun): void {
  const documents = generateDocuments(DOCUMENT_COUNT)
  const newUpserts = UPSERTS.filter((u) => !documents.some((d) => d.slug === u.slug)).length
  expect(run.facts).toMatchObject({
    authors: AUTHORS.length,
    tags: Object.keys(TOPICS).length,
    documents: DOCUMENT_COUNT + newUpserts,
    documentTags: documents.reduce((sum, d) => sum + d.tags.length, 0),
    uniqueViolation: 'IrisUniqueViolationError',
  })
  expect(run.stdout).toMatch(/inserted 5 authors, 2000 documents/)
  expect(run.stdout).toMatch(/doc-00001\s+updated/)
  expect(run.stdout).toMatch(/release-notes\s+inserted/)
}

/** Every step header, each with its timing, and no failure. */
function expectEveryStep(run: DemoRun): void {
  for (let step = 1; step <= 10; step++) {
    expect(run.stdout).toMatch(new RegExp(`^\\[${step}/10\\] .* \\d+ ms$`, 'm'))
  }
  expect(run.stdout).not.toContain('FAILED')
  expect(run.exitCode).toBe(0)
}

describe('pnpm demo (tsx src/main.ts) against the embedded sim', () => {
  let dataDir: string
  let first: DemoRun
  let second: DemoRun

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'iris-demo-test-'))
    first = await runDemo(['--fresh', '--data-dir', dataDir])
    // The second run also puts the sim behind its model of iris-pgwire 1.0.1's embedded backend,
    // and makes it IRIS 2024.1, which has no LIMIT (docs/iris-sql.md#vid-paging, docs/iris-sql.md#simulator-profiles): the same
    // queries must show the same facts through them.
    second = await runDemo([
      '--data-dir',
      dataDir,
      '--profile',
      'pgwire-1.0-embedded',
      '--iris-version',
      '2024.1',
    ])
  }, 480_000)

  afterAll(async () => {
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
  })

  it('exits 0 and prints every step with a timing', () => {
    expectEveryStep(first)
    expectEveryStep(second)
  })

  it('seeds the store on a fresh run, in one transaction, and the upsert inserts one document', () => {
    expectFreshStore(first)
    expect(first.stdout).toMatch(
      /documents\/s, in one transaction; the documents went in \d+ INSERT/,
    )
  })

  it('leaves the document count unchanged after rolling back to the savepoint', () => {
    expect(first.facts.transaction).toBe('committed')
    expect(first.facts.documentsAfterSavepointRollback).toBe(first.facts.documents)
    const inside = new RegExp(
      `after inserting 25 drafts past the savepoint\\s+${first.facts.documents + 25}`,
    )
    expect(first.stdout).toMatch(inside)
  })

  it('finds the same top-k as a brute-force cosine over the expected documents', () => {
    expectBruteForceTopK(first.facts)
  })

  it('runs again on the same data directory, under profile pgwire-1.0-embedded and IRIS 2024.1, and says what it found', () => {
    expect(second.stdout).toContain('embedded sim (profile pgwire-1.0-embedded, IRIS 2024.1)')
    // The page is read with TOP and %VID instead of LIMIT/OFFSET (docs/iris-sql.md#vid-paging).
    expect(first.stdout).toMatch(/limit \$\d+ offset \$\d+/)
    expect(second.stdout).toContain('%VID between')
    expect(second.stdout).not.toMatch(/\blimit \$/)
    expect(second.stdout).toContain('migrations up to date')
    expect(second.stdout).toContain(
      `found existing data: ${first.facts.authors} authors, ${first.facts.documents} documents`,
    )
    expect(second.stdout).toMatch(/doc-00001\s+updated/)
    expect(second.stdout).toMatch(/release-notes\s+updated/)
    expect(second.facts).toEqual(first.facts)
  })

  it('verifies the committed src/db.d.ts with iris-codegen --verify', () => {
    expect(first.stdout).toContain('iris-codegen --verify: src/db.d.ts')
    expect(first.stdout).toContain('is current')
  })
})

/**
 * A resolve hook that fails on the workspace packages the demo imports, whose dist needs a build:
 * `--help` must answer without loading them.
 */
const BLOCK_BUILT_PACKAGES = `data:text/javascript,${encodeURIComponent(`
  export async function resolve(specifier, context, next) {
    if (/^(@kysely-iris\\/sim|kysely-iris|kysely-iris-codegen)(\\/|$)/.test(specifier))
      throw new Error('--help loaded ' + specifier)
    return next(specifier, context)
  }`)}`
const REGISTER_BLOCK = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(BLOCK_BUILT_PACKAGES)})`,
)}`

describe('pnpm demo --help and --schema', () => {
  it('answers --help from its entry, without loading the packages that need a build', async () => {
    const { stdout } = await run(process.execPath, [TSX, 'src/main.ts', '--help'], {
      cwd: DEMO_DIR,
      env: { ...process.env, NODE_OPTIONS: `--import=${REGISTER_BLOCK}` },
    })
    expect(stdout.trim()).toBe(USAGE)
  })

  it('runs in its own schema by default; --schema names another, upper-cased', () => {
    expect(parseDemoOptions([], {}).schema).toBe(DEMO_SCHEMA)
    expect(parseDemoOptions(['--schema', 'my_demo2'], {}).schema).toBe('MY_DEMO2')
  })

  it("refuses IRIS's default schema, system schemas and names that need quoting", () => {
    expect(() => parseDemoOptions(['--schema', 'SQLUser'], {})).toThrow(/default schema SQLUser/)
    expect(() => parseDemoOptions(['--schema', 'public'], {})).toThrow(/default schema SQLUser/)
    expect(() => parseDemoOptions(['--schema', 'Ensemble'], {})).toThrow(/system schemas/)
    for (const name of ['my-demo', 'a__b', '_x', 'straße']) {
      expect(() => parseDemoOptions(['--schema', name], {})).toThrow(/not a plain schema name/)
    }
  })
})

describe('pnpm demo beside tables that are not its own', () => {
  let sim: Sim
  let db: Kysely<unknown>
  /** The demo run in the schema holding them: started first, awaited by the last test. */
  let refused: Promise<DemoExit>

  beforeAll(async () => {
    sim = await startSim({ port: 0 })
    db = new Kysely({ dialect: new IrisDialect({ connectionString: sim.url }) })
    // A user's table, and a user's AUTHOR that the demo's migrations did not create.
    for (const table of ['CUSTOMER', 'AUTHOR']) {
      await sql`create table ${sql.table(`${DEMO_SCHEMA}.${table}`)} (id integer)`.execute(db)
    }
    refused = runDemoProcess([], sim.url)
  }, 60_000)

  afterAll(async () => {
    await refused
    await db?.destroy()
    await sim?.stop()
  })

  it('migrates into another schema, where iris-codegen --verify finds src/db.d.ts current', async () => {
    await migrateToLatest(db, 'OTHER_DEMO')
    await expect(verifyCommittedTypes(sim.url, 'OTHER_DEMO')).resolves.toBeUndefined()
  })

  it("fails --verify with codegen's diff, never advising to write the server's tables", async () => {
    await sql`alter table ${sql.table('OTHER_DEMO.TAG')} add column ${sql.ref('note')} varchar(20)`.execute(
      db,
    )
    const error = (await verifyCommittedTypes(sim.url, 'OTHER_DEMO').catch((e) => e)) as Error
    expect(error.message).toContain(
      "src/db.d.ts does not match the demo's tables in schema OTHER_DEMO",
    )
    expect(error.message).toMatch(/^\+\s+note: string \| null;$/m)
    expect(error.message).toContain('pnpm demo --fresh --update-types')
    expect(error.message).not.toMatch(/without --verify|iris-codegen --url/)
  })

  it('refuses to run in a schema holding them, naming them, before writing anything', async () => {
    const { exitCode, stderr } = await refused
    expect(exitCode).toBe(1)
    expect(stderr).toContain(
      `ForeignTablesError: schema ${DEMO_SCHEMA} already holds tables the demo did not create: AUTHOR, CUSTOMER. Nothing was written.`,
    )
    expect(stderr).toContain('--schema <name>')
    expect(stderr).toContain('--allow-other-tables')
    const tables = await db.introspection.getTables({ withInternalKyselyTables: true })
    expect(tables.filter((table) => table.schema === DEMO_SCHEMA).map((t) => t.name)).toEqual([
      'AUTHOR',
      'CUSTOMER',
    ])
  })
})

/**
 * What becomes of the demo's transactions behind each iris-pgwire backend
 * (docs/iris-sql.md#iris-pgwire-transactions): the embedded one runs them in IRIS; the external one
 * answers them itself and autocommits, so kysely-iris refuses them before anything is written.
 */
const TRANSACTION: Record<PgwireTarget, Facts['transaction']> = {
  'iris-pgwire-embedded': 'committed',
  'iris-pgwire-dbapi': 'refused',
}

/** One fresh run with IRIS_URL at the real iris-pgwire, as a user of it runs the demo. */
describeTargets(
  describe,
  'pnpm demo with IRIS_URL at the real iris-pgwire',
  (target) => {
    let server: StartedTarget
    let run: DemoRun

    beforeAll(async () => {
      server = await startTarget(target)
      run = await runDemo([], server.url)
    }, 240_000)

    afterAll(async () => {
      await server?.stop()
    })

    it('exits 0 with every step, the seeded store, and the top-k of the sim', () => {
      expectEveryStep(run)
      expect(run.stdout).toContain('IRIS at postgres://_SYSTEM:***@')
      expectFreshStore(run)
      expect(run.facts.documentsAfterSavepointRollback).toBe(run.facts.documents)
      expectBruteForceTopK(run.facts)
    })

    it('verifies the committed src/db.d.ts through iris-pgwire', () => {
      expect(run.stdout).toContain('iris-codegen --verify: src/db.d.ts')
      expect(run.stdout).toContain('is current')
    })

    it('runs the seed and the savepoint in transactions only where the backend honours them', () => {
      expect(run.facts.transaction).toBe(TRANSACTION[target])
      if (TRANSACTION[target] === 'committed') {
        expect(run.stdout).toMatch(/documents\/s, in one transaction/)
        expect(run.stdout).toMatch(
          new RegExp(`after inserting 25 drafts past the savepoint\\s+${run.facts.documents + 25}`),
        )
      } else {
        expect(run.stdout).toMatch(/documents\/s, without a transaction \(kysely-iris refused one/)
        expect(run.stdout).toMatch(/caught\s+IrisTransactionsUnsupportedError/)
        expect(run.stdout).not.toContain('drafts past the savepoint')
      }
    })
  },
  PGWIRE_TARGETS,
)
