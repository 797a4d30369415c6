import { IrisError } from './errors.js'

/**
 * SQLCODE -375: ROLLBACK TO SAVEPOINT named a savepoint IRIS does not hold (never set, rolled back
 * to already, or overwritten by a later one of the same name). IRIS then rolls back the whole
 * transaction (docs/iris-sql.md#savepoints).
 */
const SAVEPOINT_NOT_HELD = -375

/** Whether `error` is IRIS's -375, after which no transaction is open on the server. */
export function endedTransaction(error: IrisError): boolean {
  return error.sqlcode === SAVEPOINT_NOT_HELD
}

/**
 * The error for a statement, or the COMMIT, of a transaction IRIS rolled back on its own after a
 * -375 (`cause`, the server's error; `sql`, the statement that failed with it). Going on would run
 * every later statement without a transaction, each autocommitted, and commit nothing: so the
 * dialect refuses them, sending nothing, until the caller rolls back.
 */
export function rolledBackTransactionError(cause: unknown, sql?: string): IrisError {
  return new IrisError(
    'IRIS rolled the whole transaction back when ROLLBACK TO SAVEPOINT named a savepoint it did not hold (SQLCODE -375): nothing of it was kept, and nothing more is sent in it. Roll back and start the transaction again',
    { sqlcode: SAVEPOINT_NOT_HELD, sql, cause },
  )
}
