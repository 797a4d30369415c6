import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { Kysely, sql } from 'kysely'
import { IrisConfigError, IrisConnectionError, redactConnectionString } from 'kysely-iris'
import { loadEnvFile } from './env-file.js'
import { IrisCodegenError } from './errors.js'
import { IrisIntrospector } from './iris-introspector.js'
import { DiffChecker } from './kysely-codegen.js'
import { CodegenLogger } from './logger.js'
import { serializeIrisTables } from './serialize.js'
import { type IrisCodegenOptions, type IrisCodegenSettings, resolveSettings } from './settings.js'

export interface GenerateIrisTypesOptions extends IrisCodegenOptions {
  /** A Kysely instance over IrisDialect to read from, instead of connecting to `url`. Not closed. */
  // biome-ignore lint/suspicious/noExplicitAny: any Kysely<DB> is accepted; only introspection is used.
  db?: Kysely<any>
  /** Where progress and warnings go. Default: stderr, at `logLevel`. */
  logger?: CodegenLogger
}

export interface GenerateIrisTypesResult {
  /** The generated TypeScript. */
  output: string
  tableCount: number
  /** `written` to `outFile`, `printed` to stdout, or `up-to-date` (verify passed). */
  status: 'written' | 'printed' | 'up-to-date'
  /** Absolute path of the output file, or null with `print`. */
  outFile: string | null
}

/** Generation time limit for reaching the server, so an unreachable host fails instead of hanging. */
const CONNECTION_TIMEOUT_MILLIS = 10_000

/**
 * Reads an IRIS schema and writes (or prints, or verifies) its Kysely types. Throws
 * IrisConfigError for bad options, IrisConnectionError when the server cannot be reached and
 * IrisCodegenError when no table matched, the file is stale (`verify`) or cannot be written.
 */
export async function generateIrisTypes(
  options: GenerateIrisTypesOptions = {},
): Promise<GenerateIrisTypesResult> {
  const { db: givenDb, logger: givenLogger, ...codegenOptions } = options
  // The env file comes first: it may hold IRIS_URL.
  if (codegenOptions.envFile !== undefined) loadEnvFile(codegenOptions.envFile)
  const settings = resolveSettings(codegenOptions)
  const logger = givenLogger ?? new CodegenLogger(settings.logLevel)
  const db = givenDb ?? (await connect(settings.url))
  try {
    const introspector = new IrisIntrospector({ schemas: settings.schemas, logger })
    const tables = await introspector.introspectTables({
      db,
      includePattern: settings.includePattern,
      excludePattern: settings.excludePattern,
    })
    if (tables.length === 0)
      throw new IrisCodegenError('no-tables', `No table matched ${selectionOf(settings)}.`)
    logger.debug(`Tables: ${tables.map((table) => `${table.schema}.${table.name}`).join(', ')}`)
    const output = serializeIrisTables(tables, settings, logger)
    const outcome = await emit(output, settings)
    logger.info(describeOutcome(outcome, tables.length))
    return { output, tableCount: tables.length, ...outcome }
  } finally {
    if (!givenDb) await db.destroy()
  }
}

async function connect(url: string | undefined): Promise<Kysely<unknown>> {
  if (url === undefined) {
    throw new IrisConfigError(
      'Invalid iris-codegen option: no connection URL; pass --url, or set IRIS_URL or DATABASE_URL.',
    )
  }
  const { IrisDialect } = await import('kysely-iris')
  const db = new Kysely<unknown>({
    dialect: new IrisDialect({
      connectionString: url,
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MILLIS,
    }),
  })
  try {
    await sql`SELECT 1`.execute(db)
    return db
  } catch (error) {
    await db.destroy()
    // The dialect's IrisConnectionError wraps pg's error, whose message says what went wrong.
    const reason =
      error instanceof IrisConnectionError && error.cause !== undefined ? error.cause : error
    throw new IrisConnectionError(
      `Cannot connect to ${redactConnectionString(url)}: ${messageOf(reason)}.`,
      {
        cause: error,
      },
    )
  }
}

async function emit(
  output: string,
  settings: IrisCodegenSettings,
): Promise<Pick<GenerateIrisTypesResult, 'status' | 'outFile'>> {
  if (settings.print) {
    process.stdout.write(output)
    return { status: 'printed', outFile: null }
  }
  const outFile = resolve(settings.out)
  if (settings.verify) {
    await verify(outFile, settings.out, output)
    return { status: 'up-to-date', outFile }
  }
  try {
    await mkdir(dirname(outFile), { recursive: true })
    await writeFile(outFile, output)
  } catch (error) {
    throw new IrisCodegenError('write', `Cannot write ${settings.out}: ${messageOf(error)}.`, {
      cause: error,
    })
  }
  return { status: 'written', outFile }
}

async function verify(outFile: string, displayName: string, output: string): Promise<void> {
  let existing: string
  try {
    existing = await readFile(outFile, 'utf8')
  } catch (error) {
    throw new IrisCodegenError(
      'stale',
      `${displayName} cannot be read (${messageOf(error)}); run iris-codegen without --verify to create it.`,
      { cause: error },
    )
  }
  const diff = new DiffChecker().diff(existing, output)
  if (diff !== undefined) {
    throw new IrisCodegenError(
      'stale',
      `${displayName} is stale: the schema no longer matches it; run iris-codegen without --verify to update it.`,
      { diff },
    )
  }
}

function selectionOf(settings: IrisCodegenSettings): string {
  const parts = [`schema ${settings.schemas.join(', ')}`]
  if (settings.includePattern) parts.push(`--include-pattern ${settings.includePattern}`)
  if (settings.excludePattern) parts.push(`--exclude-pattern ${settings.excludePattern}`)
  return parts.join(' with ')
}

function describeOutcome(
  outcome: Pick<GenerateIrisTypesResult, 'status' | 'outFile'>,
  tables: number,
): string {
  const what = `${tables} table${tables === 1 ? '' : 's'}`
  if (outcome.status === 'printed') return `Introspected ${what}.`
  if (outcome.status === 'up-to-date') return `${outcome.outFile} is up to date (${what}).`
  return `Introspected ${what} and wrote ${outcome.outFile}.`
}

/** One line: pg's AggregateError (both localhost addresses refused) has an empty message. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as NodeJS.ErrnoException).code
  const inner = error instanceof AggregateError ? error.errors[0] : undefined
  const message =
    error.message || (inner instanceof Error ? inner.message : '') || code || error.name
  return message.split('\n')[0]!.replace(/\.$/, '')
}
