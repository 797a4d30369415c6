/**
 * The targets a suite written for IRIS runs on (docs/iris-sql.md#iris-pgwire-backends): the sim's
 * `iris` profile, its model of iris-pgwire 1.0.1 on each backend
 * (docs/iris-sql.md#simulator-profiles), the real iris-pgwire on each backend in front of a sim of
 * profile `iris`, and the real server at IRIS_URL.
 */
import { pgwireAvailability } from '../front-end/pgwire-availability.js'
import type { PgwireBackend } from '../front-end/start-pgwire.js'
import type { Profile } from '../profiles.js'

export type Target =
  | 'sim-iris'
  | 'sim-pgwire-1.0-dbapi'
  | 'sim-pgwire-1.0-embedded'
  | 'iris-pgwire-dbapi'
  | 'iris-pgwire-embedded'
  | 'iris-url'

/** A target this machine starts: every one but `iris-url`. */
export type LocalTarget = Exclude<Target, 'iris-url'>

/** Every target this machine starts. */
export const LOCAL_TARGETS: readonly LocalTarget[] = [
  'sim-iris',
  'sim-pgwire-1.0-dbapi',
  'sim-pgwire-1.0-embedded',
  'iris-pgwire-dbapi',
  'iris-pgwire-embedded',
]

/**
 * The targets a suite runs on: IRIS_URL's server alone when it is set; else the comma-separated
 * KYSELY_IRIS_TEST_TARGETS when set (to narrow a run); else every local target.
 */
export function testTargets(env: NodeJS.ProcessEnv = process.env): readonly Target[] {
  if (env.IRIS_URL) return ['iris-url']
  const narrowed = env.KYSELY_IRIS_TEST_TARGETS
  if (!narrowed) return LOCAL_TARGETS
  const targets = narrowed.split(',').map((name) => name.trim())
  for (const target of targets) {
    if (!LOCAL_TARGETS.includes(target as LocalTarget))
      throw new Error(
        `KYSELY_IRIS_TEST_TARGETS names "${target}", which is not a target; use a comma-separated list of ${LOCAL_TARGETS.join(', ')}`,
      )
  }
  return targets as LocalTarget[]
}

/** The sim profile a target's client talks to, or undefined when its client reaches no sim directly. */
export function simProfileOf(target: Target): Profile | undefined {
  switch (target) {
    case 'sim-iris':
      return 'iris'
    case 'sim-pgwire-1.0-dbapi':
      return 'pgwire-1.0-dbapi'
    case 'sim-pgwire-1.0-embedded':
      return 'pgwire-1.0-embedded'
    default:
      return undefined
  }
}

/** The real iris-pgwire backend a target runs, if any. */
export function pgwireBackendOfTarget(target: Target): PgwireBackend | undefined {
  if (target === 'iris-pgwire-dbapi') return 'dbapi'
  if (target === 'iris-pgwire-embedded') return 'embedded'
  return undefined
}

/** Why a target cannot run here, or undefined when it can. */
export function targetUnavailable(target: Target): string | undefined {
  if (target === 'iris-url') return process.env.IRIS_URL ? undefined : 'IRIS_URL is not set'
  if (!pgwireBackendOfTarget(target)) return undefined
  const pgwire = pgwireAvailability()
  return pgwire.available ? undefined : pgwire.reason
}
