import { pgwireAvailability } from '@kysely-iris/sim'
import { describe } from 'vitest'
import { realIrisUrl, type TestTarget } from './server.js'

/**
 * The integration matrix (docs/iris-sql.md#iris-pgwire-backends): the sim's `iris` profile, its
 * model of iris-pgwire 1.0 on each backend, and the real iris-pgwire on both backends; or, when
 * IRIS_URL is set, that server alone. KYSELY_IRIS_TEST_TARGETS (comma-separated) narrows it, as the
 * Kysely 0.28 run does (../../vitest.kysely028.config.ts).
 */
export const TARGETS: readonly TestTarget[] = realIrisUrl
  ? ['iris-url']
  : process.env.KYSELY_IRIS_TEST_TARGETS
    ? (process.env.KYSELY_IRIS_TEST_TARGETS.split(',') as TestTarget[])
    : [
        'sim-iris',
        'sim-pgwire-1.0-dbapi',
        'sim-pgwire-1.0-embedded',
        'iris-pgwire-dbapi',
        'iris-pgwire-embedded',
      ]

const pgwire = pgwireAvailability()

/** Why a target cannot run here, or undefined when it can. */
function unavailable(target: TestTarget): string | undefined {
  if (!target.startsWith('iris-pgwire-') || pgwire.available) return undefined
  return pgwire.reason
}

/**
 * `describe` once per target: `body` registers the tests for one target. A target that cannot run
 * here is skipped with the reason in its title (as IRIS_URL tests are), never silently.
 */
export function describeTargets(
  title: string,
  body: (target: TestTarget) => void,
  targets: readonly TestTarget[] = TARGETS,
): void {
  for (const target of targets) {
    const reason = unavailable(target)
    const name = `${title} (${target})`
    if (reason) describe.skip(`${name} [skipped: ${reason}]`, () => body(target))
    else describe(name, () => body(target))
  }
}

/**
 * What a target's front end promises (docs/iris-sql.md#iris-pgwire-transactions,
 * docs/iris-sql.md#iris-pgwire-result-quirks), so one test states each outcome it accepts.
 */
export interface FrontEndTraits {
  /** Transactions reach IRIS; else the dialect refuses them up front. */
  readonly transactions: Known
  /**
   * Every connection shares one IRIS process, so the dialect runs a transaction alone in its pool
   * (src/session-lane.ts).
   */
  readonly sharedProcess: Known
  /** `SELECT *` comes back with the columns' names, not `column1..N`. */
  readonly namesStarColumns: Known
  /** iris-pgwire, or the sim's model of it, is in front: a literal LIMIT is rewritten, DML tags say 0. */
  readonly irisPgwire: boolean
  /** DML command tags carry the affected-row count; else they say 0. */
  readonly rowCounts: Known
  /** insertId can be trusted; else the dialect leaves it out. */
  readonly insertId: Known
}

/** `undefined` at IRIS_URL, whose front end a test cannot know in advance: either outcome holds. */
type Known = boolean | undefined

const IRIS_PGWIRE = { irisPgwire: true, rowCounts: false } as const

export function traitsOf(target: TestTarget): FrontEndTraits {
  switch (target) {
    case 'sim-pgwire-1.0-dbapi':
    case 'iris-pgwire-dbapi':
      return {
        ...IRIS_PGWIRE,
        transactions: false,
        sharedProcess: false,
        insertId: false,
        namesStarColumns: true,
      }
    case 'sim-pgwire-1.0-embedded':
    case 'iris-pgwire-embedded':
      return {
        ...IRIS_PGWIRE,
        transactions: true,
        sharedProcess: true,
        insertId: true,
        namesStarColumns: false,
      }
    case 'iris-url':
      return {
        ...IRIS_PGWIRE,
        transactions: undefined,
        sharedProcess: undefined,
        insertId: undefined,
        rowCounts: undefined,
        namesStarColumns: undefined,
      }
    case 'sim-pgwire-1.0':
      // The profile mixes both backends' result quirks (docs/iris-sql.md#simulator-profiles).
      return { ...traitsOf('sim-iris'), namesStarColumns: false }
    default:
      return {
        transactions: true,
        sharedProcess: false,
        irisPgwire: false,
        rowCounts: true,
        insertId: true,
        namesStarColumns: true,
      }
  }
}
