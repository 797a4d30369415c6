import {
  type CompiledQuery,
  type DatabaseConnection,
  type InsertQueryNode,
  type QueryCompiler,
  type QueryResult,
  ValuesNode,
} from 'kysely'
import { splitInsert } from './bulk-insert.js'
import { toIrisError } from './error-mapping.js'
import { IrisConnectionError, type IrisError, IrisTimeoutError } from './errors.js'
import type {
  IrisCursorConstructor,
  IrisPoolClient,
  IrisQueryResult,
} from './iris-dialect-config.js'
import { isVidPaged } from './iris-query-compiler.js'
import { selectedNames, toRowObjects } from './result-labels.js'

export interface IrisConnectionOptions {
  /** Recompiles chunks of a multi-row insert. */
  readonly compiler: QueryCompiler
  readonly maxParameters: number
  readonly insertId: boolean
  readonly cursor: IrisCursorConstructor | undefined
}

/** Kysely 0.29 passes `{ signal }`; 0.28 passes nothing. Typed locally so both compile. */
interface AbortableOptions {
  readonly signal?: AbortSignal
}

type Row = Record<string, unknown>

const BULK_SAVEPOINT = '"kysely_iris_bulk"'

/** What a query aborted in flight resolves to: nobody reads it (see executeQuery). */
const ABANDONED_RESULT: QueryResult<never> = Object.freeze({ rows: [] })

/** One pooled `pg` client, speaking IRIS through iris-pgwire. */
export class IrisConnection implements DatabaseConnection {
  readonly #client: IrisPoolClient
  readonly #options: IrisConnectionOptions
  #inTransaction = false
  #discarded = false
  #lostCause: unknown

  constructor(client: IrisPoolClient, options: IrisConnectionOptions) {
    this.#client = client
    this.#options = options
  }

  /** Set by the driver: a chunked insert then uses a savepoint instead of its own transaction. */
  set inTransaction(value: boolean) {
    this.#inTransaction = value
  }

  get discarded(): boolean {
    return this.#discarded
  }

  /** What made the connection unusable (a dropped socket, an abort, a timeout), when known. */
  get lostCause(): unknown {
    return this.#lostCause
  }

  async executeQuery<R>(
    compiledQuery: CompiledQuery,
    options?: AbortableOptions,
  ): Promise<QueryResult<R>> {
    const signal = options?.signal
    if (signal) {
      const abortedBefore = signal.aborted
      try {
        return (await this.#abortable(compiledQuery, signal, () =>
          this.#execute(compiledQuery),
        )) as QueryResult<R>
      } catch (error) {
        // Aborted in flight: Kysely has already rejected the caller with the signal's reason and
        // only watches this promise to log "failed in the background after abortion". Its failure
        // is the socket closed on purpose (the connection is discarded), so it is not logged again.
        if (signal.aborted && !abortedBefore) return ABANDONED_RESULT
        throw error
      }
    }
    // Without a signal there is nothing to listen to, so no per-query closures (client CPU).
    try {
      return (await this.#execute(compiledQuery)) as QueryResult<R>
    } catch (error) {
      throw this.#failed(error, compiledQuery.sql)
    }
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
    options?: AbortableOptions,
  ): AsyncIterableIterator<QueryResult<R>> {
    const rows = this.#options.cursor
      ? this.#readWithCursor(compiledQuery, chunkSize, this.#options.cursor)
      : // iris-pgwire ignores Execute's row limit (docs/iris-sql.md#execute-row-limit): the whole
        // result arrives at once whatever the client asks, so the rows are read in one query and
        // handed out in chunks.
        this.#readAll(compiledQuery, options)
    for await (const batch of rows) {
      for (let i = 0; i < batch.length; i += chunkSize)
        yield { rows: batch.slice(i, i + chunkSize) as R[] }
    }
  }

  /** Runs one statement the dialect writes itself (transactions, savepoints, locks). */
  async run(sql: string): Promise<void> {
    await this.#abortable({ sql } as CompiledQuery, undefined, () =>
      this.#client.query({ text: sql, rowMode: 'array' }),
    )
  }

  /** Returns the client to the pool, or destroys it when it may be in a bad state. */
  release(): void {
    this.#client.release(this.#discarded)
  }

  /** Marks the connection unusable: the pool destroys it on release. */
  discard(cause?: unknown): void {
    this.#discarded = true
    this.#lostCause ??= cause
  }

  async *#readAll(query: CompiledQuery, options?: AbortableOptions): AsyncGenerator<Row[]> {
    const result = await this.executeQuery<Row>(query, options)
    yield result.rows
  }

  async *#readWithCursor(
    query: CompiledQuery,
    chunkSize: number,
    Cursor: IrisCursorConstructor,
  ): AsyncGenerator<Row[]> {
    this.#assertUsable()
    const cursor = this.#client.query(
      new Cursor(query.sql, [...query.parameters], { rowMode: 'array' }),
    )
    const names = selectedNames(query)
    try {
      while (true) {
        const rows = await cursor.read(chunkSize).catch((error: unknown) => {
          throw this.#failed(error, query.sql)
        })
        if (rows.length === 0) return
        // pg-cursor keeps the RowDescription in its (undocumented) `_result`.
        const fields =
          (cursor as unknown as { _result?: { fields?: { name: string }[] } })._result?.fields ?? []
        yield toRowObjects(fields, rows, names, isVidPaged(query))
      }
    } finally {
      await cursor.close().catch(() => this.discard())
    }
  }

  async #execute(query: CompiledQuery): Promise<QueryResult<Row>> {
    const chunks = splitInsert(query, this.#options.compiler, this.#options.maxParameters)
    if (chunks) return this.#executeChunks(chunks)
    const result = await this.#query(query)
    const rows = toRowObjects(result.fields, result.rows, selectedNames(query), isVidPaged(query))
    const numAffectedRows = affectedRows(result)
    if (numAffectedRows === undefined || !this.#wantsInsertId(query))
      return { rows, numAffectedRows }
    const insertId = await this.#lastIdentity()
    return insertId === undefined ? { rows, numAffectedRows } : { rows, numAffectedRows, insertId }
  }

  /** A chunked insert is atomic: its own transaction, or a savepoint inside the caller's. */
  async #executeChunks(chunks: CompiledQuery[]): Promise<QueryResult<Row>> {
    const inTransaction = this.#inTransaction
    await this.run(inTransaction ? `savepoint ${BULK_SAVEPOINT}` : 'start transaction')
    let numAffectedRows = 0n
    try {
      for (const chunk of chunks) numAffectedRows += affectedRows(await this.#query(chunk)) ?? 0n
    } catch (error) {
      await this.run(inTransaction ? `rollback to savepoint ${BULK_SAVEPOINT}` : 'rollback').catch(
        () => this.discard(),
      )
      throw error
    }
    // A savepoint needs no release: IRIS documents no RELEASE SAVEPOINT
    // (docs/iris-sql.md#savepoints).
    if (!inTransaction) await this.run('commit')
    return { rows: [], numAffectedRows }
  }

  async #query(query: CompiledQuery): Promise<IrisQueryResult> {
    this.#assertUsable()
    try {
      return await this.#client.query({
        text: query.sql,
        values: query.parameters,
        rowMode: 'array',
      })
    } catch (error) {
      throw this.#failed(error, query.sql)
    }
  }

  #wantsInsertId(query: CompiledQuery): boolean {
    const node = query.query as InsertQueryNode
    return (
      this.#options.insertId &&
      node.kind === 'InsertQueryNode' &&
      !node.replace &&
      node.values !== undefined &&
      ValuesNode.is(node.values) &&
      node.values.values.length === 1
    )
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

  /**
   * Runs `work`, and when `signal` aborts, closes the socket so the query stops at once: the
   * connection is then discarded, never returned to the pool mid-statement.
   */
  async #abortable<T>(
    query: CompiledQuery,
    signal: AbortSignal | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) throw abortError(query.sql, signal.reason)
    const onAbort = () => {
      this.discard(abortError(query.sql, signal?.reason))
      void this.#client.end?.().catch(() => undefined)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      return await work()
    } catch (error) {
      if (signal?.aborted) throw abortError(query.sql, error)
      throw this.#failed(error, query.sql)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  #failed(error: unknown, sql: string): IrisError {
    const mapped = toIrisError(error, sql)
    if (mapped instanceof IrisConnectionError || mapped instanceof IrisTimeoutError)
      this.discard(mapped)
    return mapped
  }

  #assertUsable(): void {
    if (this.#discarded) {
      throw new IrisConnectionError(
        'this connection was discarded after an abort or a connection failure; run the work again',
        { cause: this.#lostCause },
      )
    }
  }
}

/** Commands whose tag carries a row count. */
const DML_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE'])

function affectedRows(result: IrisQueryResult): bigint | undefined {
  // Note: iris-pgwire 1.0 reports 0 in every DML tag (docs/iris-sql.md#iris-pgwire-result-quirks).
  return DML_COMMANDS.has(result.command) ? BigInt(result.rowCount ?? 0) : undefined
}

function abortError(sql: string, cause: unknown): IrisTimeoutError {
  return new IrisTimeoutError(
    'the query was aborted by its AbortSignal; its connection was discarded',
    { sql, cause },
  )
}
