import { markAborted } from './aborted-transaction.js'
import { IrisConnectionError } from './errors.js'

/** What a pooled client must offer to report a socket that dies while checked out. */
interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown
}

/**
 * Listens for a dropped socket on a client the pool has handed out. `pg` emits 'error' on the
 * client when the socket dies between queries, and the pool listens only while the client is idle:
 * without this listener Node would crash the process. `onLost` marks the connection for discarding.
 */
export function watchConnectionLoss(client: object, onLost: (error: Error) => void): void {
  const emitter = client as Partial<ErrorEmitter>
  if (typeof emitter.on === 'function') emitter.on('error', onLost)
}

/**
 * The error for a COMMIT refused because the connection was already lost or discarded (a dropped
 * socket, an abort, a timeout): the server rolls back a disconnected session's transaction (the sim
 * does the same), so nothing of it was committed. The cause, when known, is the failure that took
 * the connection.
 */
export function uncommittedTransactionError(cause: unknown): IrisConnectionError {
  return markAborted(
    new IrisConnectionError(
      'the transaction was not committed: its connection was lost before COMMIT and the server rolls the transaction back; run the transaction again',
      { cause },
    ),
  )
}

/**
 * The error for a COMMIT whose connection died while it was in flight (IrisDriver.commitTransaction
 * when `run('commit')` fails with IrisConnectionError): the server may have committed before the
 * socket went, so "not committed" would invite a duplicate retry; the message says to check.
 * Carries no aborted marker: Kysely keeps the transaction open until `rollback()`, which releases it.
 */
export function commitOutcomeUnknownError(cause: unknown): IrisConnectionError {
  return new IrisConnectionError(
    'the connection was lost during COMMIT, so whether the transaction was committed is unknown; check the data before running it again',
    { cause },
  )
}
