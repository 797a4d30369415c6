import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The demo package's folder, where a user would run `iris-codegen` from. */
const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url))
/** The committed types the demo's queries (and the web app's) compile against. */
export const COMMITTED_TYPES = fileURLToPath(new URL('./db.d.ts', import.meta.url))
/** The `iris-codegen` bin of the demo's `kysely-iris-codegen` dev dependency. */
const CLI = fileURLToPath(
  new URL('../node_modules/kysely-iris-codegen/bin/iris-codegen.js', import.meta.url),
)

export interface GeneratedTypes {
  readonly text: string
  /** The interfaces it declares, e.g. `Author`, `DB`. */
  readonly interfaces: string[]
  readonly lines: number
}

/** Runs the `iris-codegen` CLI as a child process; rejects with its stderr when it exits non-zero. */
async function runIrisCodegen(args: readonly string[]): Promise<void> {
  try {
    await run(process.execPath, [CLI, ...args], { cwd: DEMO_DIR })
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string }
    const output = stderr || stdout || String(error)
    throw new Error(`iris-codegen ${args.join(' ')} failed:\n${output}`, { cause: error })
  }
}

/** `iris-codegen --out <file>`: writes the live schema's types. */
export async function writeTypes(url: string, out: string): Promise<void> {
  await runIrisCodegen(['--url', url, '--out', out])
}

/** Generates into a temporary folder, to show what codegen writes without touching src/. */
export async function generateTypes(url: string): Promise<GeneratedTypes> {
  const dir = await mkdtemp(join(tmpdir(), 'iris-demo-codegen-'))
  try {
    const file = join(dir, 'db.d.ts')
    await writeTypes(url, file)
    const text = await readFile(file, 'utf8')
    return {
      text,
      interfaces: [...text.matchAll(/^export interface (\w+)/gm)].map(
        (match) => match[1] as string,
      ),
      lines: text.split('\n').length,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * `iris-codegen --verify` against the committed `src/db.d.ts`: resolves when the file matches the
 * live schema; rejects with codegen's diff when it is stale.
 */
export async function verifyCommittedTypes(url: string): Promise<void> {
  await runIrisCodegen(['--url', url, '--out', COMMITTED_TYPES, '--verify'])
}
