import { DialectAdapterBase, type Kysely, type MigrationLockOptions, sql } from 'kysely'

/**
 * How long a second migrator waits for the lock, in seconds (`LOCK TABLE ... WAIT`,
 * docs/iris-sql.md#table-locks).
 */
const LOCK_WAIT_SECONDS = 3600

/**
 * IRIS capabilities for Kysely: no RETURNING (docs/iris-sql.md#returning-and-last_identity); DDL
 * treated as not transactional, since whether it is is unverified, and `CREATE TABLE IF NOT EXISTS`
 * exists (docs/iris-sql.md#create-and-drop).
 */
export class IrisAdapter extends DialectAdapterBase {
  override get supportsReturning(): boolean {
    return false
  }

  override get supportsTransactionalDdl(): boolean {
    return false
  }

  override get supportsCreateIfNotExists(): boolean {
    return true
  }

  /**
   * Locks Kysely's migration lock table exclusively on the migrator's own connection (Kysely runs
   * migrations on one connection when DDL is not transactional); a second migrator's LOCK waits
   * until `releaseMigrationLock`, or fails with IrisLockError after LOCK_WAIT_SECONDS
   * (docs/iris-sql.md#table-locks).
   */
  async acquireMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await sql`lock table ${lockTable(options)} in exclusive mode wait ${sql.raw(String(LOCK_WAIT_SECONDS))}`.execute(
      db,
    )
  }

  async releaseMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await sql`unlock table ${lockTable(options)} in exclusive mode`.execute(db)
  }
}

function lockTable({ lockTable, lockTableSchema }: MigrationLockOptions) {
  return lockTableSchema ? sql.table(`${lockTableSchema}.${lockTable}`) : sql.table(lockTable)
}
