import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { IrisConfigError } from 'kysely-iris'
import type { IrisCodegenOptions } from './settings.js'

/**
 * Looked up in the working directory, in this order; at most one may exist. Not cosmiconfig: its
 * `.ts` loader needs the user's `typescript` compiler API (none in TypeScript 7), and it takes
 * the first of many names silently (see the README, "Config file").
 */
export const CONFIG_FILE_NAMES = [
  'iris-codegen.config.json',
  'iris-codegen.config.js',
  'iris-codegen.config.mjs',
  'iris-codegen.config.ts',
] as const
/** The `package.json` key that may hold the options instead. */
export const PACKAGE_JSON_KEY = 'iris-codegen'

export interface LoadedConfig {
  readonly options: IrisCodegenOptions
  /** Where they came from, or null when there is no config. */
  readonly source: string | null
}

/**
 * Reads the options of `iris-codegen.config.{json,js,mjs,ts}` (a JS/TS file default-exports them)
 * or of the `"iris-codegen"` key of `package.json`. `explicitPath` (`--config`) skips the lookup.
 */
export async function loadConfig(cwd: string, explicitPath?: string): Promise<LoadedConfig> {
  if (explicitPath !== undefined) {
    const path = resolve(cwd, explicitPath)
    if (!existsSync(path)) fail(`config file ${explicitPath} does not exist`)
    return { options: await readConfigFile(path, cwd), source: path }
  }
  const found = CONFIG_FILE_NAMES.map((name) => join(cwd, name)).filter((path) => existsSync(path))
  if (found.length > 1) fail(`found ${found.map((p) => basename(p)).join(' and ')}; keep one`)
  const [path] = found
  if (path !== undefined) return { options: await readConfigFile(path, cwd), source: path }
  const packageJson = join(cwd, 'package.json')
  if (existsSync(packageJson)) {
    const options = (parseJson(packageJson) as Record<string, unknown>)[PACKAGE_JSON_KEY]
    if (options !== undefined) {
      return {
        options: checkObject(options, `package.json "${PACKAGE_JSON_KEY}"`),
        source: packageJson,
      }
    }
  }
  return { options: {}, source: null }
}

async function readConfigFile(path: string, cwd: string): Promise<IrisCodegenOptions> {
  if (path.endsWith('.json')) return checkObject(parseJson(path), basename(path))
  const module = (await importConfig(path, cwd)) as { default?: unknown }
  return checkObject(module.default, `the default export of ${basename(path)}`)
}

/**
 * Node 20 cannot import `.ts`; then the project's own `tsx` (if installed) loads it. Newer Node
 * versions strip types natively and take the first path.
 */
async function importConfig(path: string, cwd: string): Promise<unknown> {
  const url = pathToFileURL(path).href
  try {
    return await import(url)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') {
      fail(`cannot load ${basename(path)}: ${(error as Error).message.split('\n')[0]}`)
    }
  }
  const tsxApi = resolveTsxApi(cwd)
  if (tsxApi === undefined) {
    return fail(
      `${basename(path)} needs a TypeScript loader on this Node version: install tsx in the project (npm i -D tsx), or use iris-codegen.config.json / .js`,
    )
  }
  const { tsImport } = (await import(pathToFileURL(tsxApi).href)) as {
    tsImport: (specifier: string, parentURL: string) => Promise<unknown>
  }
  return tsImport(url, import.meta.url)
}

/** The ESM entry of the project's `tsx/esm/api` (createRequire alone would pick the CJS one). */
function resolveTsxApi(cwd: string): string | undefined {
  try {
    const packageJson = createRequire(join(cwd, 'package.json')).resolve('tsx/package.json')
    const exports = (
      parseJson(packageJson) as { exports?: Record<string, { import?: { default?: string } }> }
    ).exports
    const entry = exports?.['./esm/api']?.import?.default
    return entry === undefined ? undefined : join(dirname(packageJson), entry)
  } catch {
    return undefined
  }
}

function parseJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return fail(`${basename(path)} is not valid JSON: ${(error as Error).message}`)
  }
}

function checkObject(value: unknown, what: string): IrisCodegenOptions {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail(`${what} must be an object of options`)
  return value as IrisCodegenOptions
}

function fail(message: string): never {
  throw new IrisConfigError(`Invalid iris-codegen config: ${message}.`)
}
