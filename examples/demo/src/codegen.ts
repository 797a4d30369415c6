import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The demo package's folder: iris-codegen runs there, so it finds `iris-codegen.config.json`. */
const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url))
/** The committed types the demo's queries compile against. */
export const COMMITTED_TYPES = fileURLToPath(new URL('./db.d.ts', import.meta.url))
const CLI = fileURLToPath(
  new URL('../node_modules/kysely-iris-codegen/bin/iris-codegen.js', import.meta.url),
)

export interface CodegenResult {
  /** Where the freshly generated file was written. */
  readonly file: string
  /** The interfaces it declares, e.g. `Author`, `DB`. */
  readonly interfaces: string[]
  readonly lines: number
}

/** Runs the `iris-codegen` CLI as a user would; rejects with its stderr when it exits non-zero. */
async function iriscodegen(args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [CLI, ...args], { cwd: DEMO_DIR })
    return stdout
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string }
    throw new Error(
      `iris-codegen ${args.join(' ')} failed:\n${stderr || stdout || String(error)}`,
      {
        cause: error,
      },
    )
  }
}

/** Generates the live schema's types into `out`. */
export async function generateTypes(url: string, out: string): Promise<CodegenResult> {
  await iriscodegen(['--url', url, '--out', out])
  const text = await readFile(out, 'utf8')
  return {
    file: out,
    interfaces: [...text.matchAll(/^export interface (\w+)/gm)].map((match) => match[1] as string),
    lines: text.split('\n').length,
  }
}

/** Generates into a temporary folder, to show what codegen writes without touching src/. */
export async function generateTypesToTemp(url: string): Promise<CodegenResult & { text: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'iris-demo-codegen-'))
  try {
    const result = await generateTypes(url, join(dir, 'db.d.ts'))
    return { ...result, text: await readFile(result.file, 'utf8') }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * `iris-codegen --verify` against the committed `src/db.d.ts`: true when it is current. When it
 * is stale, the error carries codegen's diff.
 */
export async function verifyCommittedTypes(url: string): Promise<void> {
  await iriscodegen(['--url', url, '--out', COMMITTED_TYPES, '--verify'])
}
