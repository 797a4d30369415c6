import { pgwireAvailability, startPgwire, startSim } from '@kysely-iris/sim'
import { Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { IrisDialect } from 'kysely-iris'
import { describe } from 'vitest'

/** The real iris-pgwire 1.0 on one of its backends (docs/iris-sql.md#iris-pgwire-backends). */
export type PgwireTarget = 'iris-pgwire-dbapi' | 'iris-pgwire-embedded'

export const PGWIRE_TARGETS: readonly PgwireTarget[] = ['iris-pgwire-dbapi', 'iris-pgwire-embedded']

export interface PgwireServer {
  /** iris-pgwire's URL, for IRIS_URL. */
  readonly url: string
  stop(): Promise<void>
}

/**
 * The real iris-pgwire in front of a sim of profile `iris`, ready for the demo's migrations.
 * Pair with `stop()` in afterAll.
 */
export async function startIrisPgwire(target: PgwireTarget): Promise<PgwireServer> {
  const sim = await startSim({ port: 0, profile: 'iris' })
  try {
    await createMigratorTables(sim.url)
    const pgwire = await startPgwire({
      backend: target === 'iris-pgwire-dbapi' ? 'dbapi' : 'embedded',
      sim,
    })
    return {
      url: pgwire.url,
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
 * `describe` once per iris-pgwire backend. The real iris-pgwire needs Python and its source
 * (IRIS_PGWIRE_SRC); where it cannot run, the suite is skipped with the reason in its title, never
 * silently.
 */
export function describePgwireTargets(title: string, body: (target: PgwireTarget) => void): void {
  const pgwire = pgwireAvailability()
  for (const target of PGWIRE_TARGETS) {
    const name = `${title} (${target})`
    if (pgwire.available) describe(name, () => body(target))
    else describe.skip(`${name} [skipped: ${pgwire.reason}]`, () => body(target))
  }
}
