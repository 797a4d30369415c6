import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { DEMO_SCHEMA, DEMO_TABLES } from './demo-schema.js'

const run = promisify(execFile)

/** The demo package's folder, where a user would run `iris-codegen` from. */
const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url))
/** The committed types the demo's queries (and the web app's) compile against. */
export const COMMITTED_TYPES = fileURLToPath(new URL('./db.d.ts', import.meta.url))
/** The `iris-codegen` bin of the demo's `kysely-iris-codegen` dev dependency. */
const CLI = fileURLToPath(
  new URL('../node_modules/kysely-iris-codegen/bin/iris-codegen.js', import.meta.url),
)
/**
 * Only the demo's own tables (a micromatch glob, case-insensitive): a schema shared with other
 * tables (`--allow-other-tables`) must never bring them into `src/db.d.ts`.
 */
const DEMO_TABLES_PATTERN = `{${DEMO_TABLES.join(',')}}`

export interface GeneratedTypes {
  readonly text: string
  /** The interfaces it declares, e.g. `KYSELYIRISDEMOAUTHOR`, `DB`. */
  readonly interfaces: string[]
  readonly lines: number
}

/** `iris-codegen` exited non-zero; `stderr` is what it printed. */
class IrisCodegenFailure extends Error {
  override name = 'IrisCodegenFailure'
  constructor(
    args: readonly string[],
    readonly stderr: string,
    options: ErrorOptions,
  ) {
    super(`iris-codegen ${args.join(' ')} failed:\n${stderr}`, options)
  }
}

/** Runs the `iris-codegen` CLI as a child process on the demo's tables in `schema`. */
async function runIrisCodegen(url: string, schema: string, args: readonly string[]): Promise<void> {
  const all = ['--url', url, '--schema', schema, '--include-pattern', DEMO_TABLES_PATTERN, ...args]
  try {
    await run(process.execPath, [CLI, ...all], { cwd: DEMO_DIR })
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string }
    throw new IrisCodegenFailure(all, stderr || stdout || String(error), { cause: error })
  }
}

/** Generates into a temporary folder, to show what codegen writes without touching src/. */
export async function generateTypes(url: string, schema: string): Promise<GeneratedTypes> {
  return inTemporaryFolder(async (dir) => {
    const file = join(dir, 'db.d.ts')
    await runIrisCodegen(url, schema, ['--out', file])
    const text = await readFile(file, 'utf8')
    return {
      text,
      interfaces: [...text.matchAll(/^export interface (\w+)/gm)].map(
        (match) => match[1] as string,
      ),
      lines: text.split('\n').length,
    }
  })
}

/**
 * `--update-types`: rewrites `src/db.d.ts` with the demo's tables as iris-codegen reads them in
 * `schema`, written as if they were in {@link DEMO_SCHEMA}, the schema the committed file names.
 */
export async function updateCommittedTypes(url: string, schema: string): Promise<void> {
  const { text } = await generateTypes(url, schema)
  await writeFile(COMMITTED_TYPES, renameSchema(text, schema, DEMO_SCHEMA))
}

/**
 * `iris-codegen --verify` against the committed `src/db.d.ts`: resolves when the file matches the
 * demo's tables in `schema`; rejects with codegen's diff when it is stale. iris-codegen writes the
 * schema's name into the file, so in another schema than {@link DEMO_SCHEMA} it verifies a copy
 * renamed to that schema. The rejection never advises running iris-codegen on the server: that
 * would write whatever the server holds into the committed file.
 */
export async function verifyCommittedTypes(url: string, schema: string): Promise<void> {
  try {
    if (schema === DEMO_SCHEMA) {
      await runIrisCodegen(url, schema, ['--out', COMMITTED_TYPES, '--verify'])
      return
    }
    const committed = await readFile(COMMITTED_TYPES, 'utf8')
    await inTemporaryFolder(async (dir) => {
      const renamed = join(dir, 'db.d.ts')
      await writeFile(renamed, renameSchema(committed, DEMO_SCHEMA, schema))
      await runIrisCodegen(url, schema, ['--out', renamed, '--verify'])
    })
  } catch (error) {
    const diff = error instanceof IrisCodegenFailure ? diffOf(error.stderr) : ''
    if (diff === '') throw error
    throw new Error(
      `src/db.d.ts does not match the demo's tables in schema ${schema} (iris-codegen --verify):\n` +
        `${diff}\nsrc/db.d.ts holds the types of the demo's own migrations. If you changed them, ` +
        "rewrite it on the embedded sim (IRIS_URL unset), whose schema holds the demo's tables alone: " +
        'pnpm demo --fresh --update-types',
      { cause: error },
    )
  }
}

/** The diff iris-codegen prints before its one-line message (`iris-codegen: ...`), if any. */
function diffOf(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('iris-codegen: '))
    .join('\n')
    .trim()
}

/**
 * iris-codegen's output for the same tables in schema `to` instead of `from`: it names a table of
 * a schema other than SQLUser `SCHEMA.TABLE` (its JSDoc and its `DB` key) and its interface
 * `SCHEMATABLE` (kysely-codegen's PascalCase of `SCHEMA_TABLE`, which for the upper-case names
 * `--schema` allows is the name without underscores).
 */
function renameSchema(text: string, from: string, to: string): string {
  const interfacePrefix = (schema: string) => schema.replaceAll('_', '')
  return text
    .replace(new RegExp(`\\b${from}\\.`, 'g'), `${to}.`)
    .replace(new RegExp(`\\b${interfacePrefix(from)}(?=[A-Z])`, 'g'), interfacePrefix(to))
}

async function inTemporaryFolder<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'iris-demo-codegen-'))
  try {
    return await use(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
