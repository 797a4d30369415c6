import { IrisConnectionError, IrisError, IrisTimeoutError } from './errors.js'

/**
 * How the front end maps `pg` connections onto IRIS sessions
 * (docs/iris-sql.md#iris-pgwire-backends):
 * - `per-connection`: each connection is its own IRIS session, and transactions are honoured;
 * - `shared-process`: transactions are honoured, but every connection shares one IRIS process,
 *   its transaction and its `LAST_IDENTITY()` (iris-pgwire's embedded backend);
 * - `pooled-autocommit`: transactions never reach IRIS, and each statement autocommits on
 *   whichever pooled IRIS connection is free (iris-pgwire's external, DB-API backend).
 */
export type IrisSessionModel = 'per-connection' | 'shared-process' | 'pooled-autocommit'

export const SESSION_MODELS: readonly IrisSessionModel[] = [
  'per-connection',
  'shared-process',
  'pooled-autocommit',
]

/** Runs one statement the probe writes; rejects with the mapped IrisError. */
export type ProbeStatement = (sql: string) => Promise<void>

/** A second connection, separate from the pool, opened only for the probe. */
export interface ProbeConnection {
  readonly run: ProbeStatement
  close(): Promise<void>
}

const SAVEPOINT = 'savepoint "kysely_iris_probe"'

/**
 * Finds the session model from what IRIS documents about savepoints: `SAVEPOINT` outside a
 * transaction fails (docs/iris-sql.md#transaction-statements). No row is read or written.
 *
 * 1. `START TRANSACTION`, then `SAVEPOINT` on the same connection: a failure means the
 *    transaction never reached IRIS (`pooled-autocommit`).
 * 2. `SAVEPOINT` on a second connection: success means it sees the first one's transaction, so the
 *    connections share one process (`shared-process`). Without a second connection the answer is
 *    `shared-process`, the model that is safe on every front end.
 * 3. `COMMIT` (not ROLLBACK: in a shared process, another client's autocommitted writes made
 *    meanwhile belong to this transaction, and must stay), then `SAVEPOINT` again on the first
 *    connection: success means the transaction outlived its COMMIT, so COMMIT never reached IRIS
 *    and the first savepoint landed on a pooled IRIS connection some other client left inside a
 *    transaction (`pooled-autocommit`).
 */
export async function probeSessionModel(
  first: ProbeStatement,
  openSecond: () => Promise<ProbeConnection | undefined>,
): Promise<IrisSessionModel> {
  await first('start transaction')
  if (!(await succeeds(first, SAVEPOINT))) {
    await first('rollback')
    return 'pooled-autocommit'
  }
  let shared = true
  try {
    const second = await openSecond()
    if (second) {
      try {
        shared = await succeeds(second.run, SAVEPOINT)
      } finally {
        await second.close()
      }
    }
  } finally {
    await first('commit')
  }
  if (await succeeds(first, SAVEPOINT)) return 'pooled-autocommit'
  return shared ? 'shared-process' : 'per-connection'
}

/** True when `sql` ran; false when the server refused it; a lost connection is rethrown. */
async function succeeds(run: ProbeStatement, sql: string): Promise<boolean> {
  try {
    await run(sql)
    return true
  } catch (error) {
    if (
      !(error instanceof IrisError) ||
      error instanceof IrisConnectionError ||
      error instanceof IrisTimeoutError
    )
      throw error
    return false
  }
}
