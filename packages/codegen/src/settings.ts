import { IrisConfigError, redactConnectionString } from 'kysely-iris'
import { z } from 'zod'
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

const FLAG = z.boolean({ error: 'must be true or false' }).default(false)
const TEXT = z
  .string({ error: 'must be a non-empty string' })
  .refine((value) => value.trim() !== '', 'must be a non-empty string')

const SCHEMA_LIST = { error: 'must be a non-empty list of schema names' }

/** One of `values`, `fallback` when absent; the error lists them and shows what was given. */
function choice<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z
    .enum(values, {
      error: (issue) =>
        `must be one of ${values.map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(issue.input)}`,
    })
    .default(fallback)
}

/**
 * `{ key: TypeScript type }`, each key matching `keyPattern`: checked as a whole first, then key by
 * key, then value by value, each failure naming what to write instead.
 */
function typeRecord(keyPattern: RegExp, keyDescription: string) {
  const badKey = (types: Record<string, string>) =>
    Object.keys(types).find((key) => !keyPattern.test(key))
  const blankType = (types: Record<string, string>) =>
    Object.keys(types).find((key) => types[key]?.trim() === '')
  return z
    .custom<Record<string, string>>(isStringRecord, {
      error: 'must be a JSON object of TypeScript types, e.g. {"bigint": "bigint"}',
      abort: true,
    })
    .refine((types) => badKey(types) === undefined, {
      error: (issue) =>
        `key "${badKey(issue.input as Record<string, string>)}" must be ${keyDescription}`,
      abort: true,
    })
    .refine((types) => blankType(types) === undefined, {
      error: (issue) =>
        `value for "${blankType(issue.input as Record<string, string>)}" must be a TypeScript type`,
    })
    .default({})
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  )
}

/**
 * Every option, its check and its default, in zod (kysely-codegen's own dependency, same major).
 * An absent `url` is filled from the environment by {@link resolveSettings}; `null` patterns mean
 * none. The `satisfies` ties it to the documented option and setting types.
 */
const OPTIONS = z
  .strictObject(
    {
      url: TEXT.optional(),
      out: TEXT.default(DEFAULT_OUT_FILE),
      print: FLAG,
      verify: FLAG,
      schemas: z
        .array(z.string(SCHEMA_LIST).min(1, SCHEMA_LIST), SCHEMA_LIST)
        .min(1, SCHEMA_LIST)
        .default([DEFAULT_SCHEMA])
        // System schemas start with % or Ens (docs/iris-sql.md#catalog-values).
        .refine((schemas) => !schemas.some(isSystemSchema), {
          error: (issue) =>
            `"${(issue.input as string[]).find(isSystemSchema)}" is a system schema (IRIS system ` +
            'schemas start with % or Ens) and is never read: name an application schema, such as SQLUser',
        })
        .transform((schemas) => [...new Set(schemas)]),
      includePattern: TEXT.nullish().transform((value) => value ?? null),
      excludePattern: TEXT.nullish().transform((value) => value ?? null),
      camelCase: FLAG,
      singularize: z
        .union([z.boolean(), z.record(z.string(), z.string())], {
          error: 'must be true, false or an object of { plural: singular } rules',
        })
        .default(false),
      typeAliases: FLAG,
      overrides: typeRecord(/^[^.]+(\.[^.]+){1,2}$/, '"table.column" or "schema.table.column"'),
      typeMapping: typeRecord(/^[A-Za-z][A-Za-z ]*$/, 'an IRIS type name'),
      int8: choice(INT8_TYPES, DEFAULT_VALUE_TYPES.int8),
      numeric: choice(NUMERIC_TYPES, DEFAULT_VALUE_TYPES.numeric),
      date: choice(DATE_TYPES, DEFAULT_VALUE_TYPES.date),
      vectorType: choice(VECTOR_TYPES, DEFAULT_VALUE_TYPES.vector),
      envFile: TEXT.optional(),
      logLevel: choice(LOG_LEVELS, 'info'),
    },
    { error: 'options must be an object' },
  )
  .refine(
    (options) => !(options.print && options.verify),
    '"print" and "verify" exclude each other: --verify compares with --out',
  ) satisfies z.ZodType<
  Omit<IrisCodegenSettings, 'url' | 'envFile'> & Pick<IrisCodegenOptions, 'url' | 'envFile'>,
  IrisCodegenOptions
>

/** Every option a config file or the command line may set. */
export const OPTION_NAMES: readonly (keyof IrisCodegenOptions)[] = OPTIONS.keyof().options

/**
 * Checks every option and applies defaults. The URL falls back to `IRIS_URL`, then
 * `DATABASE_URL` (read from `env`). Throws IrisConfigError naming the option and the fix.
 */
export function resolveSettings(
  options: IrisCodegenOptions,
  env: NodeJS.ProcessEnv = process.env,
): IrisCodegenSettings {
  const parsed = OPTIONS.safeParse(options)
  if (!parsed.success) fail(describeIssue(parsed.error.issues[0] as z.core.$ZodIssue))
  const url = parsed.data.url ?? nonEmpty(env.IRIS_URL) ?? nonEmpty(env.DATABASE_URL)
  if (url !== undefined) checkUrl(url)
  return { ...parsed.data, url, envFile: parsed.data.envFile }
}

/** The first problem, as `"option" must be ...`; a message that names its subject is kept whole. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown option "${issue.keys[0]}"; known options: ${OPTION_NAMES.join(', ')}`
  }
  const [option] = issue.path
  return option === undefined || issue.message.startsWith('"')
    ? issue.message
    : `"${String(option)}" ${issue.message}`
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

/** System schemas start with `%` or `Ens` (docs/iris-sql.md#catalog-values). */
export function isSystemSchema(schema: string): boolean {
  return schema.startsWith('%') || /^ens/i.test(schema)
}
