import { readFileSync } from 'node:fs'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { loadConfig } from './config-file.js'
import { IrisCodegenError } from './errors.js'
import { generateIrisTypes } from './generate.js'
import {
  DEFAULT_OUT_FILE,
  DEFAULT_SCHEMA,
  type IrisCodegenOptions,
  LOG_LEVELS,
  OPTION_NAMES,
} from './settings.js'
import {
  DATE_TYPES,
  DEFAULT_VALUE_TYPES,
  INT8_TYPES,
  NUMERIC_TYPES,
  VECTOR_TYPES,
} from './value-types.js'

const EXAMPLES = `
Examples:
  $ iris-codegen --url postgres://_SYSTEM:SYS@localhost:5432/USER --out src/db.d.ts
  $ IRIS_URL=postgres://_SYSTEM:SYS@iris:5432/USER iris-codegen --camel-case --type-aliases
  $ iris-codegen --schema SQLUser --schema Sales --exclude-pattern "*.audit_*"
  $ iris-codegen --int8 bigint --date Date         # match new IrisDialect({ int8: 'bigint', date: 'Date' })
  $ iris-codegen --vector-type "number[]"          # results read through the vector plugin
  $ iris-codegen --overrides '{"document.embedding": "Vector<384, \\"float\\">"}'
  $ iris-codegen --type-mapping '{"timestamp": "string"}' --print
  $ iris-codegen --verify                          # in CI: exit 1 with a diff when db.d.ts is stale

Options can also live in iris-codegen.config.{json,js,mjs,ts} or in package.json under
"iris-codegen" (same names in camelCase, "schemas" as a list); flags override them.
Connection: --url, else the config's "url", else IRIS_URL, else DATABASE_URL.
`

const DEFAULT_SCHEMAS = [DEFAULT_SCHEMA]

/** Flags whose value passes through unchanged into the options of the same camelCase name. */
// The option `schemas` is the repeatable flag `--schema`; every other option is its own flag.
const OPTION_FLAGS = OPTION_NAMES.filter((name) => name !== 'schemas')

export interface CliIo {
  readonly cwd: string
  readonly stderr: (text: string) => void
}

const DEFAULT_IO: CliIo = { cwd: process.cwd(), stderr: (text) => process.stderr.write(text) }

/** Runs `iris-codegen` with `argv` (as in process.argv); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = DEFAULT_IO): Promise<number> {
  const program = createProgram(io)
  let debug = argv.some(
    (arg, i) => arg === '--log-level=debug' || (arg === '--log-level' && argv[i + 1] === 'debug'),
  )
  try {
    await program.parseAsync([...argv])
    const flags = program.opts<Record<string, unknown>>()
    const config = await loadConfig(io.cwd, flags.config as string | undefined)
    const options: IrisCodegenOptions = { ...config.options, ...flagsGiven(program, flags) }
    debug ||= options.logLevel === 'debug'
    await generateIrisTypes(options)
    return 0
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode
    if (error instanceof IrisCodegenError && error.diff) io.stderr(`${error.diff.trimEnd()}\n`)
    io.stderr(`iris-codegen: ${error instanceof Error ? error.message : String(error)}\n`)
    if (debug && error instanceof Error) io.stderr(`${stackOf(error)}\n`)
    return 1
  }
}

function createProgram(io: CliIo): Command {
  const program = new Command('iris-codegen')
    .description(
      'Generate Kysely types from an InterSystems IRIS schema, read through iris-pgwire.',
    )
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeErr: io.stderr })
    .option(
      '--url <url>',
      'connection URL, postgres://user:password@host:port/NAMESPACE (default: $IRIS_URL, else $DATABASE_URL)',
    )
    .addOption(new Option('--out <file>', 'output file').default(DEFAULT_OUT_FILE))
    .option('--print', 'print to stdout instead of writing --out')
    .option('--verify', 'compare --out with the schema; exit 1 with a diff when stale')
    .addOption(
      new Option('--schema <name>', 'schema to read; repeat for several (system schemas never)')
        .argParser(collectSchema)
        .default(DEFAULT_SCHEMAS, DEFAULT_SCHEMA),
    )
    .option('--include-pattern <glob>', 'only tables matching the glob ("table" or "schema.table")')
    .option('--exclude-pattern <glob>', 'skip tables matching the glob')
    .option('--camel-case', "camelCase names, as Kysely's CamelCasePlugin converts them")
    .option('--no-camel-case', 'keep names as in the database (default)')
    .option('--singularize', 'singular interface names (people -> Person)')
    .option('--no-singularize', 'keep table names as interface names (default)')
    .option(
      '--type-aliases',
      'also export XRow / NewX / XUpdate (Selectable / Insertable / Updateable)',
    )
    .option('--no-type-aliases', 'no aliases (default)')
    .option(
      '--overrides <json>',
      'whole TS type per column: {"table.column": "type"} or "schema.table.column"',
      parseJsonObject,
    )
    .option(
      '--type-mapping <json>',
      'TS type per IRIS type: {"timestamp": "Date", "vector": "number[]"}',
      parseJsonObject,
    )
    .addOption(
      choice(
        '--int8 <type>',
        'BIGINT values; same as the IrisDialect int8 option',
        INT8_TYPES,
        DEFAULT_VALUE_TYPES.int8,
      ),
    )
    .addOption(
      choice(
        '--numeric <type>',
        'NUMERIC/DECIMAL values; IrisDialect numeric option',
        NUMERIC_TYPES,
        DEFAULT_VALUE_TYPES.numeric,
      ),
    )
    .addOption(
      choice(
        '--date <type>',
        'DATE/TIMESTAMP values; IrisDialect date option',
        DATE_TYPES,
        DEFAULT_VALUE_TYPES.date,
      ),
    )
    .addOption(
      choice(
        '--vector-type <type>',
        'VECTOR values: text, or number[] through the vector plugin',
        VECTOR_TYPES,
        DEFAULT_VALUE_TYPES.vector,
      ),
    )
    .option(
      '--config <file>',
      'config file (default: iris-codegen.config.{json,js,mjs,ts}, or package.json "iris-codegen")',
    )
    .option(
      '--env-file <file>',
      'load environment variables (IRIS_URL, ...) from a dotenv file first',
    )
    .addOption(
      choice(
        '--log-level <level>',
        'how much to log on stderr; debug adds stack traces',
        LOG_LEVELS,
        'info',
      ),
    )
    .addHelpText('after', EXAMPLES)
  return program
}

function choice(
  flags: string,
  description: string,
  choices: readonly string[],
  fallback: string,
): Option {
  return new Option(flags, description).choices(choices).default(fallback)
}

function collectSchema(value: string, previous: string[]): string[] {
  return previous === DEFAULT_SCHEMAS ? [value] : [...previous, value]
}

function parseJsonObject(value: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch (error) {
    throw new InvalidArgumentError(`not JSON (${(error as Error).message})`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidArgumentError('expected a JSON object')
  }
  return parsed as Record<string, unknown>
}

/** Only what was typed on the command line, so config values survive the flags' defaults. */
function flagsGiven(program: Command, flags: Record<string, unknown>): IrisCodegenOptions {
  const given: Record<string, unknown> = {}
  for (const name of OPTION_FLAGS) {
    if (program.getOptionValueSource(name) === 'cli') given[name] = flags[name]
  }
  if (program.getOptionValueSource('schema') === 'cli') given.schemas = flags.schema
  return given as IrisCodegenOptions
}

function packageVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  return (packageJson as { version: string }).version
}

function stackOf(error: Error): string {
  const cause = error.cause instanceof Error ? `\nCaused by: ${stackOf(error.cause)}` : ''
  return `${error.stack ?? error.message}${cause}`
}
