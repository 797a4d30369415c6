import { type StartedTarget, startTarget } from '@kysely-iris/sim/testing'
import { Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { IrisDialect } from 'kysely-iris'

/** The real iris-pgwire 1.0.1 on one of its backends (docs/iris-sql.md#iris-pgwire-backends). */
export type PgwireTarget = 'iris-pgwire-dbapi' | 'iris-pgwire-embedded'

export const PGWIRE_TARGETS: readonly PgwireTarget[] = ['iris-pgwire-dbapi', 'iris-pgwire-embedded']

/**
 * The real iris-pgwire in front of a sim of profile `iris`, ready for the demo's migrations.
 * Pair with `stop()` in afterAll.
 */
export function startIrisPgwire(target: PgwireTarget): Promise<StartedTarget> {
  return startTarget(target, { prepare: (sim) => createMigratorTables(sim.url) })
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
