import { rm } from 'node:fs/promises'
import { type Profile, startSim } from '@kysely-iris/sim'
import { Kysely } from 'kysely'
import { IrisDialect, redactConnectionString } from 'kysely-iris'
import type { DB } from './demo-schema.js'

/** The demo's database: the embedded sim, or the IRIS named by `IRIS_URL`. */
export interface DemoDatabase {
  /** Runs every query `withSchema(schema)`: the queries name the demo's tables alone. */
  readonly db: Kysely<DB>
  /** The schema of the demo's tables. */
  readonly schema: string
  /** The connection URL, for iris-codegen. */
  readonly url: string
  /** One line saying what the demo is talking to. */
  readonly description: string
  /**
   * How many statements the server received whose SQL matches `pattern`; only the sim keeps a
   * query log, so this is undefined against IRIS.
   */
  readonly countStatements: ((pattern: RegExp) => number) | undefined
  /** Destroys the pool, then stops the sim if the demo started one. */
  close(): Promise<void>
}

export interface OpenOptions {
  irisUrl: string | undefined
  /** The schema of the demo's tables. */
  schema: string
  dataDir: string
  /** Wipe `dataDir` before starting the sim. */
  wipeDataDir: boolean
  /** The sim's quirk profile (docs/iris-sql.md#simulator-profiles). */
  profile: Profile
  /**
   * The IRIS version: it chooses the dialect's paging, and the sim's (docs/iris-sql.md#vid-paging,
   * docs/iris-sql.md#simulator-profiles).
   */
  irisVersion: string | undefined
}

export async function openDatabase(options: OpenOptions): Promise<DemoDatabase> {
  if (options.irisUrl !== undefined) {
    const db = new Kysely<DB>({
      dialect: new IrisDialect({
        connectionString: options.irisUrl,
        irisVersion: options.irisVersion,
      }),
    }).withSchema(options.schema)
    return {
      db,
      schema: options.schema,
      url: options.irisUrl,
      description: `IRIS at ${redactConnectionString(options.irisUrl)} (from IRIS_URL)`,
      countStatements: undefined,
      close: () => db.destroy(),
    }
  }

  if (options.wipeDataDir) await rm(options.dataDir, { recursive: true, force: true })
  const sim = await startSim({
    port: 0,
    dataDir: options.dataDir,
    profile: options.profile,
    irisVersion: options.irisVersion,
  })
  const db = new Kysely<DB>({
    dialect: new IrisDialect({
      connectionString: sim.url,
      irisVersion: options.irisVersion,
      // The `iris` profile gives each connection its own IRIS session; the pgwire profiles model
      // iris-pgwire, whose backend the dialect's probe recognises (docs/iris-sql.md#the-session-probe).
      sessionModel: options.profile === 'iris' ? 'per-connection' : 'detect',
    }),
  }).withSchema(options.schema)
  return {
    db,
    schema: options.schema,
    url: sim.url,
    description:
      `embedded sim (profile ${options.profile}` +
      `${options.irisVersion === undefined ? '' : `, IRIS ${options.irisVersion}`}) ` +
      `at ${redactConnectionString(sim.url)}, data in ${options.dataDir}`,
    countStatements: (pattern) =>
      sim.queryLog.entries.filter((entry) => pattern.test(entry.sql)).length,
    async close() {
      try {
        await db.destroy()
      } finally {
        await sim.stop()
      }
    },
  }
}
