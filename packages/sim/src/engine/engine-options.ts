import type { Profile } from '../profiles.js'
import type { IrisVersion } from '../translate/plan.js'

export interface EngineOptions {
  /** What stands between the client and IRIS (docs/iris-sql.md#simulator-profiles). */
  profile: Profile
  /** e.g. [2025, 1]; below it LIMIT/OFFSET are rejected (docs/iris-sql.md#simulator-profiles). */
  irisVersion: IrisVersion
  /** Keep the database in this directory (kept across restarts); in memory when absent. */
  dataDir?: string
  /** How long a statement waits for another connection's transaction or a table lock before SQLCODE -110. */
  lockTimeoutMs: number
}
