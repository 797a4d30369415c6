import { describeTargets } from '@kysely-iris/sim/testing'
import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { describe, expect, it } from 'vitest'
import { IrisLockError } from '../../src/index.js'
import { loadMigrator } from '../support/migrator.js'
import { type AnyDB, connect, tableName } from '../support/server.js'
import { useTestServer } from '../support/test-database.js'

/** A Migrator of `migrations` on `db`, its tables `migrationTableName` and `<that>_LOCK`. */
async function migratorOf(
  db: Kysely<AnyDB>,
  migrations: Record<string, Migration>,
  migrationTableName: string,
) {
  const Migrator = await loadMigrator()
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName,
    migrationLockTableName: `${migrationTableName}_LOCK`,
  })
}

describeTargets(describe, 'Migrator', (target) => {
  const harness = useTestServer({ target })

  it('runs migrations up and down', async () => {
    const t = connect(harness.server)
    const table = tableName('migrated')
    const migrations: Record<string, Migration> = {
      '001_create': {
        up: (db: Kysely<AnyDB>) =>
          db.schema
            .createTable(table)
            .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
            .execute(),
        down: (db: Kysely<AnyDB>) => db.schema.dropTable(table).execute(),
      },
      '002_add_name': {
        up: (db: Kysely<AnyDB>) =>
          db.schema.alterTable(table).addColumn('name', 'varchar(40)').execute(),
        down: (db: Kysely<AnyDB>) => db.schema.alterTable(table).dropColumn('name').execute(),
      },
    }
    const migrationTableName = tableName('kmig')
    const migrator = await migratorOf(t.db, migrations, migrationTableName)
    try {
      const up = await migrator.migrateToLatest()
      expect(up.error).toBeUndefined()
      expect(up.results?.map((r) => [r.migrationName, r.status])).toEqual([
        ['001_create', 'Success'],
        ['002_add_name', 'Success'],
      ])
      await t.db.insertInto(table).values({ name: 'x' }).execute()
      const columns = (await t.db.introspection.getTables())
        .find((tb) => tb.name === table)
        ?.columns.map((c) => c.name)
      expect(columns).toEqual(['id', 'name'])

      const down = await migrator.migrateDown()
      expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
        ['002_add_name', 'Down', 'Success'],
      ])
      await migrator.migrateDown()
      expect((await t.db.introspection.getTables()).some((tb) => tb.name === table)).toBe(false)
    } finally {
      await t.db.schema.dropTable(table).ifExists().execute()
      await t.db.schema.dropTable(migrationTableName).ifExists().execute()
      await t.db.schema.dropTable(`${migrationTableName}_LOCK`).ifExists().execute()
      await t.db.destroy()
    }
  })

  it('the migration lock excludes a second migrator until the first is done (a lock row)', async () => {
    const first = connect(harness.server)
    const second = connect(harness.server)
    const migrationTableName = tableName('kmig_lock')
    const events: string[] = []
    let releaseLatch: () => void = () => {}
    const latch = new Promise<void>((resolve) => {
      releaseLatch = resolve
    })
    let firstStarted: () => void = () => {}
    const started = new Promise<void>((resolve) => {
      firstStarted = resolve
    })
    const migrations = (who: string): Record<string, Migration> => ({
      '001_slow': {
        up: async () => {
          events.push(`${who}:001`)
          firstStarted()
          await latch
          events.push(`${who}:001 done`)
        },
      },
    })
    try {
      const firstRun = (
        await migratorOf(first.db, migrations('first'), migrationTableName)
      ).migrateToLatest()
      await started
      const secondRun = (
        await migratorOf(second.db, migrations('second'), migrationTableName)
      ).migrateToLatest()
      await new Promise((r) => setTimeout(r, 1500))
      expect(events).toEqual(['first:001'])
      releaseLatch()
      const [a, b] = await Promise.all([firstRun, secondRun])
      expect(a.error).toBeUndefined()
      expect(a.results?.map((r) => r.status)).toEqual(['Success'])
      // The second either waited its turn (then nothing is left to run) or gave up cleanly on the lock.
      if (b.error) expect(b.error).toBeInstanceOf(IrisLockError)
      else expect(b.results).toEqual([])
      expect(events).toEqual(['first:001', 'first:001 done'])
    } finally {
      releaseLatch()
      await first.db.schema.dropTable(migrationTableName).ifExists().execute()
      await first.db.schema.dropTable(`${migrationTableName}_LOCK`).ifExists().execute()
      await first.db.destroy()
      await second.db.destroy()
    }
  })

  it('parallel migrateToLatest of one Kysely runs each migration once, the lock handed on in memory', async () => {
    const t = connect(harness.server)
    const migrationTableName = tableName('kmig_par')
    const applied: string[] = []
    const migrations: Record<string, Migration> = {
      '001_a': { up: async () => void applied.push('001_a') },
      '002_b': { up: async () => void applied.push('002_b') },
    }
    const migrator = await migratorOf(t.db, migrations, migrationTableName)
    try {
      const runs = await Promise.all(Array.from({ length: 8 }, () => migrator.migrateToLatest()))
      expect(runs.map((run) => run.error)).toEqual(Array(8).fill(undefined))
      expect(applied).toEqual(['001_a', '002_b'])
      expect(runs.filter((run) => (run.results ?? []).length > 0)).toHaveLength(1)
      // The lock row is gone: a later migrator takes the lock at once.
      expect((await migrator.migrateToLatest()).results).toEqual([])
    } finally {
      await t.db.schema.dropTable(migrationTableName).ifExists().execute()
      await t.db.schema.dropTable(`${migrationTableName}_LOCK`).ifExists().execute()
      await t.db.destroy()
    }
  })
})
