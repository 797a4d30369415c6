/**
 * Kysely's marker for "the database rolled back instead of committing" (its
 * `AbortedTransactionError`, 0.28.19 and 0.29): a commit error carrying it makes Kysely mark the
 * transaction aborted and release the connection itself, and makes `transaction().execute()` skip
 * the rollback it would otherwise send.
 */
const ABORTED_TRANSACTION = Symbol.for('kysely.AbortedTransactionError')

/** Marks a commit error as Kysely's "rolled back instead of committed"; returns it. */
export function markAborted<E extends Error>(error: E): E {
  Object.defineProperty(error, ABORTED_TRANSACTION, { value: true })
  return error
}
