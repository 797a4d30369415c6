/** What every session of one engine shares. */
import type { Plan, TranslateOptions } from '../translate/plan.js'
import type { Backend, RawResult } from './backend.js'
import type { EngineOptions } from './engine-options.js'
import type { FifoLock } from './fifo-lock.js'
import type { QueryLog } from './query-log.js'
import type { ShownTypes } from './shown-types.js'
import type { TableInfo } from './table-info.js'
import type { TableLocks } from './table-locks.js'
import type { FieldDescription, StatementResult } from './types.js'

export interface EngineContext {
  readonly options: EngineOptions
  readonly backend: Backend
  /** Who may use the single PostgreSQL session right now (session.ts). */
  readonly backendLock: FifoLock
  readonly tableLocks: TableLocks
  readonly tables: TableInfo
  /** The type OIDs clients see (the sim's string type as VARCHAR). */
  readonly shownTypes: ShownTypes
  readonly queryLog: QueryLog
  /**
   * Translation against the catalog snapshot: of every statement (cached: profile and IRIS version
   * are fixed per engine), or of the one numbered `statement` (not cached).
   */
  translate(sql: string, options: TranslateOptions, statement?: number): readonly Plan[]
  /** Caches `plan` as statement `index`'s translation of `sql` (a plan rewritten on an error). */
  keepPlan(sql: string, options: TranslateOptions, index: number, plan: Plan): void
  /**
   * DDL ran, or a rollback undid some: forget what is cached about tables and plans, and take the
   * catalog snapshot again (docs/iris-sql.md#rowid). Call while holding the backend.
   */
  schemaChanged(): Promise<void>
  /**
   * The version of the catalog snapshot `translate` uses now (catalog-snapshot.ts): a plan
   * translated under an older one may be stale.
   */
  schemaVersion(): number
  /** The result as the profile presents it (docs/iris-sql.md#simulator-profiles). */
  shape(raw: RawResult, plan: Plan): Promise<StatementResult>
  describeFields(fields: FieldDescription[], plan: Plan): Promise<FieldDescription[]>
  /** The session ended. */
  forget(processId: number): void
}
