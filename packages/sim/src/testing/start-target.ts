import { type PgwireOptions, startPgwire } from '../front-end/start-pgwire.js'
import type { SimOptions } from '../options.js'
import { type Sim, startSim } from '../start-sim.js'
import { pgwireBackendOfTarget, simProfileOf, type Target } from './targets.js'

export interface StartedTarget {
  readonly target: Target
  /** Where a client connects: the sim, the real iris-pgwire in front of it, or IRIS_URL. */
  readonly url: string
  /**
   * The sim a client talks to directly, with its hooks (query log, dropped connections); absent
   * behind the real iris-pgwire and at IRIS_URL.
   */
  readonly sim: Sim | undefined
  /**
   * The sim behind the real iris-pgwire or the client, reached without a front end (to set things
   * up or look from outside, as a tool other than iris-pgwire would); absent at IRIS_URL.
   */
  readonly iris: Sim | undefined
  stop(): Promise<void>
}

export interface StartTargetOptions {
  /** Options for the sim the target starts; its profile and port come from the target. */
  readonly sim?: Omit<SimOptions, 'profile' | 'port'>
  /** Options for the real iris-pgwire the target starts (its backend comes from the target). */
  readonly pgwire?: Omit<PgwireOptions, 'backend' | 'sim'>
}

/**
 * Starts one target on free ports; pair with `stop()` (in afterAll). `iris-url` starts nothing: it
 * is the server at IRIS_URL.
 */
export async function startTarget(
  target: Target,
  options: StartTargetOptions = {},
): Promise<StartedTarget> {
  if (target === 'iris-url') {
    const url = process.env.IRIS_URL
    if (!url)
      throw new Error('target iris-url needs IRIS_URL; set it to the server to test against')
    return { target, url, sim: undefined, iris: undefined, stop: async () => {} }
  }
  const backend = pgwireBackendOfTarget(target)
  const sim = await startSim({ ...options.sim, port: 0, profile: simProfileOf(target) ?? 'iris' })
  try {
    if (!backend) return { target, url: sim.url, sim, iris: sim, stop: () => sim.stop() }
    const pgwire = await startPgwire({ ...options.pgwire, backend, sim })
    return {
      target,
      url: pgwire.url,
      sim: undefined,
      iris: sim,
      async stop() {
        await pgwire.stop()
        await sim.stop()
      },
    }
  } catch (error) {
    await sim.stop()
    throw error
  }
}
