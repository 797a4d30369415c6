/**
 * Remembers the plans of recently seen statements. Translation is pure (same text and options, same
 * plans) and costs about as much as running a simple statement, while clients repeat the same
 * parameterised SQL over and over; so the engine translates each distinct text once, until the
 * schema changes: plans read the catalog snapshot (`*` and INSERT without a column list,
 * docs/iris-sql.md#rowid).
 */
import type { Plan, TranslateOptions } from '../translate/plan.js'

const CAPACITY = 1000

const keyOf = (sql: string, options: TranslateOptions) => `${options.protocol}\u0000${sql}`

export class PlanCache {
  readonly #translate: (sql: string, options: TranslateOptions) => Plan[]
  readonly #plans = new Map<string, readonly Plan[]>()

  constructor(translate: (sql: string, options: TranslateOptions) => Plan[]) {
    this.#translate = translate
  }

  /** Forget every plan: the schema they were translated against changed (docs/iris-sql.md#rowid). */
  clear(): void {
    this.#plans.clear()
  }

  /** The plans for `sql`; never mutate them. Rejections (thrown SimErrors) are not cached. */
  plans(sql: string, options: TranslateOptions): readonly Plan[] {
    const key = keyOf(sql, options)
    const cached = this.#plans.get(key)
    if (cached) {
      // Most recently used last: Map keeps insertion order.
      this.#plans.delete(key)
      this.#plans.set(key, cached)
      return cached
    }
    const plans = this.#translate(sql, options)
    this.#plans.set(key, plans)
    if (this.#plans.size > CAPACITY) {
      const oldest = this.#plans.keys().next().value
      if (oldest !== undefined) this.#plans.delete(oldest)
    }
    return plans
  }

  /**
   * Puts `plan` in place of statement `index`'s plan of `sql`, when cached: the engine rewrote it
   * on PostgreSQL's error (mixed-type-repair.ts), and the next run of the text starts from it.
   */
  keep(sql: string, options: TranslateOptions, index: number, plan: Plan): void {
    const key = keyOf(sql, options)
    const plans = this.#plans.get(key)
    if (plans && index < plans.length)
      this.#plans.set(
        key,
        plans.map((cached, i) => (i === index ? plan : cached)),
      )
  }
}
