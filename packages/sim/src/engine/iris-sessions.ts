/**
 * How iris-pgwire's executor reaches IRIS for one statement, which differs by backend
 * (docs/iris-sql.md#iris-pgwire-backends): a pool of IRIS sessions (session-pool.ts), or one
 * session shared by every client (shared-session.ts).
 */
import type { IrisSession } from './session.js'

export interface IrisSessions {
  /** Runs `work` on an IRIS session of the backend's choosing; what becomes of it after is the backend's. */
  use<T>(work: (session: IrisSession) => Promise<T>): Promise<T>
  /** Closes every session, rolling back their transactions. */
  close(): Promise<void>
}
