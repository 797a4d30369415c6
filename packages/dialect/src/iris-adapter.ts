import { DialectAdapterBase, type Kysely, type MigrationLockOptions, sql } from 'kysely'
import { IrisLockError, IrisUniqueViolationError } from './errors.js'
import { MigrationLockQueue } from './migration-lock-queue.js'

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
  readonly #lockQueue = new MigrationLockQueue()

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
   * Migrators of this adapter first queue in memory (migration-lock-queue.ts), so that within a
   * process the lock passes from one to the next as soon as it is released, not at the next poll;
   * each waits there on the connection Kysely's Migrator took for it before asking for the lock.
   */
  async acquireMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS
    if (!(await this.#lockQueue.acquire(lockKey(options), db, deadline)))
      throw new IrisLockError(
        `another migrator of this process has held the migration lock for over ${LOCK_WAIT_MS / 60_000} minutes; wait for it to finish, or stop it, and migrate again`,
      )
    try {
      await insertLockRow(db, options, deadline)
    } catch (error) {
      this.#lockQueue.release(db)
      throw error
    }
  }

  /**
   * Deletes the lock row and passes the turn on, even when the delete fails. A migrator whose
   * acquire failed holds nothing (Kysely's Migrator releases then too), so another's row stays.
   */
  async releaseMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    if (!this.#lockQueue.holds(db)) return
    try {
      await sql`delete from ${lockTable(options)} where ${sql.id('id')} = ${heldRowId(options)}`.execute(
        db,
      )
    } finally {
      this.#lockQueue.release(db)
    }
  }
}

/** Inserts the lock row, retrying with a growing pause while another process holds it. */
async function insertLockRow(
  db: Kysely<unknown>,
  options: MigrationLockOptions,
  deadline: number,
): Promise<void> {
  for (let pause = 50; ; pause = Math.min(pause * 2, LOCK_RETRY_MAX_MS)) {
    try {
      await sql`insert into ${lockTable(options)} (${sql.id('id')}, ${sql.id('is_locked')}) values (${heldRowId(options)}, ${1})`.execute(
        db,
      )
      return
    } catch (error) {
      if (!(error instanceof IrisUniqueViolationError)) throw error
      if (Date.now() > deadline) throw lockWaitExceeded(options, error)
      await new Promise((resolve) => setTimeout(resolve, pause))
    }
  }
}

function lockWaitExceeded(options: MigrationLockOptions, cause: unknown): IrisLockError {
  return new IrisLockError(
    `another migrator has held the migration lock for over ${LOCK_WAIT_MS / 60_000} minutes (a row with id '${heldRowId(options)}' in ${options.lockTable}); if no migrator is running, one stopped while holding it: delete that row and migrate again`,
    { cause },
  )
}

/** The lock row a migrator contends for, as the in-process queue keys it. */
function lockKey({ lockTableSchema, lockTable, lockRowId }: MigrationLockOptions): string {
  return JSON.stringify([lockTableSchema ?? null, lockTable, lockRowId])
}

/** Beside Kysely's own lock row, which it inserts once and never deletes. */
function heldRowId(options: MigrationLockOptions): string {
  return `${options.lockRowId}_held`
}

function lockTable({ lockTable, lockTableSchema }: MigrationLockOptions) {
  return lockTableSchema ? sql.table(`${lockTableSchema}.${lockTable}`) : sql.table(lockTable)
}
