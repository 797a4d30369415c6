/**
 * IRIS's transaction level ($TLEVEL) and its table of savepoint names, for one session's
 * transaction (docs/iris-sql.md#savepoints):
 * - START TRANSACTION sets the level to 1; a SAVEPOINT with no transaction in progress starts one,
 *   at level 1 too; every SAVEPOINT adds a level, up to 255;
 * - a SAVEPOINT name given again overwrites the earlier one in the table, so only the latest can be
 *   rolled back to;
 * - ROLLBACK TO SAVEPOINT returns to the level before the named savepoint and forgets it and every
 *   later one; at level 0 the transaction is over.
 * Each savepoint level is one PostgreSQL savepoint named after its level, so IRIS's names never
 * meet PostgreSQL's own rules for duplicates.
 */

/** $TLEVEL's maximum (docs/iris-sql.md#savepoints). */
const MAX_LEVEL = 255

/** The PostgreSQL savepoint that marks the start of savepoint level `level`. */
const levelSavepoint = (level: number): string => `iris_sim_level_${level}`

export class SavepointLevels {
  /** 1 when START TRANSACTION started the transaction, 0 when a SAVEPOINT did. */
  #base = 1
  /** The name of each savepoint level, oldest first; undefined once a later SAVEPOINT took its name. */
  #names: (string | undefined)[] = []

  /** $TLEVEL. */
  get level(): number {
    return this.#base + this.#names.length
  }

  /** A transaction starts: by START TRANSACTION (`base` 1) or by a SAVEPOINT (`base` 0). */
  start(base: 0 | 1): void {
    this.#base = base
    this.#names = []
  }

  /** Whether one more SAVEPOINT stays within $TLEVEL's maximum. */
  get canAdd(): boolean {
    return this.level < MAX_LEVEL
  }

  /** Records SAVEPOINT `name`; returns the PostgreSQL savepoint that marks it. */
  add(name: string): string {
    this.#names = this.#names.map((earlier) => (earlier === name ? undefined : earlier))
    this.#names.push(name)
    return levelSavepoint(this.level)
  }

  /**
   * ROLLBACK TO SAVEPOINT `name`: the PostgreSQL savepoint to roll back to, and forgets it and
   * every later one; undefined when `name` is not in the table.
   */
  rollBackTo(name: string): string | undefined {
    const index = this.#names.indexOf(name)
    if (index < 0) return undefined
    this.#names.length = index
    return levelSavepoint(this.level + 1)
  }
}
