/**
 * Every error kysely-iris raises is an {@link IrisError}. Server errors carry the IRIS SQLCODE that
 * iris-pgwire puts in the message (docs/iris-sql.md#error-format); client errors are raised before
 * anything is sent.
 */

export interface IrisErrorOptions {
  /** The IRIS SQLCODE (negative), when the server reported one (docs/iris-sql.md#sqlcodes). */
  readonly sqlcode?: number | undefined
  /**
   * The SQLSTATE the server sent; iris-pgwire sends `42000` for every IRIS error
   * (docs/iris-sql.md#error-format).
   */
  readonly sqlstate?: string | undefined
  /** The SQL text that failed, when there was one. Parameters are never included. */
  readonly sql?: string | undefined
  /** The original error, e.g. the `pg` DatabaseError. */
  readonly cause?: unknown
}

export class IrisError extends Error {
  override name = 'IrisError'
  readonly sqlcode: number | undefined
  readonly sqlstate: string | undefined
  readonly sql: string | undefined

  constructor(message: string, options: IrisErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.sqlcode = options.sqlcode
    this.sqlstate = options.sqlstate
    this.sql = options.sql
  }
}

// Server errors (docs/iris-sql.md#sqlcodes).

/** SQLCODE -119 / -120: a UNIQUE or PRIMARY KEY constraint failed on INSERT / UPDATE. */
export class IrisUniqueViolationError extends IrisError {
  override name = 'IrisUniqueViolationError'
}

/** SQLCODE -108: a required (NOT NULL) field is missing. */
export class IrisNotNullViolationError extends IrisError {
  override name = 'IrisNotNullViolationError'
}

/** SQLCODE -121 .. -124: a FOREIGN KEY check failed. */
export class IrisForeignKeyViolationError extends IrisError {
  override name = 'IrisForeignKeyViolationError'
}

/** SQLCODE -30 (table or view) or -29 (field): the named object does not exist. */
export class IrisNotFoundError extends IrisError {
  override name = 'IrisNotFoundError'
}

/** SQLCODE -1, -12, -25, -386: IRIS could not parse or accept the statement. */
export class IrisSyntaxError extends IrisError {
  override name = 'IrisSyntaxError'
}

/** SQLCODE -110 / -114: a lock could not be had in time. */
export class IrisLockError extends IrisError {
  override name = 'IrisLockError'
}

/** SQLCODE -257 .. -259: vectors of different element types or lengths were combined. */
export class IrisVectorMismatchError extends IrisError {
  override name = 'IrisVectorMismatchError'
}

// Client errors: raised by kysely-iris itself.

/**
 * A construct IRIS lacks, refused at compile time rather than silently changed; or a limit IRIS
 * has (its 255 transaction levels: docs/iris-sql.md#savepoints), refused before the statement that
 * would pass it is sent.
 */
export class IrisUnsupportedError extends IrisError {
  override name = 'IrisUnsupportedError'
}

/**
 * The front end does not honour transactions: iris-pgwire's external (DB-API) backend answers
 * START TRANSACTION, COMMIT and ROLLBACK itself and runs every statement in autocommit on a pooled
 * IRIS connection (docs/iris-sql.md#iris-pgwire-transactions). Raised before anything is written.
 */
export class IrisTransactionsUnsupportedError extends IrisUnsupportedError {
  override name = 'IrisTransactionsUnsupportedError'
}

/** A value or identifier that cannot be sent safely or correctly. Nothing was sent. */
export class IrisInputError extends IrisError {
  override name = 'IrisInputError'
}

/**
 * The dialect or a helper was configured wrongly, or needs an option declared (a `sessionModel` the
 * probe cannot find: docs/iris-sql.md#the-session-probe); the message says what to fix.
 */
export class IrisConfigError extends IrisError {
  override name = 'IrisConfigError'
}

/** The connection could not be made, or was lost. */
export class IrisConnectionError extends IrisError {
  override name = 'IrisConnectionError'
}

/** A connection, statement or pool acquisition timed out, or the query was aborted. */
export class IrisTimeoutError extends IrisError {
  override name = 'IrisTimeoutError'
}
