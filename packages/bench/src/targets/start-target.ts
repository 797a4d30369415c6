import type { Profile } from '@kysely-iris/sim'
import { redactConnectionString } from 'kysely-iris'
import { IRIS_PGWIRE_TARGETS, type IrisPgwireTarget, startIrisPgwire } from './iris-pgwire.js'
import { startLocalPostgres } from './local-postgres.js'
import { startSimProcess } from './sim-process.js'
import { probeServer, type Target, TargetUnavailableError } from './target.js'

/**
 * A target as the command line names it: `sim`, `postgres`, the real iris-pgwire on one of its
 * backends in front of the sim, `iris` (IRIS_URL) or a URL.
 */
export type TargetSpec =
  | 'sim'
  | 'postgres'
  | IrisPgwireTarget
  | 'iris'
  | `postgres://${string}`
  | `postgresql://${string}`

/** The targets the bench starts itself, by name. */
export const NAMED_TARGETS: readonly TargetSpec[] = [
  'sim',
  'postgres',
  ...(Object.keys(IRIS_PGWIRE_TARGETS) as IrisPgwireTarget[]),
  'iris',
]

export interface StartOptions {
  simProfile: Profile
}

/** The id a target's results are filed under: its name, or `url` for a server given by URL. */
export function targetId(spec: TargetSpec): string {
  return NAMED_TARGETS.includes(spec) ? spec : 'url'
}

export async function startTarget(spec: TargetSpec, options: StartOptions): Promise<Target> {
  if (spec === 'sim') return startSimProcess({ profile: options.simProfile })
  if (spec === 'postgres') return startLocalPostgres()
  if (Object.hasOwn(IRIS_PGWIRE_TARGETS, spec)) return startIrisPgwire(spec as IrisPgwireTarget)
  const url = spec === 'iris' ? process.env.IRIS_URL : spec
  if (!url) throw new TargetUnavailableError('skipped', 'target "iris" needs IRIS_URL to be set')
  return connectToServer(url)
}

/**
 * A server the user runs: connected to, never started or stopped. Whether it is IRIS or PostgreSQL
 * is read from `SELECT version()`.
 */
async function connectToServer(url: string): Promise<Target> {
  let probe: Awaited<ReturnType<typeof probeServer>>
  try {
    probe = await probeServer(url)
  } catch (error) {
    throw new TargetUnavailableError(
      'failed',
      `cannot connect to ${redactConnectionString(url)}: ${(error as Error).message}`,
    )
  }
  return {
    id: 'url',
    kind: probe.kind,
    url,
    description: `${probe.version} at ${redactConnectionString(url)}`,
    info: { serverVersion: probe.version },
    // Not known from outside: behind iris-pgwire's external backend the transaction scenarios
    // fail, with IrisDialect's IrisTransactionsUnsupportedError as the reason.
    lacks: {},
    sessionModel: probe.kind === 'postgres' ? 'per-connection' : 'detect',
    stop: async () => {},
  }
}
