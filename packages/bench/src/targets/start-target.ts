import { startLocalPostgres } from './local-postgres.js'
import { startSimProcess } from './sim-process.js'
import { probeServer, redactUrl, type Target, TargetUnavailableError } from './target.js'

/** A target as the command line names it: `sim`, `postgres`, `iris` (IRIS_URL) or a URL. */
export type TargetSpec =
  | 'sim'
  | 'postgres'
  | 'iris'
  | `postgres://${string}`
  | `postgresql://${string}`

export interface StartOptions {
  simProfile: 'iris' | 'pgwire-1.0'
}

export async function startTarget(spec: TargetSpec, options: StartOptions): Promise<Target> {
  if (spec === 'sim') return startSimProcess({ profile: options.simProfile })
  if (spec === 'postgres') return startLocalPostgres()
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
      `cannot connect to ${redactUrl(url)}: ${(error as Error).message}`,
    )
  }
  return {
    id: 'url',
    kind: probe.kind,
    url,
    description: `${probe.version} at ${redactUrl(url)}`,
    info: { serverVersion: probe.version },
    stop: async () => {},
  }
}
