/**
 * One client connection to iris-pgwire 1.0.1 on one of its backends (profiles `pgwire-1.0-dbapi`
 * and `pgwire-1.0-embedded`, docs/iris-sql.md#simulator-profiles). The client's statements run on
 * the backend's IRIS sessions (iris-sessions.ts), not on a session of its own; on top, iris-pgwire's
 * own protocol handling:
 * - plain BEGIN / START TRANSACTION / COMMIT / ROLLBACK are answered here
 *   (docs/iris-sql.md#iris-pgwire-transactions): the external backend sends nothing to IRIS, the
 *   embedded one runs them on the shared session; SET is swallowed (docs/iris-sql.md#set-transaction);
 * - a simple query is split on every `;` and every part runs, even after one fails
 *   (docs/iris-sql.md#text-rewrites);
 * - Describe (portal) runs a statement that starts with SELECT (or SHOW) to learn its columns, and
 *   answers NoData for anything else or when that run fails; Execute runs the statement again
 *   (docs/iris-sql.md#describe-and-statements-without-rowdescription);
 * - the external backend fetches rows only for a statement that starts with SELECT, and every
 *   command tag follows pgwire-command-tag.ts (docs/iris-sql.md#iris-pgwire-result-quirks).
 */
import type { PgwireBackend } from '../front-end/start-pgwire.js'
import { irisError } from '../translate/iris-error.js'
import { splitOnEverySemicolon } from '../translate/pgwire-quirks.js'
import type { IrisSessions } from './iris-sessions.js'
import { pgwireCommandTag } from './pgwire-command-tag.js'
import { type InterceptedVerb, interceptedVerb } from './pgwire-intercepts.js'
import type { IrisSession } from './session.js'
import type {
  EngineSession,
  ParameterValue,
  PortalDescription,
  StatementDescription,
  StatementResult,
  TransactionStatus,
} from './types.js'

const startsWith = (statement: string, word: string) =>
  statement.trim().toUpperCase().startsWith(word)

/** Describe (portal) answers with columns only for these (docs/iris-sql.md#describe-and-statements-without-rowdescription). */
const describedWithColumns = (statement: string) =>
  startsWith(statement, 'SELECT') || startsWith(statement, 'SHOW')

/** Runs one statement of a simple query on an IRIS session, collecting its results. */
async function runSimple(session: IrisSession, statement: string): Promise<StatementResult[]> {
  const results: StatementResult[] = []
  await session.simpleQuery(statement, (result) => results.push(result))
  return results
}

export class PgwireFrontEnd implements EngineSession {
  readonly processId: number
  readonly secretKey: number
  readonly #sessions: IrisSessions
  readonly #backend: PgwireBackend
  readonly #forget: (processId: number) => void
  /** What iris-pgwire reports in ReadyForQuery: set by the verbs it answers, whatever IRIS's state. */
  #inTransaction = false
  /** The IRIS session running this client's statement, for cancel. */
  #running: IrisSession | undefined
  #current: Promise<unknown> = Promise.resolve()
  #closed = false

  constructor(options: {
    sessions: IrisSessions
    backend: PgwireBackend
    processId: number
    secretKey: number
    /** The client is gone: the engine stops routing cancels here. */
    forget: (processId: number) => void
  }) {
    this.#sessions = options.sessions
    this.#backend = options.backend
    this.#forget = options.forget
    this.processId = options.processId
    this.secretKey = options.secretKey
  }

  get transactionStatus(): TransactionStatus {
    return this.#inTransaction ? 'transaction' : 'idle'
  }

  /** A CancelRequest: cancels this client's statement once it runs on an IRIS session. */
  cancel(): void {
    this.#running?.cancel()
  }

  /** Runs one wire call on an IRIS session of the backend's choosing. */
  #use<T>(work: (session: IrisSession) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(irisError(-400, 'the session is closed'))
    const run = this.#sessions.use(async (session) => {
      this.#running = session
      try {
        return await work(session)
      } finally {
        this.#running = undefined
      }
    })
    this.#current = run.catch(() => undefined)
    return run
  }

  describe(sql: string, paramTypeIDs: number[]): Promise<StatementDescription> {
    return this.#use((session) => session.describe(sql, paramTypeIDs))
  }

  async describePortal(
    sql: string,
    params: ParameterValue[],
    paramTypeIDs: number[],
  ): Promise<PortalDescription> {
    if (!describedWithColumns(sql)) return { fields: null }
    try {
      const result = await this.#use((session) => session.execute(sql, params, paramTypeIDs))
      return { fields: result.fields }
    } catch {
      return { fields: null }
    }
  }

  async execute(
    sql: string,
    params: ParameterValue[],
    paramTypeIDs: number[],
  ): Promise<StatementResult> {
    const verb = interceptedVerb(sql, 'extended')
    if (verb) return this.#answer(verb)
    const result = await this.#use((session) => session.execute(sql, params, paramTypeIDs))
    return this.#asSent(sql, result)
  }

  async simpleQuery(
    sql: string,
    onResult: (result: StatementResult) => void,
    onError: (error: unknown) => void,
  ): Promise<void> {
    const statements = splitOnEverySemicolon(sql)
      .map((statement) => statement.trim())
      .filter((statement) => statement !== '')
    for (const statement of statements) {
      try {
        const verb = interceptedVerb(statement, 'simple')
        if (verb) {
          onResult(await this.#answer(verb))
          continue
        }
        const results = await this.#use((session) => runSimple(session, statement))
        for (const result of results) onResult(this.#asSent(statement, result))
      } catch (error) {
        onError(error)
      }
    }
  }

  /** A verb iris-pgwire answers itself; only the embedded backend passes transaction verbs on. */
  async #answer(verb: InterceptedVerb): Promise<StatementResult> {
    if (verb !== 'SET') {
      if (this.#backend === 'embedded') {
        const sql = verb === 'BEGIN' ? 'START TRANSACTION' : verb
        await this.#use((session) => runSimple(session, sql))
      }
      this.#inTransaction = verb === 'BEGIN'
    }
    return { fields: null, rows: [], commandTag: verb }
  }

  /** The result as iris-pgwire sends it: rows the external backend fetched, its command tag. */
  #asSent(statement: string, result: StatementResult): StatementResult {
    const fetched = this.#backend === 'embedded' || startsWith(statement, 'SELECT')
    const rows = fetched ? result.rows : []
    return { fields: result.fields, rows, commandTag: pgwireCommandTag(statement, rows.length) }
  }

  /** Waits for the call in progress; IRIS's sessions stay as they are (iris-pgwire does nothing on disconnect). */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#current
    this.#forget(this.processId)
  }
}
