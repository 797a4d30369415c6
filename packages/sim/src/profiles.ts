/**
 * The sim's profiles (docs/iris-sql.md#simulator-profiles): what stands between the client and
 * IRIS.
 * - `iris`: IRIS behind a well-behaved wire server.
 * - `pgwire-1.0-dbapi`, `pgwire-1.0-embedded`: iris-pgwire 1.0.1 on one backend each
 *   (docs/iris-sql.md#iris-pgwire-backends), its sessions, transactions, Describe and results.
 */
import type { PgwireBackend } from './front-end/start-pgwire.js'

export type Profile = 'iris' | 'pgwire-1.0-dbapi' | 'pgwire-1.0-embedded'

export const PROFILES: readonly Profile[] = ['iris', 'pgwire-1.0-dbapi', 'pgwire-1.0-embedded']

/** The iris-pgwire backend a profile models, if any. */
export function pgwireBackendOf(profile: Profile): PgwireBackend | undefined {
  if (profile === 'pgwire-1.0-dbapi') return 'dbapi'
  if (profile === 'pgwire-1.0-embedded') return 'embedded'
  return undefined
}

/**
 * Every profile but `iris` puts iris-pgwire in front: its text rewrites, parameter re-typing and
 * ignored Execute row limit (docs/iris-sql.md#simulator-profiles).
 */
export function behindPgwire(profile: Profile): boolean {
  return profile !== 'iris'
}
