import { DialectAdapterBase, type Kysely, type MigrationLockOptions, sql } from 'kysely'
import { IrisLockError, IrisUniqueViolationError } from './errors.js'

/** How long a second migrator waits for the lock before giving up. */
const LOCK_WAIT_MS = 3_600_000
/** The pause between two attempts to take the lock, at most. */
const LOCK_RETRY_MAX_MS = 1000

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
   * Takes the migration lock by inserting a row of its own into Kysely's lock table: a second
   * migrator's insert fails on the primary key and retries until the first deletes the row.
   * `LOCK TABLE` cannot serve: its lock belongs to an IRIS process, and behind iris-pgwire the
   * migrator's statements do not keep to one (the external backend hands each to any pooled IRIS
   * connection, the embedded one runs every client in the same process,
   * docs/iris-sql.md#iris-pgwire-backends). A unique key holds on every front end. A migrator that
   * dies holding the lock leaves its row; the error after the wait says how to remove it.
   */
  async acquireMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS
    for (let pause = 50; ; pause = Math.min(pause * 2, LOCK_RETRY_MAX_MS)) {
      try {
        await sql`insert into ${lockTable(options)} (${sql.id('id')}, ${sql.id('is_locked')}) values (${heldRowId(options)}, ${1})`.execute(
          db,
        )
        return
      } catch (error) {
        if (!(error instanceof IrisUniqueViolationError)) throw error
        if (Date.now() > deadline) {
          throw new IrisLockError(
            `another migrator has held the migration lock for over ${LOCK_WAIT_MS / 60_000} minutes (a row with id '${heldRowId(options)}' in ${options.lockTable}); if no migrator is running, one stopped while holding it: delete that row and migrate again`,
            { cause: error },
          )
        }
        await new Promise((resolve) => setTimeout(resolve, pause))
      }
    }
  }

  async releaseMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await sql`delete from ${lockTable(options)} where ${sql.id('id')} = ${heldRowId(options)}`.execute(
      db,
    )
  }
}

/** Beside Kysely's own lock row, which it inserts once and never deletes. */
function heldRowId(options: MigrationLockOptions): string {
  return `${options.lockRowId}_held`
}

function lockTable({ lockTable, lockTableSchema }: MigrationLockOptions) {
  return lockTableSchema ? sql.table(`${lockTableSchema}.${lockTable}`) : sql.table(lockTable)
}
