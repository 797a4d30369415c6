import pg from 'pg'

/**
 * What a server speaks decides which scenarios run on it: `iris` is IRIS SQL behind a PostgreSQL
 * wire server (the sim, or a real iris-pgwire); `postgres` is a plain PostgreSQL, where only SQL
 * valid for both runs.
 */
export type TargetKind = 'iris' | 'postgres'

/**
 * Guarantees some scenarios rest on and some front ends lack: `transactions`, that START
 * TRANSACTION ... COMMIT reaches the server as one transaction; `last-identity`, that
 * `SELECT LAST_IDENTITY()` runs in the session of the INSERT before it.
 */
export type FrontEndGuarantee = 'transactions' | 'last-identity'

/** A server the bench can connect to while it measures. */
export interface Target {
  /** `sim`, `postgres`, or `url` for a server given on the command line. */
  readonly id: string
  readonly kind: TargetKind
  readonly url: string
  /** One line for people: what the server is and how it was started. */
  readonly description: string
  readonly info: Record<string, unknown>
  /**
   * The guarantees this target's front end lacks, each with the reason a scenario that needs it is
   * reported as not run there.
   */
  readonly lacks: Partial<Record<FrontEndGuarantee, string>>
  /**
   * IrisDialect's `sessionModel` here: `per-connection` where each connection is its own session
   * (the sim's `iris` profile, PostgreSQL), which the dialect's probe cannot tell; `detect` behind
   * iris-pgwire, whose backends it recognises (docs/iris-sql.md#the-session-probe).
   */
  readonly sessionModel: 'per-connection' | 'detect'
  stop(): Promise<void>
}

/** What the JSON says about a target, whether it ran or not. */
export interface TargetRecord {
  id: string
  status: 'ran' | 'skipped' | 'failed'
  /** Why it was skipped or failed. */
  reason?: string
  kind?: TargetKind
  description?: string
  /** The connection URL with its password hidden. */
  url?: string
  info?: Record<string, unknown>
  /** What its front end does not guarantee, and why (see {@link Target.lacks}). */
  lacks?: Partial<Record<FrontEndGuarantee, string>>
}

/** A target that could not be started: skipped (binaries absent) or failed (anything else). */
export class TargetUnavailableError extends Error {
  override name = 'TargetUnavailableError'
  constructor(
    readonly status: 'skipped' | 'failed',
    message: string,
  ) {
    super(message)
  }
}

/**
 * `SELECT version()` names IRIS on iris-pgwire (docs/iris-sql.md#server-identity) and on the sim;
 * anything else is treated as PostgreSQL. A parameterless query, so it travels on the simple
 * protocol (docs/iris-sql.md#simple-and-extended-protocol).
 */
export async function probeServer(url: string): Promise<{ kind: TargetKind; version: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 20_000 })
  await client.connect()
  try {
    const result = await client.query({ text: 'SELECT version()', rowMode: 'array' })
    const version = String((result.rows[0] as unknown[] | undefined)?.[0] ?? '')
    return { kind: /IRIS/i.test(version) ? 'iris' : 'postgres', version }
  } finally {
    await client.end()
  }
}
