import { pgwireAvailability, type Sim, startPgwire, startSim } from '@kysely-iris/sim'
import { Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { IrisDialect } from 'kysely-iris'
import { describe } from 'vitest'

/**
 * Where the routes run (docs/iris-sql.md#iris-pgwire-backends): the sim with its `iris` or
 * `pgwire-1.0` profile (docs/iris-sql.md#simulator-profiles), or the real iris-pgwire 1.0 on its
 * external (DB-API) or embedded backend, in front of a sim of profile `iris`.
 */
export type TestTarget =
  | 'sim-iris'
  | 'sim-pgwire-1.0'
  | 'iris-pgwire-dbapi'
  | 'iris-pgwire-embedded'

export const TARGETS: readonly TestTarget[] = [
  'sim-iris',
  'sim-pgwire-1.0',
  'iris-pgwire-dbapi',
  'iris-pgwire-embedded',
]

export interface TargetServer {
  /** Where the app connects: the sim, or iris-pgwire in front of it. */
  readonly url: string
  /** The sim, itself or behind iris-pgwire. */
  readonly sim: Sim
  stop(): Promise<void>
}

/** Starts one target, ready for the demo's migrations; pair with `stop()`. */
export async function startTarget(target: TestTarget): Promise<TargetServer> {
  const sim = await startSim({
    port: 0,
    profile: target === 'sim-pgwire-1.0' ? 'pgwire-1.0' : 'iris',
  })
  if (target === 'sim-iris' || target === 'sim-pgwire-1.0')
    return { url: sim.url, sim, stop: () => sim.stop() }
  try {
    await createMigratorTables(sim.url)
    const pgwire = await startPgwire({
      backend: target === 'iris-pgwire-dbapi' ? 'dbapi' : 'embedded',
      sim,
    })
    return {
      url: pgwire.url,
      sim,
      async stop() {
        await pgwire.stop()
        await sim.stop()
      },
    }
  } catch (error) {
    await sim.stop()
    throw error
  }
}

/**
 * Works around a sim limit (docs/iris-sql.md#simulator-limits): through iris-pgwire, Kysely's
 * Migrator would create its tables as KYSELY_MIGRATION and KYSELY_MIGRATION_LOCK
 * (docs/iris-sql.md#identifiers), then look for them, quoted, as `kysely_migration`, which IRIS
 * finds and the sim's case-sensitive quoted names do not. So they are made here first, under
 * Kysely's own names, on the sim directly, as a tool other than iris-pgwire would.
 */
async function createMigratorTables(simUrl: string): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new IrisDialect({ connectionString: simUrl }) })
  try {
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: async () => ({}) },
    }).migrateToLatest()
    if (error !== undefined) throw error
  } finally {
    await db.destroy()
  }
}

/**
 * `describe` once per target. The real iris-pgwire needs Python and its source
 * (IRIS_PGWIRE_SRC); where it cannot run, its targets are skipped with the reason in the title,
 * never silently.
 */
export function describeTargets(title: string, body: (target: TestTarget) => void): void {
  const pgwire = pgwireAvailability()
  for (const target of TARGETS) {
    const name = `${title} (${target})`
    if (target.startsWith('iris-pgwire-') && !pgwire.available)
      describe.skip(`${name} [skipped: ${pgwire.reason}]`, () => body(target))
    else describe(name, () => body(target))
  }
}
