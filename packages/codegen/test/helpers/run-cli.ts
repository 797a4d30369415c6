import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The built CLI, run as a user runs it: `node packages/codegen/dist/cli.js`. */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the CLI in a child process without IRIS_URL / DATABASE_URL from the test's environment.
 * Asynchronous on purpose: a sim started by the same test process must keep serving meanwhile.
 */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  if (!existsSync(CLI_PATH)) {
    throw new Error(
      `${CLI_PATH} is missing: build first (cd packages/codegen && npx tsc -p tsconfig.build.json)`,
    )
  }
  const { IRIS_URL: _iris, DATABASE_URL: _database, ...env } = process.env
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...env, NO_COLOR: '1', ...options.env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The lines of an error report: exactly one, and no stack frame. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '')
}
