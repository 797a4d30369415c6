import { spawnSim } from './sim-process.js'
import { type Target, TargetUnavailableError } from './target.js'

/**
 * The real iris-pgwire (Python) on each of its backends, as the sim's CLI names its front ends
 * (`iris-sim --front-end <name>`).
 */
export const IRIS_PGWIRE_TARGETS = {
  'iris-pgwire-dbapi': 'dbapi',
  'iris-pgwire-embedded': 'embedded',
} as const

export type IrisPgwireTarget = keyof typeof IRIS_PGWIRE_TARGETS

const BACKEND_NAMES = {
  dbapi: 'external (DB-API) backend',
  embedded: 'embedded backend',
} as const

/**
 * What each backend does not guarantee (docs/iris-sql.md#iris-pgwire-transactions). The embedded
 * backend runs every client in one IRIS process: transactions and LAST_IDENTITY() hold there
 * because the bench runs one operation at a time, and IrisDialect serialises its own transactions
 * and INSERT + LAST_IDENTITY() pairs within its pool.
 */
const LACKS: Record<IrisPgwireTarget, Target['lacks']> = {
  'iris-pgwire-dbapi': {
    transactions:
      "iris-pgwire's external (DB-API) backend answers START TRANSACTION, COMMIT and ROLLBACK itself and autocommits each statement on whichever pooled IRIS connection is free, so IrisDialect refuses transactions and atomic chunked inserts (IrisTransactionsUnsupportedError) and raw pg's would undo nothing (docs/iris-sql.md#iris-pgwire-transactions)",
    'last-identity':
      "iris-pgwire's external (DB-API) backend may run SELECT LAST_IDENTITY() on another pooled IRIS connection than the INSERT, so IrisDialect gives no insertId there (docs/iris-sql.md#iris-pgwire-transactions)",
  },
  'iris-pgwire-embedded': {},
}

/**
 * `iris-sim --front-end iris-pgwire-<backend>`: the sim (profile `iris`; iris-pgwire brings its own
 * quirks) with the real iris-pgwire in front, both in processes of their own. Skipped, with what
 * is missing and how to get it, when iris-pgwire cannot run here (IRIS_PGWIRE_SRC unset, Python or
 * its packages absent).
 */
export async function startIrisPgwire(target: IrisPgwireTarget): Promise<Target> {
  // Loaded only for these targets: the sim's package also brings PGlite.
  const { pgwireAvailability } = await import('@kysely-iris/sim')
  const availability = pgwireAvailability()
  if (!availability.available)
    throw new TargetUnavailableError('skipped', oneLine(availability.reason))
  const backend = IRIS_PGWIRE_TARGETS[target]
  const sim = await spawnSim(['--front-end', target])
  const source = process.env.IRIS_PGWIRE_SRC || 'the iris_pgwire module on the Python path'
  return {
    id: target,
    kind: 'iris',
    url: sim.url,
    description: `iris-pgwire, ${BACKEND_NAMES[backend]}, in front of iris-sim (PGlite, profile iris), own processes (sim pid ${sim.pid})`,
    info: {
      serverVersion: sim.serverVersion,
      frontEnd: 'iris-pgwire',
      backend,
      irisPgwireSource: source,
      simProfile: 'iris',
      pid: sim.pid,
      process: 'separate',
    },
    lacks: LACKS[target],
    sessionModel: 'detect',
    stop: sim.stop,
  }
}

/** The sim lists what is missing one per line; a target's reason is one line of the report. */
function oneLine(reason: string): string {
  return reason.replace('\n- ', ' ').replaceAll('\n- ', '; ')
}
