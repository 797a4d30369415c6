/**
 * The one PGlite instance behind every session, driven through its wire-protocol API so results
 * arrive exactly as PostgreSQL describes them (text values; RowDescription with table OID, column
 * number and type). A batch is sent as ONE protocol call: an optional simple-query prefix, the
 * statements as Parse/Bind/Describe/Execute with a single Sync (so PostgreSQL runs them as one
 * implicit transaction, or inside the open one), and an optional simple-query suffix. One call per
 * statement keeps the overhead close to PGlite's own.
 *
 * The replies are decoded here with node-postgres's protocol parser, not PGlite's: PGlite's decodes
 * text with a default `TextDecoder`, which drops a leading U+FEFF from every value, label and
 * message, while Node's UTF-8 decoding keeps it, as `pg` does and IRIS is expected to
 * (docs/iris-sql.md#simulator-limits, docs/iris-sql.md#text-encoding).
 */
import { type PGlite, protocol } from '@electric-sql/pglite'
import { Parser } from 'pg-protocol/dist/parser.js'
import { PreparedStatements } from './prepared-statements.js'
import type { FieldDescription, ParameterValue } from './types.js'

const { serialize } = protocol

/** One parameterised statement of a batch. */
export interface BackendStatement {
  sql: string
  params?: readonly ParameterValue[]
  /** Run as a named prepared statement, kept for the next run of the same text (./prepared-statements.ts). */
  prepare?: boolean
}

/** What PostgreSQL returned for one statement. */
export interface RawResult {
  fields: FieldDescription[] | null
  rows: (string | null)[][]
  commandTag: string
}

/** The fields of a PostgreSQL ErrorResponse the engine maps to IRIS errors. */
export interface PgError {
  code: string
  message: string
  detail?: string
  constraint?: string
  table?: string
  column?: string
  /** Where in the statement's text the error is, in characters from 1 (a parse or analysis error). */
  position?: number
}

export interface BatchOutcome {
  /** Results of the statements that completed, in order. */
  results: RawResult[]
  /** The first error, when a statement (or the prefix / suffix) failed. */
  error?: PgError
}

export interface BatchOptions {
  /** Simple query run first, e.g. `SAVEPOINT`. If it fails, nothing else runs. */
  prefix?: string
  /** Simple query run after the statements (it fails too when they failed inside a transaction). */
  suffix?: string
}

type Message = { name: string } & Record<string, unknown>

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0
  for (const part of parts) length += part.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

function toField(field: Record<string, unknown>): FieldDescription {
  return {
    name: field.name as string,
    tableID: field.tableID as number,
    columnID: field.columnID as number,
    dataTypeID: field.dataTypeID as number,
    dataTypeSize: field.dataTypeSize as number,
    dataTypeModifier: field.dataTypeModifier as number,
  }
}

/** SQLSTATE `invalid_sql_statement_name`: Bind or Describe named a statement that does not exist. */
const NO_SUCH_STATEMENT = '26000'

/**
 * PGlite swallows a JavaScript exception thrown while PostgreSQL handles a message: in practice a
 * RangeError when analysing a statement recurses deeper than Node's stack (PostgreSQL's own
 * max_stack_depth check does not see the JavaScript stack), e.g. a chain of some 550 UNIONs or
 * operators (docs/iris-sql.md#simulator-limits). Such a Parse gets no reply at all, and the Bind or
 * Describe of the unnamed statement we send right after it fails with 26000; that error is reported
 * as this one.
 */
const STATEMENT_TOO_COMPLEX: PgError = {
  code: '54001', // statement_too_complex
  message:
    'statement too deeply nested for the simulator: PostgreSQL (PGlite) ran out of JavaScript stack analysing it, e.g. a chain of more than about 500 UNION operands or operators; split it into smaller statements',
}

/**
 * The same swallowed exception while a statement runs (e.g. PostgreSQL's recursive LIKE matcher on
 * a pattern of thousands of wildcards over a 100 000-character text under the case-insensitive
 * collation): Execute gets no reply at all, neither a CommandComplete nor an error. PostgreSQL's
 * state is then broken: the next message never returns, blocking the whole process (observed with
 * PGlite 0.5.14). So the backend refuses every later call instead
 * (docs/iris-sql.md#simulator-limits).
 */
const STATEMENT_GOT_NO_REPLY: PgError = {
  code: '54001', // statement_too_complex
  message:
    'the simulator could not run this statement: PostgreSQL (PGlite) ran out of JavaScript stack executing it and gave no reply (e.g. a LIKE pattern with thousands of wildcards over a very long text). Its engine cannot recover from that: restart the simulator',
}

const ENGINE_WEDGED =
  'the simulator is out of service: its PostgreSQL engine (PGlite) ran out of JavaScript stack running an earlier statement and cannot recover; restart the simulator'

function toPgError(message: Message): PgError {
  const error: PgError = {
    code: String(message.code ?? 'XX000'),
    message: String(message.message ?? ''),
  }
  for (const key of ['detail', 'constraint', 'table', 'column'] as const) {
    const value = message[key]
    if (typeof value === 'string') error[key] = value
  }
  const position = Number(message.position)
  if (Number.isInteger(position) && position > 0) error.position = position
  return error
}

function simpleQueryError(messages: readonly Message[] = []): PgError | undefined {
  const error = messages.find((message) => message.name === 'error')
  return error && toPgError(error)
}

/**
 * The first error of a segment in which every statement was sent as Parse then Bind or Describe:
 * one before that statement's ParseComplete is its Parse's own, unless it is 26000, which only
 * the unnamed statement's Bind or Describe raise, after a Parse that got no reply.
 */
function extendedError(messages: readonly Message[]): PgError | undefined {
  let awaitingParse = true
  for (const message of messages) {
    if (message.name === 'parseComplete') awaitingParse = false
    else if (message.name === 'commandComplete' || message.name === 'emptyQuery')
      awaitingParse = true
    else if (message.name === 'error') {
      const error = toPgError(message)
      return awaitingParse && error.code === NO_SUCH_STATEMENT ? STATEMENT_TOO_COMPLEX : error
    }
  }
  return undefined
}

/** Collects per-statement results from the messages of one segment (up to a ReadyForQuery). */
class ResultCollector {
  readonly results: RawResult[] = []
  error: PgError | undefined
  #fields: FieldDescription[] | null = null
  #rows: (string | null)[][] = []

  accept(message: Message): void {
    switch (message.name) {
      case 'rowDescription':
        this.#fields = (message.fields as Record<string, unknown>[]).map(toField)
        break
      case 'dataRow':
        this.#rows.push(message.fields as (string | null)[])
        break
      case 'commandComplete':
      case 'emptyQuery':
        this.results.push({
          fields: this.#fields,
          rows: this.#rows,
          commandTag: message.name === 'emptyQuery' ? '' : String(message.text),
        })
        this.#fields = null
        this.#rows = []
        break
      case 'error':
        this.error ??= toPgError(message)
        break
    }
  }
}

export class Backend {
  readonly #pg: PGlite
  #queue: Promise<unknown> = Promise.resolve()
  /** PostgreSQL lost a statement mid-execution (STATEMENT_GOT_NO_REPLY): no call may reach it again. */
  #wedged = false
  readonly #prepared = new PreparedStatements()

  constructor(pg: PGlite) {
    this.#pg = pg
  }

  /** Runs PGlite calls one at a time: its protocol API keeps per-call state and must not overlap. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work)
    this.#queue = run.catch(() => undefined)
    return run
  }

  /**
   * Sends `message` and decodes the replies as they stream out of PostgreSQL. The raw stream (not
   * `execProtocol`, not `execProtocolRaw`) is the one PGlite call that does not also run its own
   * parser over the bytes. Each chunk is a view of WebAssembly memory that the next one may reuse,
   * so it is copied before the parser keeps any of it.
   */
  #exchange(message: Uint8Array): Promise<Message[]> {
    return this.#exclusive(async () => {
      if (this.#wedged) throw new Error(ENGINE_WEDGED)
      const messages: Message[] = []
      const parser = new Parser()
      const collect = (reply: unknown) => messages.push(reply as Message)
      await this.#pg.execProtocolRawStream(message, {
        onRawData: (chunk) => parser.parse(Buffer.from(chunk), collect),
      })
      return messages
    })
  }

  /**
   * Sends `body` (extended-protocol messages ending in Sync, or nothing) between the optional
   * simple-query prefix and suffix, and splits the replies at each ReadyForQuery.
   */
  async #exchangeSegments(
    body: Uint8Array[],
    options: BatchOptions,
  ): Promise<{ main: Message[]; error?: PgError }> {
    const parts: Uint8Array[] = []
    if (options.prefix) parts.push(serialize.query(options.prefix))
    parts.push(...body)
    if (options.suffix) parts.push(serialize.query(options.suffix))
    const segments: Message[][] = [[]]
    for (const message of await this.#exchange(concat(parts))) {
      if (message.name === 'readyForQuery') segments.push([])
      else segments.at(-1)?.push(message)
    }
    let index = 0
    const prefix = options.prefix ? segments[index++] : undefined
    const main = body.length > 0 ? (segments[index++] ?? []) : []
    const suffix = options.suffix ? segments[index++] : undefined
    const error = simpleQueryError(prefix) ?? extendedError(main) ?? simpleQueryError(suffix)
    return error ? { main, error } : { main }
  }

  /** Runs statements (and an optional prefix / suffix) in one round trip; see the file comment. */
  async run(
    statements: readonly BackendStatement[],
    options: BatchOptions = {},
  ): Promise<BatchOutcome> {
    const body: Uint8Array[] = []
    // Statements parsed under a new name in this batch, by their index.
    const parsed = new Map<number, string>()
    if (statements.length > 0)
      for (const name of this.#prepared.takeUnused())
        body.push(serialize.close({ type: 'S', name }))
    for (const [i, statement] of statements.entries()) {
      const { sql, params = [], prepare } = statement
      let name = prepare ? this.#prepared.nameOf(sql) : undefined
      if (prepare && name === undefined) {
        name = this.#prepared.newName()
        parsed.set(i, name)
      }
      if (name === undefined || parsed.has(i)) body.push(serialize.parse({ name, text: sql }))
      body.push(
        serialize.bind({ statement: name, values: params as (string | Buffer | null)[] }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
      )
    }
    if (statements.length > 0) body.push(serialize.sync())
    const { main, error } = await this.#exchangeSegments(body, options)
    const collector = new ResultCollector()
    for (const message of main) collector.accept(message)
    for (const [i, name] of parsed) {
      if (i < collector.results.length) this.#prepared.prepared(statements[i]!.sql, name)
      else this.#prepared.failed(name)
    }
    const unanswered = !error && collector.results.length < statements.length
    if (unanswered) this.#wedged = true
    const failure = unanswered ? STATEMENT_GOT_NO_REPLY : error
    return { results: collector.results, ...(failure ? { error: failure } : {}) }
  }

  /** The schema changed: the prepared statements are not run again (./prepared-statements.ts). */
  forgetPrepared(): void {
    this.#prepared.clear()
  }

  /** Runs parameterless SQL (possibly several statements) with the simple protocol. */
  async simple(sql: string): Promise<BatchOutcome> {
    const collector = new ResultCollector()
    for (const message of await this.#exchange(serialize.query(sql))) collector.accept(message)
    return { results: collector.results, ...(collector.error ? { error: collector.error } : {}) }
  }

  /** Parse + Describe(statement): parameter types and result columns, without running anything. */
  async describe(
    sql: string,
    options: BatchOptions = {},
  ): Promise<{ paramTypeIDs: number[]; fields: FieldDescription[] | null; error?: PgError }> {
    const body = [
      serialize.parse({ text: sql }),
      serialize.describe({ type: 'S' }),
      serialize.sync(),
    ]
    const { main, error } = await this.#exchangeSegments(body, options)
    let paramTypeIDs: number[] = []
    let fields: FieldDescription[] | null = null
    for (const message of main) {
      if (message.name === 'parameterDescription')
        paramTypeIDs = [...(message.dataTypeIDs as number[])]
      else if (message.name === 'rowDescription')
        fields = (message.fields as Record<string, unknown>[]).map(toField)
    }
    return { paramTypeIDs, fields, ...(error ? { error } : {}) }
  }

  close(): Promise<void> {
    return this.#exclusive(() => this.#pg.close())
  }
}
