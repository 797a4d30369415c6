/** Every statement the engine received, in arrival order, so tests can count round trips (`startSim().queryLog`). */
import type { ParameterValue } from './types.js'

export interface QueryLogEntry {
  /** The session's process id (BackendKeyData). */
  connectionId: number
  /** The statement as received (for a multi-statement simple query: each statement's own text). */
  sql: string
  params: ParameterValue[]
  /** `Date.now()` when it arrived. */
  at: number
}

/** How many entries the log keeps by default: a long-running sim must not grow without bound. */
export const DEFAULT_QUERY_LOG_LIMIT = 100_000

export class QueryLog {
  readonly entries: QueryLogEntry[] = []
  /** How many of the oldest entries were dropped to stay within the limit. */
  dropped = 0

  constructor(readonly limit: number = DEFAULT_QUERY_LOG_LIMIT) {}

  record(connectionId: number, sql: string, params: readonly ParameterValue[]): void {
    this.entries.push({ connectionId, sql, params: [...params], at: Date.now() })
    // Drop the oldest tenth at once rather than one entry per statement, so recording stays O(1) amortised.
    if (this.entries.length > this.limit) {
      const excess = this.entries.length - this.limit + Math.ceil(this.limit / 10)
      this.entries.splice(0, excess)
      this.dropped += excess
    }
  }

  clear(): void {
    this.entries.length = 0
    this.dropped = 0
  }
}
