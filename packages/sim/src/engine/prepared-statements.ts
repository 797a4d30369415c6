/**
 * The named PostgreSQL prepared statements the backend keeps in PGlite, one per recently run SQL
 * text, so that a text run again is only bound and executed: PostgreSQL parses and analyses it
 * once, and plans it once when its generic plan is as cheap as a custom one. Clients repeat the
 * same parameterised SQL over and over, and on PGlite parsing and planning a point select costs
 * about as much as running it. Results are the same either way; a prepared statement whose tables
 * changed is one PostgreSQL itself analyses again, and the engine forgets every statement when the
 * schema changes (`clear`), as it forgets its translations, so that a `*` whose columns changed is
 * never run from its old statement ("cached plan must not change result type").
 */

const CAPACITY = 100

export class PreparedStatements {
  /** Statement name by SQL text, least recently used first (Map keeps insertion order). */
  readonly #names = new Map<string, string>()
  /** Names PostgreSQL may still hold but that are no longer used: closed with the next batch. */
  #unused: string[] = []
  #next = 0

  /** The name `sql` is prepared under, if it is. */
  nameOf(sql: string): string | undefined {
    const name = this.#names.get(sql)
    if (name !== undefined) {
      this.#names.delete(sql)
      this.#names.set(sql, name)
    }
    return name
  }

  /** A name never used before, for a new Parse (a failed Parse may or may not have created it). */
  newName(): string {
    return `iris_sim_${this.#next++}`
  }

  /** `name` was parsed for `sql` and ran: later runs of `sql` use it. */
  prepared(sql: string, name: string): void {
    this.#names.set(sql, name)
    if (this.#names.size <= CAPACITY) return
    const [oldest, oldestName] = this.#names.entries().next().value as [string, string]
    this.#names.delete(oldest)
    this.#unused.push(oldestName)
  }

  /** `name` was sent in a batch that failed before it ran: it is closed, never used. */
  failed(name: string): void {
    this.#unused.push(name)
  }

  /** The schema changed: no statement prepared so far is used again. */
  clear(): void {
    this.#unused.push(...this.#names.values())
    this.#names.clear()
  }

  /** The names to close before the next batch (closing a name PostgreSQL lacks is no error). */
  takeUnused(): string[] {
    const unused = this.#unused
    this.#unused = []
    return unused
  }
}
