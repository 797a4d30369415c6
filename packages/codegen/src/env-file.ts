import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'
import { IrisConfigError } from 'kysely-iris'

/**
 * Loads a dotenv file into `env`. Variables already set win, as with dotenv, so a CI secret is
 * never replaced by a committed file.
 */
export function loadEnvFile(path: unknown, env: NodeJS.ProcessEnv = process.env): void {
  if (typeof path !== 'string' || path === '') {
    throw new IrisConfigError('Invalid iris-codegen option: "envFile" must be a file path.')
  }
  let content: string
  try {
    content = readFileSync(path, 'utf8')
  } catch (error) {
    throw new IrisConfigError(
      `Invalid iris-codegen option: cannot read env file ${path} (${(error as NodeJS.ErrnoException).code ?? error}).`,
      { cause: error },
    )
  }
  for (const [name, value] of Object.entries(parseEnv(content))) {
    if (env[name] === undefined && value !== undefined) env[name] = value
  }
}
