/**
 * One IRIS session on the shared PGlite backend: a client connection's own (profile `iris`), or one
 * of the sessions behind a modelled iris-pgwire backend (pgwire-front-end.ts).
 *
 * PGlite has a single PostgreSQL session, so the backend lock decides who uses it: a statement
 * outside a transaction holds it for that statement only; START TRANSACTION takes it until COMMIT or
 * ROLLBACK, so nobody's statements interleave into another's transaction. Others wait in line, at
 * most `lockTimeoutMs`, then fail with SQLCODE -110 (docs/iris-sql.md#sqlcodes).
 *
 * Inside a transaction each statement runs under an internal savepoint, so an error undoes only
 * that statement and the transaction goes on: IRIS has no aborted-transaction state
 * (docs/iris-sql.md#error-format).
 */

import { behindPgwire } from '../profiles.js'
import { irisError } from '../translate/iris-error.js'
import { quoteIdentifier } from '../translate/names.js'
import type { Plan, RunPlan, TableRef, TranslateOptions, UpsertPlan } from '../translate/plan.js'
import type { BackendStatement, BatchOptions, BatchOutcome, PgError, RawResult } from './backend.js'
import type { EngineContext } from './engine-context.js'
import { lockTimeout, queryCanceled, toIrisError } from './error-mapping.js'
import { LockTimeoutError } from './fifo-lock.js'
import { MAX_REPAIRS, varcharRepaired } from './mixed-type-repair.js'
import { pgwireParameters } from './pgwire-parameters.js'
import { SavepointLevels } from './savepoint-levels.js'
import type {
  EngineSession,
  ParameterValue,
  PortalDescription,
  StatementDescription,
  StatementResult,
  TransactionStatus,
} from './types.js'
import { SimError } from './types.js'
import { uncollatedRepaired } from './uncollatable-repair.js'
import { upsertStatements } from './upsert.js'

const STATEMENT_SAVEPOINT = 'iris_sim_statement'
const SET_LAST_IDENTITY = "select set_config('iris_sim.last_identity', $1, false)"

const WRITES: ReadonlySet<string> = new Set(['insert', 'update', 'delete'])

/**
 * Whether the backend keeps the plan's statement prepared for its next run (./prepared-statements.ts):
 * a query, not DDL, which runs once and after which every prepared statement is forgotten.
 */
const keptPrepared = (plan: RunPlan) =>
  !plan.changesSchema && (plan.kind === 'select' || WRITES.has(plan.kind))

const missingTable = (table: TableRef) =>
  irisError(-30, `table ${table.schema}.${table.name} does not exist`)

const noRows = (commandTag: string): StatementResult => ({ fields: null, rows: [], commandTag })

/**
 * A statement's plan, the catalog version it was translated against, its translation anew, and
 * where a plan rewritten on PostgreSQL's error is kept for the next run (mixed-type-repair.ts).
 */
interface Translated {
  plan: Plan
  version: number
  again(): Plan
  keep(plan: Plan): void
}

export class IrisSession implements EngineSession {
  readonly processId: number
  readonly secretKey: number
  readonly #context: EngineContext
  #inTransaction = false
  /** $TLEVEL and the savepoint names of the open transaction. */
  readonly #savepoints = new SavepointLevels()
  /** DDL ran in the open transaction: a rollback must drop cached table facts. */
  #schemaChangedInTransaction = false
  /** LAST_IDENTITY() of this connection (docs/iris-sql.md#returning-and-last_identity); '' when the last INSERT had no identity. */
  #lastIdentity = ''
  /** Aborts the waits of the call in progress (cancel, close). */
  #abort = new AbortController()
  #current: Promise<unknown> = Promise.resolve()
  #closed = false

  constructor(context: EngineContext, processId: number, secretKey: number) {
    this.#context = context
    this.processId = processId
    this.secretKey = secretKey
  }

  get transactionStatus(): TransactionStatus {
    return this.#inTransaction ? 'transaction' : 'idle'
  }

  /** A CancelRequest for this session: a waiting statement fails at once with 57014. */
  cancel(): void {
    this.#abort.abort(queryCanceled())
  }

  /** Runs one wire call; a cancel that arrived between calls does not carry over. */
  #call<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(irisError(-400, 'the session is closed'))
    if (this.#abort.signal.aborted) this.#abort = new AbortController()
    const run = work(this.#abort.signal)
    this.#current = run.catch(() => undefined)
    return run
  }

  #options(protocol: 'simple' | 'extended'): TranslateOptions {
    const { profile, irisVersion } = this.#context.options
    return { profile, irisVersion, protocol }
  }

  #translate(sql: string, protocol: 'simple' | 'extended', statement?: number): readonly Plan[] {
    return this.#context.translate(sql, this.#options(protocol), statement)
  }

  /** The one statement of an extended-protocol query, translated (through the plan cache). */
  #translateOne(sql: string): Translated | undefined {
    const version = this.#context.schemaVersion()
    const plans = this.#translate(sql, 'extended')
    const [plan] = plans
    if (!plan) return undefined
    if (plans.length > 1) throw irisError(-25, 'one statement per extended-protocol query')
    return {
      plan,
      version,
      again: () => this.#translate(sql, 'extended')[0] as Plan,
      keep: (repaired) => this.#context.keepPlan(sql, this.#options('extended'), 0, repaired),
    }
  }

  /**
   * The plan to run, called holding the backend: a statement is translated when it arrives, and
   * if the schema changed before it got the backend (DDL earlier in its query, or in the
   * transaction of another connection it waited for), it is translated again against the schema it
   * runs on (docs/iris-sql.md#rowid). Only a version check on the cached path. The same text makes
   * the same kind of plan: only `*` and an INSERT's implicit column list follow the catalog.
   */
  #freshPlan(plan: RunPlan, statement: Translated): RunPlan {
    if (statement.version === this.#context.schemaVersion()) return plan
    return statement.again() as RunPlan
  }

  describe(sql: string, _paramTypeIDs: number[]): Promise<StatementDescription> {
    return this.#call(async (signal) => {
      const statement = this.#translateOne(sql)
      const plan = statement?.plan
      if (!statement || plan?.type !== 'run')
        return { paramTypeIDs: new Array(plan?.paramCount ?? 0).fill(0), fields: null }
      return this.#withBackend(signal, async () => {
        const { plan: current, outcome: described } = await this.#repairing(
          this.#freshPlan(plan, statement),
          statement,
          async (attempt) => {
            const outcome = await this.#context.backend.describe(
              attempt.sql,
              this.#statementSavepoint(),
            )
            if (outcome.error) await this.#undoStatement()
            return outcome
          },
        )
        if (described.error) throw toIrisError(described.error, current.kind)
        const fields =
          described.fields && (await this.#context.describeFields(described.fields, current))
        const paramTypeIDs = described.paramTypeIDs.map((id) => this.#context.shownTypes.typeID(id))
        return { paramTypeIDs, fields }
      })
    })
  }

  /** A portal's columns are only known by running it; Execute then sends this result. */
  async describePortal(
    sql: string,
    params: ParameterValue[],
    paramTypeIDs: number[],
  ): Promise<PortalDescription> {
    const result = await this.execute(sql, params, paramTypeIDs)
    return { fields: result.fields, result }
  }

  /**
   * Client-declared parameter types are not imposed: IRIS parameters are loosely typed
   * (docs/iris-sql.md#parameter-re-typing), so PostgreSQL infers each from its use in the
   * translated SQL.
   */
  execute(
    sql: string,
    params: ParameterValue[],
    _paramTypeIDs: number[],
  ): Promise<StatementResult> {
    this.#context.queryLog.record(this.processId, sql, params)
    return this.#call(async (signal) => {
      const statement = this.#translateOne(sql)
      return statement ? this.#runPlan(statement, params, signal) : noRows('')
    })
  }

  /** Stops at the first failing statement, as IRIS behind a well-behaved wire server does. */
  simpleQuery(sql: string, onResult: (result: StatementResult) => void): Promise<void> {
    return this.#call(async (signal) => {
      let plans: readonly Plan[]
      const version = this.#context.schemaVersion()
      try {
        plans = this.#translate(sql, 'simple')
      } catch (error) {
        this.#context.queryLog.record(this.processId, sql, [])
        throw error
      }
      // Each statement received is logged once: the text as received when it is the only one.
      for (const plan of plans)
        this.#context.queryLog.record(this.processId, plans.length === 1 ? sql : plan.source, [])
      for (const [i, plan] of plans.entries()) {
        if (signal.aborted) throw signal.reason
        // After DDL the statement is translated again, alone (#freshPlan).
        const again = () => this.#translate(sql, 'simple', i)[0] as Plan
        const keep = (repaired: Plan) =>
          this.#context.keepPlan(sql, this.#options('simple'), i, repaired)
        onResult(await this.#runPlan({ plan, version, again, keep }, [], signal))
      }
    })
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#abort.abort(queryCanceled())
    await this.#current
    const { backend, backendLock, tableLocks } = this.#context
    if (this.#inTransaction) {
      // A client gone mid-transaction leaves no partial write and no lock.
      await backend.simple('rollback')
      if (this.#schemaChangedInTransaction) await this.#context.schemaChanged()
      this.#inTransaction = false
      backendLock.release(this.processId)
    }
    tableLocks.releaseAll(this.processId)
    this.#context.forget(this.processId)
  }

  async #runPlan(
    statement: Translated,
    rawParams: readonly ParameterValue[],
    signal: AbortSignal,
  ): Promise<StatementResult> {
    const { plan } = statement
    const params = behindPgwire(this.#context.options.profile)
      ? pgwireParameters(rawParams)
      : rawParams
    switch (plan.type) {
      case 'run':
        if (plan.target && WRITES.has(plan.kind)) await this.#waitForTable(plan.target, signal)
        return this.#withBackend(signal, () =>
          this.#run(this.#freshPlan(plan, statement), statement, params),
        )
      case 'upsert':
        await this.#waitForTable(plan.target, signal)
        return this.#withBackend(signal, () => this.#upsert(plan, params))
      case 'begin':
        return this.#begin(plan.readOnly, signal)
      case 'commit':
        return this.#end('commit')
      case 'rollback':
        return this.#end('rollback')
      case 'savepoint':
        return this.#savepoint(plan.name, signal)
      case 'rollbackToSavepoint':
        return this.#rollbackToSavepoint(plan.name)
      case 'lockTable':
        await this.#mustExist(plan.target, signal)
        await this.#lockTable(plan.target, plan.waitSeconds, signal)
        return noRows('LOCK TABLE')
      case 'unlockTable':
        this.#context.tableLocks.unlock(this.processId, plan.target)
        return noRows('UNLOCK TABLE')
      case 'noop':
        return noRows(plan.commandTag)
    }
  }

  /** Takes the backend lock for one statement (unless this session's transaction holds it). */
  async #withBackend<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    if (this.#inTransaction) return work()
    await this.#acquireBackend(signal)
    try {
      return await work()
    } finally {
      this.#context.backendLock.release(this.processId)
    }
  }

  async #acquireBackend(signal: AbortSignal): Promise<void> {
    const { backendLock, options } = this.#context
    try {
      await backendLock.acquire(this.processId, options.lockTimeoutMs, signal)
    } catch (error) {
      if (error instanceof LockTimeoutError)
        throw lockTimeout("another connection's transaction", error.waitedMs)
      throw error
    }
  }

  /**
   * Runs statements as one atomic step. Outside a transaction they share PostgreSQL's implicit
   * transaction; inside one, an internal savepoint undoes them on error
   * (docs/iris-sql.md#error-format).
   */
  async #atomically(statements: BackendStatement[]): Promise<BatchOutcome> {
    const outcome = await this.#context.backend.run(statements, this.#statementSavepoint())
    if (outcome.error) await this.#undoStatement()
    return outcome
  }

  /** Inside a transaction: the internal savepoint around one statement (taken, then released). */
  #statementSavepoint(): BatchOptions {
    if (!this.#inTransaction) return {}
    return {
      prefix: `savepoint ${STATEMENT_SAVEPOINT}`,
      suffix: `release savepoint ${STATEMENT_SAVEPOINT}`,
    }
  }

  /** Inside a transaction: undoes the failed statement, leaving the transaction usable (docs/iris-sql.md#error-format). */
  async #undoStatement(): Promise<void> {
    if (!this.#inTransaction) return
    await this.#context.backend.simple(
      `rollback to savepoint ${STATEMENT_SAVEPOINT}; release savepoint ${STATEMENT_SAVEPOINT}`,
    )
  }

  /**
   * Runs `attempt` on the plan, and again on the plan rewritten each time PostgreSQL refuses a
   * string mixed with a number where IRIS gives VARCHAR (mixed-type-repair.ts), or the collation
   * of a concatenation of bytes (uncollatable-repair.ts), keeping the rewritten plan for the
   * statement's next run.
   */
  async #repairing<T extends { error?: PgError }>(
    plan: RunPlan,
    statement: Translated,
    attempt: (plan: RunPlan) => Promise<T>,
  ): Promise<{ plan: RunPlan; outcome: T }> {
    let current = plan
    for (let repairs = 0; ; repairs++) {
      const outcome = await attempt(current)
      const repaired =
        outcome.error && repairs < MAX_REPAIRS
          ? (varcharRepaired(current, outcome.error) ?? uncollatedRepaired(current, outcome.error))
          : undefined
      if (!repaired) return { plan: current, outcome }
      statement.keep(repaired)
      current = repaired
    }
  }

  async #run(
    plan: RunPlan,
    statement: Translated,
    params: readonly ParameterValue[],
  ): Promise<StatementResult> {
    const repaired = await this.#repairing(plan, statement, (attempt) =>
      this.#runOnce(attempt, params),
    )
    const { outcome } = repaired
    if (outcome.error) throw toIrisError(outcome.error, repaired.plan.kind)
    return this.#shapeRun(repaired.plan, outcome)
  }

  async #runOnce(
    plan: RunPlan,
    params: readonly ParameterValue[],
  ): Promise<BatchOutcome & { main: number; identity: string | undefined }> {
    const { tables } = this.#context
    const statements: BackendStatement[] = []
    if (plan.readsLastIdentity)
      statements.push({ sql: SET_LAST_IDENTITY, params: [this.#lastIdentity] })
    for (const sql of plan.before) statements.push({ sql })
    // docs/iris-sql.md#returning-and-last_identity: capture the identity an INSERT generates (reported as the command tag only);
    // RETURNING goes on its own line, after any trailing `--` comment of the statement.
    const identity =
      plan.kind === 'insert' && plan.target
        ? (await tables.shape(plan.target))?.identityColumn
        : undefined
    const main = statements.length
    statements.push({
      sql: identity ? `${plan.sql}\nreturning ${quoteIdentifier(identity)}` : plan.sql,
      params,
      prepare: keptPrepared(plan),
    })
    for (const sql of plan.after) statements.push({ sql })
    let outcome: BatchOutcome
    try {
      outcome = await this.#atomically(statements)
    } finally {
      if (plan.changesSchema) {
        await this.#context.schemaChanged()
        if (this.#inTransaction) this.#schemaChangedInTransaction = true
      }
    }
    return { ...outcome, main, identity }
  }

  async #shapeRun(
    plan: RunPlan,
    { results, main, identity }: BatchOutcome & { main: number; identity: string | undefined },
  ): Promise<StatementResult> {
    const result = results[main] as RawResult
    if (plan.kind === 'insert' && plan.target)
      this.#lastIdentity = identity ? (result.rows.at(-1)?.[0] ?? '') : ''
    if (identity)
      return this.#context.shape({ fields: null, rows: [], commandTag: result.commandTag }, plan)
    return this.#context.shape(result, plan)
  }

  async #upsert(plan: UpsertPlan, params: readonly ParameterValue[]): Promise<StatementResult> {
    const shape = await this.#context.tables.shape(plan.target)
    if (!shape) throw missingTable(plan.target)
    const outcome = await this.#atomically(upsertStatements(plan, shape, params))
    if (outcome.error) throw toIrisError(outcome.error, 'insert')
    const last = outcome.results.at(-1)?.rows.at(-1)?.[0]
    this.#lastIdentity = shape.identityColumn ? (last ?? '') : ''
    return this.#context.shape(
      { fields: null, rows: [], commandTag: `INSERT 0 ${outcome.results.length}` },
      plan,
    )
  }

  /**
   * START TRANSACTION: every IRIS level runs as PostgreSQL READ COMMITTED (the backend lock already
   * keeps others out); READ ONLY is honoured. Inside a transaction it is a no-op
   * (docs/iris-sql.md#transaction-statements).
   */
  async #begin(readOnly: boolean, signal: AbortSignal): Promise<StatementResult> {
    if (this.#inTransaction) return noRows('BEGIN')
    await this.#acquireBackend(signal)
    const outcome = await this.#context.backend.simple(
      `begin isolation level read committed${readOnly ? ' read only' : ''}`,
    )
    if (outcome.error) {
      this.#context.backendLock.release(this.processId)
      throw toIrisError(outcome.error, 'transaction')
    }
    this.#inTransaction = true
    this.#schemaChangedInTransaction = false
    this.#savepoints.start(1)
    return noRows('BEGIN')
  }

  /** COMMIT / ROLLBACK; outside a transaction IRIS accepts them quietly. */
  async #end(command: 'commit' | 'rollback'): Promise<StatementResult> {
    const tag = command.toUpperCase()
    if (!this.#inTransaction) return noRows(tag)
    const { backend, backendLock } = this.#context
    try {
      const outcome = await backend.simple(command)
      if (outcome.error) throw toIrisError(outcome.error, 'transaction')
    } finally {
      if (command === 'rollback' && this.#schemaChangedInTransaction)
        await this.#context.schemaChanged()
      this.#inTransaction = false
      backendLock.release(this.processId)
    }
    return noRows(tag)
  }

  /**
   * SAVEPOINT (docs/iris-sql.md#savepoints): with no transaction in progress it starts one, as
   * START TRANSACTION would (docs/iris-sql.md#transaction-statements).
   */
  async #savepoint(name: string, signal: AbortSignal): Promise<StatementResult> {
    if (!this.#inTransaction) {
      await this.#begin(false, signal)
      this.#savepoints.start(0)
    }
    if (!this.#savepoints.canAdd)
      throw irisError(
        -400,
        `<TRANSACTION LEVEL>: SAVEPOINT ${name} would pass 255 transaction levels; roll back to an earlier savepoint or commit first`,
      )
    await this.#backendCommand(`savepoint ${this.#savepoints.add(name)}`)
    return noRows('SAVEPOINT')
  }

  /**
   * ROLLBACK TO SAVEPOINT (docs/iris-sql.md#savepoints): back to the level before the savepoint;
   * back to level 0 the transaction is over. A name not in IRIS's table rolls back the whole
   * transaction, if any, and fails with -375, at once: no backend lock to wait for outside one.
   */
  async #rollbackToSavepoint(name: string): Promise<StatementResult> {
    const savepoint = this.#inTransaction ? this.#savepoints.rollBackTo(name) : undefined
    if (!savepoint) {
      await this.#end('rollback')
      throw irisError(-375, `Cannot ROLLBACK to unestablished savepoint '${name}'`)
    }
    if (this.#savepoints.level === 0) return this.#end('rollback')
    await this.#backendCommand(`rollback to savepoint ${savepoint}; release savepoint ${savepoint}`)
    // It may have undone DDL; the transaction still holds the backend.
    if (this.#schemaChangedInTransaction) await this.#context.schemaChanged()
    return noRows('ROLLBACK')
  }

  /** A command on the backend this session's transaction holds. */
  async #backendCommand(sql: string): Promise<void> {
    const outcome = await this.#context.backend.simple(sql)
    if (outcome.error) throw toIrisError(outcome.error, 'transaction')
  }

  /** A table to lock must exist (SQLCODE -30); its facts are cached, so this rarely costs a round trip. */
  async #mustExist(table: TableRef, signal: AbortSignal): Promise<void> {
    const shape = await this.#withBackend(signal, () => this.#context.tables.shape(table))
    if (!shape) throw missingTable(table)
  }

  /** LOCK TABLE (docs/iris-sql.md#table-locks): waits without holding the backend lock; -110 when the wait runs out. */
  #lockTable(table: TableRef, waitSeconds: number | undefined, signal: AbortSignal): Promise<void> {
    const timeoutMs =
      waitSeconds === undefined ? this.#context.options.lockTimeoutMs : waitSeconds * 1000
    return this.#tableWait(table, () =>
      this.#context.tableLocks.lock(this.processId, table, timeoutMs, signal),
    )
  }

  /** A write waits while another session holds the table's lock (docs/iris-sql.md#table-locks). */
  #waitForTable(table: TableRef, signal: AbortSignal): Promise<void> {
    const { tableLocks, options } = this.#context
    return this.#tableWait(table, () =>
      tableLocks.waitUntilFree(this.processId, table, options.lockTimeoutMs, signal),
    )
  }

  async #tableWait(table: TableRef, wait: () => Promise<void>): Promise<void> {
    try {
      await wait()
    } catch (error) {
      if (error instanceof LockTimeoutError)
        throw lockTimeout(`the lock on table ${table.schema}.${table.name}`, error.waitedMs)
      throw error instanceof SimError ? error : irisError(-400, String(error))
    }
  }
}
