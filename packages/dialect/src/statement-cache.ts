/**
 * The pool's schema generation: DDL that went through the pool moves it on, and every connection's
 * StatementCache then prepares its statements afresh.
 */
export class SchemaGeneration {
  #value = 0

  get value(): number {
    return this.#value
  }

  /** DDL went through the pool: prepared statements may describe tables that changed. */
  advance(): void {
    this.#value++
  }
}

/**
 * The names of one connection's prepared statements, keyed by SQL text. The server then parses
 * (and, on PostgreSQL, plans) a statement once per connection: iris-pgwire translates a named
 * statement once, at Parse, and executes the stored translation on each Execute
 * (docs/iris-sql.md#prepared-statements).
 *
 * Bounded: at most `capacity` names are ever handed out on a connection, and a statement beyond
 * them runs unnamed. No statement is evicted, because none can be closed: node-postgres sends no
 * Close for a named statement, and iris-pgwire answers DEALLOCATE without deallocating
 * (docs/iris-sql.md#prepared-statements). A statement is named afresh (the old one is never used
 * again) after it failed, and every one after DDL went through the pool.
 */
export class StatementCache {
  readonly #names = new Map<string, string>()
  readonly #capacity: number
  readonly #schema: SchemaGeneration
  #generation: number
  #issued = 0

  constructor(capacity: number, schema: SchemaGeneration) {
    this.#capacity = capacity
    this.#schema = schema
    this.#generation = schema.value
  }

  /** The name to prepare `sql` under on this connection; undefined: run it unnamed. */
  nameOf(sql: string): string | undefined {
    if (this.#generation !== this.#schema.value) {
      this.#generation = this.#schema.value
      this.#names.clear()
    }
    const known = this.#names.get(sql)
    if (known !== undefined || this.#issued >= this.#capacity) return known
    const name = `kysely_iris_${++this.#issued}`
    this.#names.set(sql, name)
    return name
  }

  /** `sql` failed under its name: whatever the server holds for it is never used again. */
  forget(sql: string): void {
    this.#names.delete(sql)
  }
}
