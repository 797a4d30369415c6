import type { CompiledQuery, DatabaseConnection, QueryCompiler, QueryResult } from 'kysely'
import { type SplitInsert, type SplitReason, splitInsert } from './bulk-insert.js'
import { withCallerStack } from './caller-stack.js'
import type { ReadQuery } from './column-catalog.js'
import { toIrisError } from './error-mapping.js'
import {
  IrisConnectionError,
  type IrisError,
  IrisTimeoutError,
  IrisUnsupportedError,
} from './errors.js'
import type {
  IrisCursor,
  IrisCursorConstructor,
  IrisPoolClient,
  IrisQueryResult,
} from './iris-dialect-config.js'
import type { LabelMatch } from './label-match.js'
import { compiledByIris, type IrisQueryPlan, planOf } from './query-plan.js'
import {
  labelsAreNames,
  labelsOf,
  refuseUnnamedStarColumns,
  rekeyRows,
  toRowObjects,
} from './result-labels.js'
import { endedTransaction, rolledBackTransactionError } from './rolled-back-transaction.js'
import type { SessionPolicy } from './session-policy.js'
import { type StarLabels, starKeys } from './star-labels.js'
import type { SchemaGeneration, StatementCache } from './statement-cache.js'
import { TransactionLevels } from './transaction-levels.js'

export interface IrisConnectionOptions {
  /** Recompiles chunks of a multi-row insert. */
  readonly compiler: QueryCompiler
  readonly maxParameters: number
  readonly insertId: boolean
  readonly cursor: IrisCursorConstructor | undefined
  /** The pool's session model and lane (shared by every connection of one driver). */
  readonly sessions: SessionPolicy
  /** The pool's knowledge of the names behind `*` (shared by every connection of one driver). */
  readonly starLabels: StarLabels
  /** Whether the pool's front end labels columns as select lists name them (shared, as starLabels). */
  readonly labelMatch: LabelMatch
  /** The pool's schema generation, moved on by DDL (shared by every connection of one driver). */
  readonly schema: SchemaGeneration
  /** This connection's prepared statements; undefined when `preparedStatements` is 0. */
  readonly statements: StatementCache | undefined
}

/**
 * Whether this connection is inside a transaction: none, a real one, one run without a
 * transaction under the `transactions: 'unsafe-autocommit'` opt-in, or one IRIS rolled back on its
 * own (-375: ./rolled-back-transaction.ts) that the caller has not ended yet.
 */
export type IrisTransactionState = 'none' | 'open' | 'autocommit' | 'rolled back'

type Row = Record<string, unknown>

const BULK_SAVEPOINT = 'kysely_iris_bulk'

/** Why an insert was split, as its refusals say it. */
const SPLIT_REASONS: Record<SplitReason, string> = {
  'row runs': 'its rows name different columns',
  parameters: 'it has more parameters than maxParameters',
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** One pooled `pg` client, speaking IRIS through iris-pgwire. */
export class IrisConnection implements DatabaseConnection {
  readonly #client: IrisPoolClient
  readonly #options: IrisConnectionOptions
  #transaction: IrisTransactionState = 'none'
  /** The savepoints of the open transaction, each one IRIS transaction level. */
  readonly #levels = new TransactionLevels()
  /** Leaves the session lane this connection holds alone, while it does. */
  #leaveLane: (() => void) | undefined
  #discarded = false
  #lostCause: unknown
  /** The server's -375 that rolled the latest transaction back (read in state 'rolled back'). */
  #rollbackCause: IrisError | undefined
  /**
   * Runs the catalog reads that name the columns of `*`, and the session probe, on this
   * connection: rows as arrays, labels as the server sent them.
   */
  readonly #read = async (sql: string, parameters: readonly unknown[]) => {
    try {
      return await this.#query({ sql, parameters } as unknown as CompiledQuery)
    } catch (error) {
      throw this.#failed(error, sql)
    }
  }

  constructor(client: IrisPoolClient, options: IrisConnectionOptions) {
    this.#client = client
    this.#options = options
  }

  /** Set by the driver: a chunked insert then uses a savepoint instead of its own transaction. */
  get transaction(): IrisTransactionState {
    return this.#transaction
  }

  /** Set when a transaction starts or ends, which leaves no savepoint. */
  set transaction(value: IrisTransactionState) {
    this.#transaction = value
    this.#levels.clear()
  }

  /**
   * Sets savepoint `name` (`send` sends its SAVEPOINT) as one more IRIS transaction level, which
   * it keeps until the transaction ends or rolls back to it or an earlier one
   * (docs/iris-sql.md#savepoints): the one that would pass the highest level is refused, with
   * nothing sent, rather than by IRIS midway. `what` names it in that refusal. The driver's
   * savepoints and a chunked insert's both come here; each sends its own way.
   */
  async setSavepoint(
    name: string,
    send: () => Promise<unknown>,
    what = `savepoint "${name}"`,
  ): Promise<void> {
    this.#levels.assertRoomFor(what)
    await send()
    this.#levels.saved(name)
  }

  /**
   * Rolls back to savepoint `name` (`send` sends its ROLLBACK TO SAVEPOINT), which gives back its
   * level and every later one. A savepoint IRIS does not hold fails with -375 and ends the whole
   * transaction (docs/iris-sql.md#savepoints): the connection then refuses the transaction's
   * statements (#rolledBackByIris) until it is rolled back.
   */
  async rollBackToSavepoint(name: string, send: () => Promise<unknown>): Promise<void> {
    await send()
    this.#levels.rolledBackTo(name)
  }

  /** This connection's reads, for the session probe. */
  get probe(): ReadQuery {
    return this.#read
  }

  /** Holds the session lane alone until leaveLane() (a transaction in a shared process). */
  holdLane(leave: () => void): void {
    this.#leaveLane?.()
    this.#leaveLane = leave
  }

  leaveLane(): void {
    const leave = this.#leaveLane
    this.#leaveLane = undefined
    leave?.()
  }

  get discarded(): boolean {
    return this.#discarded
  }

  /** What made the connection unusable (a dropped socket, an abort, a timeout), when known. */
  get lostCause(): unknown {
    return this.#lostCause
  }

  /** The error for a statement or COMMIT of the transaction IRIS rolled back (state 'rolled back'). */
  rolledBackError(): IrisError {
    return rolledBackTransactionError(this.#rollbackCause)
  }

  /**
   * An AbortSignal (Kysely 0.29) is Kysely's to handle: it rejects the caller at once and, by its
   * `inflightQueryAbortStrategy`, lets the query finish before the connection goes back to the
   * pool (`'ignore query'`, the default) or calls killSession (`'kill session'`).
   *
   * The hot path: everything known of the query comes with it (./query-plan.ts), a lone statement
   * enters the session lane without a promise when nobody holds it alone and leaves it here, and
   * between this method and pg's query there is one async function (#executeOne), as few as the
   * stock PostgresDialect's path allows for the row keying it adds.
   */
  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    let leave: (() => void) | undefined
    try {
      const plan = planOf(compiledQuery)
      const { compiler, maxParameters } = this.#options
      const split = splitInsert(compiledQuery, compiler, maxParameters, plan.rowRuns)
      if (split) return (await this.#executeChunks(split)) as QueryResult<R>
      if (plan.insertsOneRow && this.#options.insertId)
        return (await this.#executeInsert(compiledQuery, plan)) as QueryResult<R>
      if (this.#sharesLane) {
        const { lane } = this.#options.sessions
        leave = lane.tryShared() ?? (await lane.shared())
      }
      return (await this.#executeOne(compiledQuery, plan)) as QueryResult<R>
    } catch (error) {
      throw withCallerStack(this.#failed(error, compiledQuery.sql), new Error())
    } finally {
      leave?.()
    }
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    const rows = this.#options.cursor
      ? this.#readWithCursor(compiledQuery, chunkSize, this.#options.cursor)
      : // iris-pgwire ignores Execute's row limit (docs/iris-sql.md#execute-row-limit): the whole
        // result arrives at once whatever the client asks, so the rows are read in one query and
        // handed out in chunks.
        this.#readAll(compiledQuery)
    for await (const batch of rows) {
      for (let i = 0; i < batch.length; i += chunkSize)
        yield { rows: batch.slice(i, i + chunkSize) as R[] }
    }
  }

  /** Runs one statement the dialect writes itself (transactions, savepoints, locks). */
  async run(sql: string): Promise<void> {
    try {
      await this.#client.query(sql)
    } catch (error) {
      throw withCallerStack(this.#failed(error, sql), new Error())
    }
  }

  /**
   * Kysely 0.29's `inflightQueryAbortStrategy: 'kill session'`: closes this connection's socket,
   * which ends its session at the front end and fails the query in flight; the connection is
   * discarded, never reused. There is no `cancelQuery`, so Kysely refuses `'cancel query'` before
   * anything is sent: iris-pgwire's CancelRequest cancels nothing on its embedded backend
   * (docs/iris-sql.md#query-cancellation).
   */
  async killSession(): Promise<void> {
    this.discard(
      new IrisTimeoutError(
        "the query was aborted by its AbortSignal under inflightQueryAbortStrategy 'kill session'; its connection was closed",
      ),
    )
    if (!this.#client.end) {
      throw new IrisUnsupportedError(
        "this pool's clients have no end(), so the session of an aborted query cannot be killed; use a pg Pool, or inflightQueryAbortStrategy 'ignore query'",
      )
    }
    await this.#client.end().catch(() => undefined)
  }

  /** Returns the client to the pool, or destroys it when it may be in a bad state. */
  release(): void {
    this.leaveLane()
    this.#client.release(this.#discarded)
  }

  /** Marks the connection unusable: the pool destroys it on release. */
  discard(cause?: unknown): void {
    this.#discarded = true
    this.#lostCause ??= cause
    this.#levels.clear()
  }

  async *#readAll(query: CompiledQuery): AsyncGenerator<Row[]> {
    const result = await this.executeQuery<Row>(query)
    yield result.rows
  }

  async *#readWithCursor(
    query: CompiledQuery,
    chunkSize: number,
    Cursor: IrisCursorConstructor,
  ): AsyncGenerator<Row[]> {
    this.#assertUsable()
    const leave = await this.#enterLane('shared')
    let cursor: IrisCursor | undefined
    try {
      const { selected, vidPaged: dropLast } = planOf(query)
      // The cursor holds the connection until it is closed, so what names the columns of `*` is
      // read before it opens.
      const starNames = selected.star
        ? await this.#options.starLabels.prepare(query, this.#read)
        : undefined
      cursor = this.#client.query(
        new Cursor(query.sql, [...query.parameters], { rowMode: 'array' }),
      )
      let keys: readonly (string | undefined)[] | undefined
      while (true) {
        const rows = await cursor.read(chunkSize).catch((error: unknown) => {
          throw this.#failed(error, query.sql)
        })
        if (rows.length === 0) return
        // pg-cursor keeps the RowDescription in its (undocumented) `_result`.
        const fields =
          (cursor as unknown as { _result?: { fields?: { name: string }[] } })._result?.fields ?? []
        if (!keys) {
          const labels = labelsOf(fields, dropLast)
          if (selected.star) refuseUnnamedStarColumns(labels, selected.names.length)
          keys = starNames ? starKeys(labels, selected.names, starNames) : selected.names
        }
        yield toRowObjects(fields, rows, keys, dropLast)
      }
    } finally {
      await cursor?.close().catch(() => this.discard())
      leave?.()
    }
  }

  /**
   * Runs one statement and keys its rows. A prepared `*` would fail once its table gains a column
   * ("cached plan must not change result type" on PostgreSQL), so it runs unnamed; so does DDL,
   * which runs once. pg's own row objects save keying every row again, and pg clones every query
   * config object (which array rows need) while it takes a bare text as it is (./result-labels.ts,
   * RowKeys).
   */
  async #executeOne(query: CompiledQuery, plan: IrisQueryPlan): Promise<QueryResult<Row>> {
    const prepare = compiledByIris(query) && !plan.selected.star && !plan.changesColumns
    const { rowKeys, selected } = plan
    const { labelMatch } = this.#options
    if (rowKeys === 'labels' || (rowKeys === 'names' && labelMatch.objectRows)) {
      const result = await this.#query<Row>(query, prepare, true)
      this.#noteDdl(plan)
      if (selected.names.length === 0 || labelsAreNames(result.fields, selected.names))
        return { rows: result.rows, numAffectedRows: affectedRows(result) }
      labelMatch.observe(false)
      const rows = rekeyRows(result.fields, result.rows, selected.names)
      if (rows) return { rows, numAffectedRows: affectedRows(result) }
      // Two columns shared a label, so pg kept one value for both (./result-labels.ts, RowKeys):
      // this select is read again, as arrays keyed by position.
    }
    const result = await this.#query(query, prepare)
    let keys: readonly (string | undefined)[] = selected.names
    if (selected.star) {
      const labels = labelsOf(result.fields, plan.vidPaged)
      const hasRows = result.rows.length > 0
      keys = await this.#options.starLabels.keys(query, selected, labels, hasRows, this.#read)
    } else if (rowKeys === 'names' && labelMatch.learning)
      labelMatch.observe(labelsAreNames(result.fields, selected.names))
    this.#noteDdl(plan)
    const rows = toRowObjects(result.fields, result.rows, keys, plan.vidPaged)
    return { rows, numAffectedRows: affectedRows(result) }
  }

  /** After DDL went through the pool, what the pool knows of its tables' columns is stale. */
  #noteDdl(plan: IrisQueryPlan): void {
    if (!plan.changesColumns) return
    this.#options.starLabels.forget()
    this.#options.schema.advance()
  }

  /**
   * A single-row INSERT and its `SELECT LAST_IDENTITY()`, which must run in the same IRIS session
   * with no other insert between (docs/iris-sql.md#returning-and-last_identity). Where the front
   * end cannot promise that, there is no insertId rather than another row's.
   */
  async #executeInsert(query: CompiledQuery, plan: IrisQueryPlan): Promise<QueryResult<Row>> {
    const { sessions } = this.#options
    const model = await sessions.model(this.#read)
    if (model === 'pooled-autocommit') return this.#inLane(() => this.#executeOne(query, plan))
    return this.#inLane(async () => {
      const result = await this.#executeOne(query, plan)
      const insertId = await this.#lastIdentity()
      return insertId === undefined ? result : { ...result, insertId }
    }, 'exclusive')
  }

  /**
   * A chunked insert is atomic: its own transaction, or a savepoint inside the caller's. That
   * savepoint keeps its IRIS transaction level until the caller's transaction ends, as every
   * savepoint does (docs/iris-sql.md#savepoints): it cannot be released, and rolling back to it
   * would undo the insert. So it is counted, and refused before anything is sent when it would
   * pass the highest level; a failed chunked insert rolls back to it, which gives its level back.
   */
  async #executeChunks({ statements: chunks, reason }: SplitInsert): Promise<QueryResult<Row>> {
    const { sessions } = this.#options
    const transaction = this.#transaction
    const split = `an insert split into ${chunks.length} statements (${SPLIT_REASONS[reason]})`
    const atomic =
      transaction === 'open' ||
      (transaction === 'none' &&
        sessions.transactionsHonoured(
          await sessions.model(this.#read),
          `${capitalized(split)}, which must be atomic,`,
        ))
    if (!atomic) return this.#inLane(() => this.#runChunks(chunks))
    const inTransaction = transaction === 'open'
    return this.#inLane(async () => {
      if (inTransaction)
        await this.setSavepoint(
          BULK_SAVEPOINT,
          () => this.run(`savepoint "${BULK_SAVEPOINT}"`),
          `The savepoint that keeps ${split} atomic`,
        )
      else await this.run('start transaction')
      let result: QueryResult<Row>
      try {
        result = await this.#runChunks(chunks)
      } catch (error) {
        await this.#undoChunks(inTransaction)
        throw error
      }
      // A savepoint needs no release: IRIS documents no RELEASE SAVEPOINT
      // (docs/iris-sql.md#savepoints).
      if (!inTransaction) await this.run('commit')
      return result
    }, 'exclusive')
  }

  /**
   * Undoes the chunks of a failed insert. A connection that cannot is discarded, as its state is
   * unknown; but one whose ROLLBACK TO the savepoint failed with -375 is not: IRIS rolled the
   * caller's whole transaction back (docs/iris-sql.md#savepoints), and the connection, now
   * 'rolled back', refuses the transaction's statements until the caller rolls back, as after any
   * -375. The caller gets the chunk's error, which is what failed.
   */
  async #undoChunks(inTransaction: boolean): Promise<void> {
    try {
      if (!inTransaction) await this.run('rollback')
      else
        await this.rollBackToSavepoint(BULK_SAVEPOINT, () =>
          this.run(`rollback to savepoint "${BULK_SAVEPOINT}"`),
        )
    } catch {
      if (this.#transaction !== 'rolled back') this.discard()
    }
  }

  async #runChunks(chunks: CompiledQuery[]): Promise<QueryResult<Row>> {
    let numAffectedRows = 0n
    for (const chunk of chunks) numAffectedRows += affectedRows(await this.#query(chunk)) ?? 0n
    return { rows: [], numAffectedRows }
  }

  /**
   * Runs `work` in the pool's session lane (./session-lane.ts) when the front end may be one
   * shared process: `shared` for a lone statement, `exclusive` for statements that must not be
   * interleaved with the pool's others. A connection holding the lane alone (its transaction) runs
   * at once.
   */
  async #inLane<T>(work: () => Promise<T>, mode: 'shared' | 'exclusive' = 'shared'): Promise<T> {
    const leave = await this.#enterLane(mode)
    try {
      return await work()
    } finally {
      leave?.()
    }
  }

  async #enterLane(mode: 'shared' | 'exclusive'): Promise<(() => void) | undefined> {
    if (!this.#sharesLane) return undefined
    const { lane } = this.#options.sessions
    if (mode === 'exclusive') return lane.exclusive()
    return lane.tryShared() ?? lane.shared()
  }

  /** Whether this connection's statements go through the lane: not while it holds it alone. */
  get #sharesLane(): boolean {
    return this.#leaveLane === undefined && this.#options.sessions.statementsShareLane
  }

  /**
   * Sends one statement, prepared under its name when `prepare` and the statement cache has one
   * (./statement-cache.ts), its rows as arrays, or as pg's objects keyed by the labels when
   * `objectRows`. Rejects with pg's own error, which every caller maps (#failed): an unnamed
   * statement, the common case, is pg's promise itself, with no async function around it.
   */
  #query<R = unknown[]>(
    query: CompiledQuery,
    prepare = true,
    objectRows = false,
    retried = false,
  ): Promise<IrisQueryResult<R>> {
    this.#assertUsable()
    const { sql: text, parameters: values } = query
    const name = prepare ? this.#options.statements?.nameOf(text) : undefined
    if (name !== undefined) return this.#queryNamed(query, name, objectRows, retried)
    return (
      objectRows
        ? this.#client.query(text, values)
        : this.#client.query({ text, values, rowMode: 'array' })
    ) as Promise<IrisQueryResult<R>>
  }

  /**
   * A prepared statement that fails is named afresh next time; one whose cached plan went stale
   * (DDL from elsewhere) is sent again at once, outside a transaction, where the failure left
   * nothing behind.
   */
  async #queryNamed<R>(
    query: CompiledQuery,
    name: string,
    objectRows: boolean,
    retried: boolean,
  ): Promise<IrisQueryResult<R>> {
    const { sql: text, parameters: values } = query
    try {
      return (await (objectRows
        ? this.#client.query({ name, text, values })
        : this.#client.query({ name, text, values, rowMode: 'array' }))) as IrisQueryResult<R>
    } catch (error) {
      this.#options.statements?.forget(text)
      if (!retried && this.#transaction === 'none' && isStalePlan(error))
        return this.#query(query, true, objectRows, true)
      throw error
    }
  }

  /**
   * `SELECT LAST_IDENTITY()` on this same connection, right after the INSERT
   * (docs/iris-sql.md#returning-and-last_identity).
   */
  async #lastIdentity(): Promise<bigint | undefined> {
    const result = await this.#query({
      sql: 'select LAST_IDENTITY()',
      parameters: [],
    } as unknown as CompiledQuery)
    const value = result.rows[0]?.[0]
    // Empty when the table has no IDENTITY column (docs/iris-sql.md#returning-and-last_identity).
    if (value === null || value === undefined || value === '') return undefined
    try {
      return BigInt(value as string | number | bigint)
    } catch {
      return undefined
    }
  }

  #failed(error: unknown, sql: string): IrisError {
    const mapped = toIrisError(error, sql)
    if (mapped instanceof IrisConnectionError || mapped instanceof IrisTimeoutError)
      this.discard(mapped)
    else if (this.#transaction === 'open' && endedTransaction(mapped))
      return this.#rolledBackByIris(mapped)
    return mapped
  }

  /**
   * A ROLLBACK TO SAVEPOINT failed with -375, whoever sent it (the driver, a chunked insert, raw
   * SQL): IRIS rolled back the whole transaction and holds no savepoint (docs/iris-sql.md#savepoints).
   * Until the caller ends it, every statement of it is refused before it is sent (#assertUsable).
   */
  #rolledBackByIris(cause: IrisError): IrisError {
    this.transaction = 'rolled back'
    this.#rollbackCause = cause
    return rolledBackTransactionError(cause, cause.sql)
  }

  /** Runs before every statement is sent: two field reads. */
  #assertUsable(): void {
    if (this.#discarded) {
      throw new IrisConnectionError(
        'this connection was discarded after an abort or a connection failure; run the work again',
        { cause: this.#lostCause },
      )
    }
    if (this.#transaction === 'rolled back') throw this.rolledBackError()
  }
}

/** Commands whose tag carries a row count. */
const DML_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE'])

function affectedRows(result: IrisQueryResult<unknown>): bigint | undefined {
  // Note: iris-pgwire 1.0 reports 0 in every DML tag (docs/iris-sql.md#iris-pgwire-result-quirks).
  return DML_COMMANDS.has(result.command) ? BigInt(result.rowCount ?? 0) : undefined
}

/**
 * PostgreSQL's refusal to run a prepared statement whose result columns changed since it was
 * prepared (feature_not_supported, "cached plan must not change result type").
 */
function isStalePlan(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown }
  return code === '0A000' && typeof message === 'string' && /cached plan/i.test(message)
}
