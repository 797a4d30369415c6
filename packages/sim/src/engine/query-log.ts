/** Every statement the engine received, in arrival order, so tests can count round trips (issue 2, `startSim().queryLog`). */
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

export class QueryLog {
  readonly entries: QueryLogEntry[] = []

  record(connectionId: number, sql: string, params: readonly ParameterValue[]): void {
    this.entries.push({ connectionId, sql, params: [...params], at: Date.now() })
  }

  clear(): void {
    this.entries.length = 0
  }
}
