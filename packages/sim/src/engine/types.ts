/**
 * The seam between the wire layer (src/wire, which knows the PostgreSQL protocol and nothing about
 * SQL) and the engine (src/engine, which knows IRIS SQL semantics and nothing about bytes).
 * The wire layer only ever talks to an {@link Engine} and its {@link EngineSession}s.
 */

/** One column of a RowDescription. Values are always sent in text format. */
export interface FieldDescription {
  name: string
  /** OID of the table the column comes from, or 0. */
  tableID: number
  /** Attribute number within that table, or 0. */
  columnID: number
  dataTypeID: number
  dataTypeSize: number
  dataTypeModifier: number
}

/** The outcome of one statement. `fields === null` means the statement returns no rows (NoData). */
export interface StatementResult {
  fields: FieldDescription[] | null
  /** Text-format values; `null` is SQL NULL. */
  rows: (string | null)[][]
  /** e.g. `SELECT 3`, `INSERT 0 1`, `UPDATE 2`, `BEGIN`. */
  commandTag: string
}

/** What Describe (statement) reports. */
export interface StatementDescription {
  paramTypeIDs: number[]
  fields: FieldDescription[] | null
}

/**
 * What Describe (portal) answers: the columns (`null`: NoData), and the statement's result when it
 * ran to answer, which Execute then sends. Without `result`, Execute runs the statement itself
 * (iris-pgwire runs it twice, docs/iris-sql.md#describe-and-statements-without-rowdescription).
 */
export interface PortalDescription {
  fields: FieldDescription[] | null
  result?: StatementResult
}

/** A bound parameter: text format, or a Buffer when the client bound it in binary format. */
export type ParameterValue = string | Buffer | null

/** ErrorResponse fields (PostgreSQL protocol names). */
export interface ErrorFields {
  severity: 'ERROR' | 'FATAL'
  /** SQLSTATE. IRIS errors are always `42000` (docs/iris-sql.md#error-format). */
  code: string
  message: string
  detail?: string
  hint?: string
  position?: string
}

/** An error to report to the client as an ErrorResponse. The connection stays usable. */
export class SimError extends Error {
  readonly fields: ErrorFields
  /** The IRIS SQLCODE, when the error is an IRIS error (docs/iris-sql.md#sqlcodes). */
  readonly sqlcode: number | undefined

  constructor(fields: ErrorFields, sqlcode?: number) {
    super(fields.message)
    this.name = 'SimError'
    this.fields = fields
    this.sqlcode = sqlcode
  }
}

export type TransactionStatus = 'idle' | 'transaction'

export interface SessionInfo {
  user: string
  database: string
  applicationName?: string
}

/** Per-client-connection session. Calls are made one at a time by the wire layer (never overlapping). */
export interface EngineSession {
  /** Process id reported in BackendKeyData; unique per engine. */
  readonly processId: number
  /** Secret key reported in BackendKeyData, checked by {@link Engine.cancel}. */
  readonly secretKey: number
  /** `idle` or `transaction`; IRIS has no aborted-transaction state (docs/iris-sql.md#error-format). */
  readonly transactionStatus: TransactionStatus

  /** Parse + Describe(statement): the parameter types and result columns of one statement. */
  describe(sql: string, paramTypeIDs: number[]): Promise<StatementDescription>

  /** Describe (portal): the columns of one statement with bound parameters. */
  describePortal(
    sql: string,
    params: ParameterValue[],
    paramTypeIDs: number[],
  ): Promise<PortalDescription>

  /** Extended protocol: run one statement with bound parameters. */
  execute(sql: string, params: ParameterValue[], paramTypeIDs: number[]): Promise<StatementResult>

  /**
   * Simple protocol: run a query string that may hold several statements. `onResult` is called
   * once per statement, in order. A failure either rejects the promise with a SimError, ending the
   * query (results already delivered stand), or, where the session runs every statement regardless
   * (iris-pgwire, docs/iris-sql.md#text-rewrites), goes to `onError` and the query goes on. An
   * empty query string calls neither.
   */
  simpleQuery(
    sql: string,
    onResult: (result: StatementResult) => void,
    onError: (error: unknown) => void,
  ): Promise<void>

  /** Ends the session: rolls back an open transaction and releases every lock the session holds. */
  close(): Promise<void>
}

export interface Engine {
  /** ParameterStatus values sent after authentication (docs/iris-sql.md#server-identity). */
  readonly serverParameters: Readonly<Record<string, string>>
  openSession(info: SessionInfo): EngineSession
  /**
   * A CancelRequest arrived for (processId, secretKey): cancel the session's running or waiting
   * statement, which then fails with SQLSTATE 57014. Unknown keys are ignored.
   */
  cancel(processId: number, secretKey: number): void
  close(): Promise<void>
}
