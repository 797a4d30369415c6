import { pgwireAvailability, startPgwire, startSim } from '@kysely-iris/sim'
import { describe } from 'vitest'

/**
 * Where a live test runs (docs/iris-sql.md#iris-pgwire-backends): the sim with its `iris` or
 * `pgwire-1.0` profile (docs/iris-sql.md#simulator-profiles), or the real iris-pgwire 1.0 on its
 * external (DB-API) or embedded backend, in front of a sim of profile `iris`.
 */
export type TestTarget =
  | 'sim-iris'
  | 'sim-pgwire-1.0'
  | 'iris-pgwire-dbapi'
  | 'iris-pgwire-embedded'

export const TARGETS: readonly TestTarget[] = [
  'sim-iris',
  'sim-pgwire-1.0',
  'iris-pgwire-dbapi',
  'iris-pgwire-embedded',
]

export interface TargetServer {
  readonly target: TestTarget
  /** Where the client connects: the sim, or iris-pgwire in front of it. */
  readonly url: string
  /** The sim itself, behind the front end: to set things up as a tool other than iris-pgwire would. */
  readonly simUrl: string
  stop(): Promise<void>
}

/** Starts one target; pair with `stop()` in afterAll. */
export async function startTarget(target: TestTarget): Promise<TargetServer> {
  const sim = await startSim({
    port: 0,
    profile: target === 'sim-pgwire-1.0' ? 'pgwire-1.0' : 'iris',
  })
  if (target === 'sim-iris' || target === 'sim-pgwire-1.0')
    return { target, url: sim.url, simUrl: sim.url, stop: () => sim.stop() }
  const backend = target === 'iris-pgwire-dbapi' ? 'dbapi' : 'embedded'
  const pgwire = await startPgwire({ backend, sim }).catch(async (error: unknown) => {
    await sim.stop()
    throw error
  })
  return {
    target,
    url: pgwire.url,
    simUrl: sim.url,
    async stop() {
      await pgwire.stop()
      await sim.stop()
    },
  }
}

/**
 * `describe` once per target. The real iris-pgwire needs Python and its source
 * (IRIS_PGWIRE_SRC); where it cannot run, its targets are skipped with the reason in the title,
 * never silently.
 */
export function describeTargets(
  title: string,
  body: (target: TestTarget) => void,
  targets: readonly TestTarget[] = TARGETS,
): void {
  const pgwire = pgwireAvailability()
  for (const target of targets) {
    const name = `${title} (${target})`
    if (target.startsWith('iris-pgwire-') && !pgwire.available)
      describe.skip(`${name} [skipped: ${pgwire.reason}]`, () => body(target))
    else describe(name, () => body(target))
  }
}
