/**
 * Typed failures of {@link startPgwire}: what is missing to run the real iris-pgwire, and a
 * server that died or never listened.
 */

/** Something iris-pgwire needs is not on this machine; `missing` says what, `message` how to fix it. */
export class PgwireUnavailableError extends Error {
  constructor(
    /** One line per missing piece, each saying how to get it. */
    readonly missing: readonly string[],
  ) {
    super(`the real iris-pgwire cannot run here:\n- ${missing.join('\n- ')}`)
    this.name = 'PgwireUnavailableError'
  }
}

/** iris-pgwire was started but exited, or did not accept connections in time. */
export class PgwireStartError extends Error {
  constructor(
    readonly reason: 'exited' | 'timeout',
    /** What the server printed (its log goes to stdout, tracebacks to stderr), last part only. */
    readonly output: string,
    detail: string,
  ) {
    super(`iris-pgwire ${detail}\n--- server output ---\n${output || '(none)'}`)
    this.name = 'PgwireStartError'
  }
}
