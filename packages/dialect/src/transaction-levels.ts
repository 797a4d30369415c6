import { IrisUnsupportedError } from './errors.js'

/** The highest transaction level ($TLEVEL) IRIS allows (docs/iris-sql.md#savepoints). */
const MAX_LEVEL = 255

/**
 * The savepoints of one connection's open transaction, as IRIS keeps them
 * (docs/iris-sql.md#savepoints): START TRANSACTION is level 1 and every SAVEPOINT adds one, which
 * only the transaction's end or a ROLLBACK TO SAVEPOINT gives back (IRIS has no RELEASE SAVEPOINT).
 * IRIS refuses the SAVEPOINT that would pass level 255 (SQLCODE -400), so this refuses it first,
 * before anything is sent. It counts the savepoints the dialect sends (Kysely's savepoint API and
 * chunked inserts), not those in raw SQL.
 */
export class TransactionLevels {
  /** Savepoint names, oldest first, lower-cased: IRIS compares them without case. */
  readonly #savepoints: string[] = []

  /** $TLEVEL inside the transaction. */
  get level(): number {
    return 1 + this.#savepoints.length
  }

  /** Throws, with nothing sent, when `savepoint` (what it is, for the message) would pass level 255. */
  assertRoomFor(savepoint: string): void {
    if (this.level < MAX_LEVEL) return
    throw new IrisUnsupportedError(
      `${savepoint} would be transaction level ${this.level + 1}, and IRIS allows at most ${MAX_LEVEL}: it keeps every savepoint's level until the transaction ends (there is no RELEASE SAVEPOINT, so releaseSavepoint() gives none back), and an insert chunked inside a transaction sets one savepoint. Nothing was sent. Split the work into several transactions, or use fewer savepoints and chunked inserts (raise maxParameters, or roll back to an earlier savepoint, which gives back the levels set after it)`,
    )
  }

  /** A SAVEPOINT went through: one level more. */
  saved(name: string): void {
    this.#savepoints.push(name.toLowerCase())
  }

  /**
   * A ROLLBACK TO SAVEPOINT went through: back to the level before the latest savepoint of that
   * name (a name given again overwrites the earlier one), forgetting it and every later one.
   */
  rolledBackTo(name: string): void {
    const index = this.#savepoints.lastIndexOf(name.toLowerCase())
    if (index >= 0) this.#savepoints.length = index
  }

  /**
   * The transaction ended (COMMIT, ROLLBACK, IRIS rolled it back after a -375, or its connection
   * was lost): level 0.
   */
  clear(): void {
    this.#savepoints.length = 0
  }
}
