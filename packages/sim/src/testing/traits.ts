/**
 * What a target's front end promises (docs/iris-sql.md#iris-pgwire-transactions,
 * docs/iris-sql.md#iris-pgwire-result-quirks), so that one test can state each outcome it accepts.
 */
import type { Target } from './targets.js'

/** `undefined` at IRIS_URL, whose front end a test cannot know in advance: either outcome holds. */
export type Known = boolean | undefined

export interface FrontEndTraits {
  /** Transactions reach IRIS. */
  readonly transactions: Known
  /** Every client connection shares one IRIS process (iris-pgwire's embedded backend). */
  readonly sharedProcess: Known
  /** `SELECT *` comes back with the columns' names, not `column1..N`. */
  readonly namesStarColumns: Known
  /** iris-pgwire, or the sim's model of it, is in front: a literal LIMIT is rewritten, labels are lower-cased. */
  readonly irisPgwire: boolean
  /** DML command tags carry the affected-row count; else they say 0. */
  readonly rowCounts: Known
  /**
   * `LAST_IDENTITY()` on the client connection that ran an INSERT names that INSERT's row, as long
   * as no other client writes in between; not so on the external backend, whose statements run on
   * whichever pooled IRIS connection is free.
   */
  readonly lastIdentity: Known
}

const IRIS_PGWIRE = { irisPgwire: true, rowCounts: false } as const

export function traitsOf(target: Target): FrontEndTraits {
  switch (target) {
    case 'sim-pgwire-1.0-dbapi':
    case 'iris-pgwire-dbapi':
      return {
        ...IRIS_PGWIRE,
        transactions: false,
        sharedProcess: false,
        lastIdentity: false,
        namesStarColumns: true,
      }
    case 'sim-pgwire-1.0-embedded':
    case 'iris-pgwire-embedded':
      return {
        ...IRIS_PGWIRE,
        transactions: true,
        sharedProcess: true,
        lastIdentity: true,
        namesStarColumns: false,
      }
    case 'iris-url':
      return {
        ...IRIS_PGWIRE,
        transactions: undefined,
        sharedProcess: undefined,
        lastIdentity: undefined,
        rowCounts: undefined,
        namesStarColumns: undefined,
      }
    case 'sim-iris':
      return {
        transactions: true,
        sharedProcess: false,
        irisPgwire: false,
        rowCounts: true,
        lastIdentity: true,
        namesStarColumns: true,
      }
  }
}
