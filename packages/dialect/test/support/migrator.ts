import * as kysely from 'kysely'

type MigratorClass = typeof import('kysely/migration').Migrator

/**
 * Kysely 0.28 exports Migrator from `kysely`; 0.29 from `kysely/migration`. Prefer `kysely` so the
 * 0.28 run (which aliases `kysely`) gets the Migrator of the same Kysely.
 */
export async function loadMigrator(): Promise<MigratorClass> {
  if ('Migrator' in kysely) return (kysely as unknown as { Migrator: MigratorClass }).Migrator
  return (await import('kysely/migration')).Migrator
}
