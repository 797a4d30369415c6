import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Profile } from '@kysely-iris/sim'
import { DEMO_SCHEMA, demoSchemaName } from './demo-schema.js'

/** Where the embedded sim keeps its data unless `--data-dir` says otherwise (gitignored). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.demo-data', import.meta.url))

export interface DemoOptions {
  /** Start from nothing: wipe the data directory (or, against IRIS, migrate every table down). */
  fresh: boolean
  /** The embedded sim's data directory. */
  dataDir: string
  /** A real IRIS (through iris-pgwire) to use instead of the embedded sim. */
  irisUrl: string | undefined
  /**
   * The embedded sim's profile (docs/iris-sql.md#simulator-profiles): `iris`, or IRIS behind
   * iris-pgwire 1.0.1 on one of its backends.
   */
  profile: Profile
  /**
   * The IRIS version, e.g. `2024.1`: below 2025.1 there is no LIMIT, so the dialect pages with TOP
   * and %VID (docs/iris-sql.md#vid-paging) and the sim rejects LIMIT. Undefined: the defaults
   * (2025.1, LIMIT).
   */
  irisVersion: string | undefined
  /** The schema the demo's tables live in (upper case, docs/iris-sql.md#identifiers). */
  schema: string
  /** Run even where the schema already holds tables that are not the demo's. */
  allowOtherTables: boolean
  /** Rewrite `src/db.d.ts` from the live schema instead of failing when it is stale. */
  updateTypes: boolean
  help: boolean
}

export const USAGE = `Usage: pnpm demo [--fresh] [--schema <name>] [--allow-other-tables] [--data-dir <dir>]
                 [--profile <name>] [--iris-version <YYYY.N>] [--update-types]

  --fresh           start from an empty database (wipes the data directory; against IRIS_URL,
                    migrates the demo's tables down first)
  --schema <name>   the schema the demo's tables live in (default ${DEMO_SCHEMA}; upper-cased,
                    as iris-pgwire creates it). Not SQLUser: the demo keeps out of your tables
  --allow-other-tables
                    run even though the schema holds tables that are not the demo's (by default
                    the demo refuses, before writing anything, and names them)
  --data-dir <dir>  where the embedded sim keeps its data (default examples/demo/.demo-data)
  --profile <name>  the embedded sim's profile: iris (default), or IRIS behind iris-pgwire 1.0.1 on
                    its external (pgwire-1.0-dbapi) or embedded (pgwire-1.0-embedded) backend:
                    lower-cased labels, re-typed parameters, and that backend's transactions
  --iris-version <YYYY.N>
                    the IRIS version; below 2025.1 the dialect pages with TOP and %VID instead of
                    LIMIT/OFFSET (and the embedded sim rejects LIMIT)
  --update-types    rewrite src/db.d.ts with iris-codegen (the demo's tables only) instead of
                    failing when it is stale

Environment:
  IRIS_URL          use this IRIS (postgres://user:pass@host:port/NAMESPACE) instead of the sim`

/**
 * Reads the command line; unknown flags throw (node:util parseArgs strict mode). Light on purpose:
 * `--help` answers from here before the demo loads its database modules (src/main.ts).
 */
export function parseDemoOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): DemoOptions {
  const { values } = parseArgs({
    // `pnpm demo -- --fresh` passes the `--` through; it separates nothing here.
    args: argv.filter((arg) => arg !== '--'),
    options: {
      fresh: { type: 'boolean', default: false },
      schema: { type: 'string', default: DEMO_SCHEMA },
      'allow-other-tables': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      profile: { type: 'string', default: 'iris' },
      'iris-version': { type: 'string' },
      'update-types': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  return {
    fresh: values.fresh,
    // startSim checks the profile, naming the valid ones; importing the sim's list here would load
    // the sim before `--help` could answer.
    profile: values.profile as Profile,
    schema: demoSchemaName(values.schema),
    allowOtherTables: values['allow-other-tables'],
    irisVersion: values['iris-version'],
    dataDir: resolve(values['data-dir'] ?? DEFAULT_DATA_DIR),
    irisUrl: env.IRIS_URL || undefined,
    updateTypes: values['update-types'],
    help: values.help,
  }
}
