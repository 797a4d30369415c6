/**
 * Whether one pool's front end labels result columns as the select list names them, learnt from
 * its results: PostgreSQL and the simulator's `iris` profile do (docs/iris-sql.md#labels-and-row-counts);
 * iris-pgwire lower-cases and renames labels (docs/iris-sql.md#iris-pgwire-result-quirks), and IRIS
 * labels a column read from a table with its name as created (docs/iris-sql.md#identifiers). Until a
 * result has shown labels equal to the names, and after any has shown them different, rows are
 * read as arrays and keyed by position; in between, pg's own row objects are the rows
 * (./result-labels.ts, RowKeys), each result's labels still checked.
 */
export class LabelMatch {
  #state: 'unknown' | 'match' | 'differ' = 'unknown'

  /** Whether a select list's rows may come as pg's row objects. */
  get objectRows(): boolean {
    return this.#state === 'match'
  }

  /** Whether a result's labels are still worth comparing with its names. */
  get learning(): boolean {
    return this.#state === 'unknown'
  }

  /** A result's labels were, or were not, the names its select list gave. */
  observe(match: boolean): void {
    if (!match) this.#state = 'differ'
    else if (this.#state === 'unknown') this.#state = 'match'
  }
}
