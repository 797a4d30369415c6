import { IrisConfigError, redactConnectionString } from 'kysely-iris'
import {
  DATE_TYPES,
  type DateType,
  DEFAULT_VALUE_TYPES,
  INT8_TYPES,
  type Int8Type,
  NUMERIC_TYPES,
  type NumericType,
  VECTOR_TYPES,
  type VectorType,
} from './value-types.js'

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** IRIS's default SQL schema (docs/iris-sql.md#schemas). */
export const DEFAULT_SCHEMA = 'SQLUser'
export const DEFAULT_OUT_FILE = 'db.d.ts'

/**
 * Every option of a generation run, as the config file, the CLI flags and `generateIrisTypes()`
 * spell them. All are optional; {@link resolveSettings} fills in the defaults.
 */
export interface IrisCodegenOptions {
  /** Connection URL. Default: `IRIS_URL`, else `DATABASE_URL`. */
  url?: string
  /** Output file. Default `db.d.ts`. */
  out?: string
  /** Print to stdout instead of writing `out`. */
  print?: boolean
  /** Compare with `out` instead of writing it; fail with a diff when it is stale. */
  verify?: boolean
  /** Schemas to read. Default `['SQLUser']`. System schemas (`%…`, `Ens…`) are never read. */
  schemas?: string[]
  /** Only tables matching this glob (`table` or `schema.table`, case-insensitive). */
  includePattern?: string | null
  /** Skip tables matching this glob. */
  excludePattern?: string | null
  /** camelCase names, exactly as Kysely's CamelCasePlugin converts them. */
  camelCase?: boolean
  /** Singular interface names (`people` → `Person`); an object adds rules (`{ "data": "datum" }`). */
  singularize?: boolean | Record<string, string>
  /** Also export `XRow` / `NewX` / `XUpdate` (Selectable / Insertable / Updateable) per table. */
  typeAliases?: boolean
  /** Whole TypeScript type per column: `{ "table.column": "…" }` or `"schema.table.column"`. */
  overrides?: Record<string, string>
  /** TypeScript type per IRIS type: `{ "timestamp": "Date", "vector": "number[]" }`. */
  typeMapping?: Record<string, string>
  /** How the dialect returns BIGINT; must match the IrisDialect `int8` option. */
  int8?: Int8Type
  /** How the dialect returns NUMERIC; must match the IrisDialect `numeric` option. */
  numeric?: NumericType
  /** How the dialect returns DATE/TIME/TIMESTAMP; must match the IrisDialect `date` option. */
  date?: DateType
  /** What a VECTOR column returns: `string` by default, `number[]` through the vector plugin. */
  vectorType?: VectorType
  /** A dotenv file to load before reading `IRIS_URL` / `DATABASE_URL`. */
  envFile?: string
  logLevel?: LogLevel
}

/** The options with every default applied and every value checked. */
export interface IrisCodegenSettings {
  readonly url: string | undefined
  readonly out: string
  readonly print: boolean
  readonly verify: boolean
  readonly schemas: readonly string[]
  readonly includePattern: string | null
  readonly excludePattern: string | null
  readonly camelCase: boolean
  readonly singularize: boolean | Readonly<Record<string, string>>
  readonly typeAliases: boolean
  readonly overrides: Readonly<Record<string, string>>
  readonly typeMapping: Readonly<Record<string, string>>
  readonly int8: Int8Type
  readonly numeric: NumericType
  readonly date: DateType
  readonly vectorType: VectorType
  readonly envFile: string | undefined
  readonly logLevel: LogLevel
}

/** Every option a config file or the command line may set. */
export const OPTION_NAMES: readonly (keyof IrisCodegenOptions)[] = [
  'url',
  'out',
  'print',
  'verify',
  'schemas',
  'includePattern',
  'excludePattern',
  'camelCase',
  'singularize',
  'typeAliases',
  'overrides',
  'typeMapping',
  'int8',
  'numeric',
  'date',
  'vectorType',
  'envFile',
  'logLevel',
]

/**
 * Checks every option and applies defaults. The URL falls back to `IRIS_URL`, then
 * `DATABASE_URL` (read from `env`). Throws IrisConfigError naming the option and the fix.
 */
export function resolveSettings(
  options: IrisCodegenOptions,
  env: NodeJS.ProcessEnv = process.env,
): IrisCodegenSettings {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail('options must be an object')
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key as keyof IrisCodegenOptions)) {
      fail(`unknown option "${key}"; known options: ${OPTION_NAMES.join(', ')}`)
    }
  }
  const print = flag(options, 'print')
  const verify = flag(options, 'verify')
  if (print && verify) fail('"print" and "verify" exclude each other: --verify compares with --out')
  const url = optionalString(options, 'url') ?? nonEmpty(env.IRIS_URL) ?? nonEmpty(env.DATABASE_URL)
  if (url !== undefined) checkUrl(url)
  return {
    url,
    out: optionalString(options, 'out') ?? DEFAULT_OUT_FILE,
    print,
    verify,
    schemas: schemaList(options.schemas),
    includePattern: optionalString(options, 'includePattern') ?? null,
    excludePattern: optionalString(options, 'excludePattern') ?? null,
    camelCase: flag(options, 'camelCase'),
    singularize: singularizeOption(options.singularize),
    typeAliases: flag(options, 'typeAliases'),
    overrides: typeRecord(
      options,
      'overrides',
      /^[^.]+(\.[^.]+){1,2}$/,
      '"table.column" or "schema.table.column"',
    ),
    typeMapping: typeRecord(options, 'typeMapping', /^[A-Za-z][A-Za-z ]*$/, 'an IRIS type name'),
    int8: oneOf(options, 'int8', INT8_TYPES, DEFAULT_VALUE_TYPES.int8),
    numeric: oneOf(options, 'numeric', NUMERIC_TYPES, DEFAULT_VALUE_TYPES.numeric),
    date: oneOf(options, 'date', DATE_TYPES, DEFAULT_VALUE_TYPES.date),
    vectorType: oneOf(options, 'vectorType', VECTOR_TYPES, DEFAULT_VALUE_TYPES.vector),
    envFile: optionalString(options, 'envFile'),
    logLevel: oneOf(options, 'logLevel', LOG_LEVELS, 'info'),
  }
}

function fail(message: string): never {
  throw new IrisConfigError(`Invalid iris-codegen option: ${message}.`)
}

function checkUrl(url: string): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    fail(
      `"${redactConnectionString(url)}" is not a URL; use postgres://user:password@host:5432/USER`,
    )
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    fail(
      `URL "${redactConnectionString(url)}" must start with postgres:// (iris-pgwire speaks the PostgreSQL protocol)`,
    )
  }
  if (!parsed.hostname) fail(`URL "${redactConnectionString(url)}" has no host`)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

function flag(options: IrisCodegenOptions, key: keyof IrisCodegenOptions): boolean {
  const value = options[key]
  if (value !== undefined && typeof value !== 'boolean') fail(`"${key}" must be true or false`)
  return value ?? false
}

function optionalString(
  options: IrisCodegenOptions,
  key: keyof IrisCodegenOptions,
): string | undefined {
  const value = options[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || value.trim() === '') fail(`"${key}" must be a non-empty string`)
  return value
}

function oneOf<T extends string>(
  options: IrisCodegenOptions,
  key: keyof IrisCodegenOptions,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = options[key]
  if (value === undefined) return fallback
  if (!allowed.includes(value as T)) {
    fail(
      `"${key}" must be one of ${allowed.map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(value)}`,
    )
  }
  return value as T
}

function schemaList(value: unknown): string[] {
  if (value === undefined) return [DEFAULT_SCHEMA]
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((s) => typeof s !== 'string' || !s)
  ) {
    fail('"schemas" must be a non-empty list of schema names')
  }
  for (const schema of value as string[]) {
    // System schemas start with % or Ens (docs/iris-sql.md#catalog-values).
    if (isSystemSchema(schema))
      fail(
        `"${schema}" is a system schema (IRIS system schemas start with % or Ens) and is never ` +
          'read: name an application schema, such as SQLUser',
      )
  }
  return [...new Set(value as string[])]
}

/** System schemas start with `%` or `Ens` (docs/iris-sql.md#catalog-values). */
export function isSystemSchema(schema: string): boolean {
  return schema.startsWith('%') || /^ens/i.test(schema)
}

function singularizeOption(value: unknown): boolean | Record<string, string> {
  if (value === undefined) return false
  if (typeof value === 'boolean') return value
  if (isStringRecord(value)) return value
  return fail('"singularize" must be true, false or an object of { plural: singular } rules')
}

function typeRecord(
  options: IrisCodegenOptions,
  key: 'overrides' | 'typeMapping',
  keyPattern: RegExp,
  keyDescription: string,
): Record<string, string> {
  const value = options[key]
  if (value === undefined) return {}
  if (!isStringRecord(value)) {
    fail(`"${key}" must be a JSON object of TypeScript types, e.g. {"bigint": "bigint"}`)
  }
  for (const [name, tsType] of Object.entries(value)) {
    if (!keyPattern.test(name)) fail(`"${key}" key "${name}" must be ${keyDescription}`)
    if (tsType.trim() === '') fail(`"${key}" value for "${name}" must be a TypeScript type`)
  }
  return value
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  )
}
