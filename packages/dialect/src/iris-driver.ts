import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  IdentifierNode,
  type QueryCompiler,
  RawNode,
  type TransactionSettings,
} from 'kysely'
import { markAborted } from './aborted-transaction.js'
import {
  commitOutcomeUnknownError,
  uncommittedTransactionError,
  watchConnectionLoss,
} from './connection-loss.js'
import { createPool } from './create-pool.js'
import { explainDefaultConnectionString } from './default-connection-hint.js'
import { toIrisError } from './error-mapping.js'
import {
  IrisConnectionError,
  IrisInputError,
  IrisTransactionsUnsupportedError,
  IrisUnsupportedError,
} from './errors.js'
import { IrisConnection } from './iris-connection.js'
import type { IrisPool, IrisPoolClient, ResolvedIrisDialectConfig } from './iris-dialect-config.js'
import { IrisQueryCompiler } from './iris-query-compiler.js'
import { LabelMatch } from './label-match.js'
import { checkIrisServer } from './server-check.js'
import { SessionPolicy } from './session-policy.js'
import { StarLabels } from './star-labels.js'
import { SchemaGeneration, StatementCache } from './statement-cache.js'

/**
 * Isolation levels IRIS has (docs/iris-sql.md#transaction-statements); REPEATABLE READ,
 * SERIALIZABLE and SNAPSHOT it lacks.
 */
const ISOLATION_LEVELS = new Set(['read uncommitted', 'read committed'])

/** Kysely's Driver over a `pg` Pool. */
export class IrisDriver implements Driver {
  readonly #config: ResolvedIrisDialectConfig
  readonly #connections = new WeakMap<IrisPoolClient, IrisConnection>()
  #pool: IrisPool | undefined
  readonly #sessions: SessionPolicy
  readonly #starLabels = new StarLabels()
  readonly #labelMatch = new LabelMatch()
  readonly #schema = new SchemaGeneration()
  /** Recompiles the chunks of a split insert; one for every connection (compiling is synchronous). */
  readonly #compiler: IrisQueryCompiler

  constructor(config: ResolvedIrisDialectConfig) {
    this.#config = config
    this.#compiler = new IrisQueryCompiler(config)
    this.#sessions = new SessionPolicy({
      sessionModel: config.sessionModel,
      transactions: config.transactions,
    })
  }

  async init(): Promise<void> {
    const { pool } = this.#config
    this.#pool =
      pool === undefined
        ? await createPool(this.#config)
        : typeof pool === 'function'
          ? await pool()
          : pool
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const pool = this.#pool
    if (!pool)
      throw new IrisConnectionError(
        'the IrisDialect driver was destroyed (db.destroy() was called)',
      )
    let client: IrisPoolClient
    try {
      client = await pool.connect()
    } catch (error) {
      throw explainDefaultConnectionString(toIrisError(error), this.#config)
    }
    let connection = this.#connections.get(client)
    if (!connection) {
      connection = new IrisConnection(client, {
        compiler: this.#compiler,
        maxParameters: this.#config.maxParameters,
        insertId: this.#config.insertId,
        cursor: this.#config.cursor,
        sessions: this.#sessions,
        starLabels: this.#starLabels,
        labelMatch: this.#labelMatch,
        schema: this.#schema,
        statements:
          this.#config.preparedStatements > 0
            ? new StatementCache(this.#config.preparedStatements, this.#schema)
            : undefined,
      })
      this.#connections.set(client, connection)
      // A socket that dies while the client is checked out (e.g. between a transaction's
      // statements) is reported here; the connection is then discarded, never reused.
      const lost = connection
      watchConnectionLoss(client, (error) => lost.discard(toIrisError(error)))
      const { serverCheck, onCreateConnection } = this.#config
      if (serverCheck !== 'off' || onCreateConnection) {
        try {
          // iris-pgwire says who it is in SELECT version() (docs/iris-sql.md#server-identity).
          if (serverCheck !== 'off') await checkIrisServer(connection, serverCheck)
          await onCreateConnection?.(connection)
        } catch (error) {
          connection.discard()
          connection.release()
          throw error
        }
      }
    }
    return connection
  }

  /**
   * `START TRANSACTION` carries the level and access mode: pgwire swallows SET TRANSACTION
   * (docs/iris-sql.md#set-transaction). Before the first one, the pool's session model is probed
   * (./session-probe.ts): a front end that does not honour transactions is refused here, before
   * anything is written, and in a shared process the transaction holds the pool's lane alone. Once
   * the model is known, a transaction starts without awaiting anything but its statement.
   */
  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const iris = asIris(connection)
    const statement = startTransaction(settings)
    const sessions = this.#sessions
    const model = sessions.known ?? (await sessions.model(iris.probe))
    if (!sessions.transactionsHonoured(model, 'The transaction')) {
      iris.transaction = 'autocommit'
      return
    }
    if (model === 'shared-process') iris.holdLane(await sessions.lane.exclusive())
    try {
      await connection.executeQuery(statement)
    } catch (error) {
      iris.leaveLane()
      throw error
    }
    iris.transaction = 'open'
  }

  /**
   * A transaction whose connection was lost cannot commit: the server rolls a disconnected
   * session's transaction back, and the error says so. Nor can one IRIS rolled back after a -375
   * (docs/iris-sql.md#savepoints): nothing is sent, and the error says so.
   */
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const iris = asIris(connection)
    const state = iris.transaction
    const rolledBack = state === 'rolled back' ? iris.rolledBackError() : undefined
    iris.transaction = 'none'
    if (state === 'autocommit') return
    if (rolledBack) {
      iris.leaveLane()
      throw markAborted(rolledBack)
    }
    if (iris.discarded) {
      iris.leaveLane()
      throw uncommittedTransactionError(iris.lostCause)
    }
    try {
      await connection.executeQuery(COMMIT)
    } catch (error) {
      // COMMIT was sent: the server may have committed before the socket went.
      throw error instanceof IrisConnectionError ? commitOutcomeUnknownError(error) : error
    } finally {
      iris.leaveLane()
    }
  }

  /**
   * On a lost connection there is nothing to send: the server has rolled the transaction back; so
   * has IRIS after a -375 (docs/iris-sql.md#savepoints). Under `transactions: 'unsafe-autocommit'`
   * there is nothing to roll back: the work was autocommitted.
   */
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const iris = asIris(connection)
    const state = iris.transaction
    iris.transaction = 'none'
    if (state === 'autocommit' || state === 'rolled back' || iris.discarded) {
      iris.leaveLane()
      return
    }
    try {
      await connection.executeQuery(ROLLBACK)
    } catch (error) {
      iris.discard()
      throw error
    } finally {
      iris.leaveLane()
    }
  }

  /**
   * One more IRIS transaction level, refused before anything is sent when it would pass the
   * highest (IrisConnection.setSavepoint). Sent through `executeQuery`, so Kysely's log shows it.
   */
  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    const iris = asIris(connection)
    const statement = savepointSql(iris, 'savepoint', name, compileQuery)
    await iris.setSavepoint(name, () => connection.executeQuery(statement))
  }

  /**
   * Gives levels back; a -375 ends the whole transaction (IrisConnection.rollBackToSavepoint).
   * Sent through `executeQuery`, so Kysely's log shows it.
   */
  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    const iris = asIris(connection)
    const statement = savepointSql(iris, 'rollback to savepoint', name, compileQuery)
    await iris.rollBackToSavepoint(name, () => connection.executeQuery(statement))
  }

  /**
   * A no-op: IRIS documents no RELEASE SAVEPOINT (docs/iris-sql.md#savepoints), so the savepoint
   * keeps its transaction level. The name is still checked.
   */
  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    savepointSql(asIris(connection), 'savepoint', name, compileQuery)
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    asIris(connection).release()
  }

  async destroy(): Promise<void> {
    const pool = this.#pool
    this.#pool = undefined
    await pool?.end()
  }
}

function asIris(connection: DatabaseConnection): IrisConnection {
  return connection as IrisConnection
}

/**
 * The transaction statements, compiled once. They run through `executeQuery`, as Kysely's own
 * drivers run theirs, so that Kysely's `log` (which wraps that method) shows them.
 */
const START_TRANSACTION = CompiledQuery.raw('start transaction')
const COMMIT = CompiledQuery.raw('commit')
const ROLLBACK = CompiledQuery.raw('rollback')

/** `START TRANSACTION` with the level and access mode, which IRIS takes there. */
function startTransaction({ isolationLevel, accessMode }: TransactionSettings): CompiledQuery {
  if (!isolationLevel && !accessMode) return START_TRANSACTION
  const modes: string[] = []
  if (isolationLevel) {
    if (!ISOLATION_LEVELS.has(isolationLevel)) {
      throw new IrisUnsupportedError(
        `isolation level '${isolationLevel}' does not exist in IRIS; use 'read committed' or 'read uncommitted'`,
      )
    }
    modes.push(`isolation level ${isolationLevel}`)
  }
  if (accessMode) modes.push(accessMode)
  return CompiledQuery.raw(`start transaction ${modes.join(', ')}`)
}

/**
 * Savepoint names go through the compiler's identifier checks; `SYS…` names are IRIS's
 * (docs/iris-sql.md#savepoints).
 */
function savepointSql(
  connection: IrisConnection,
  command: string,
  name: string,
  compileQuery: QueryCompiler['compileQuery'],
): CompiledQuery {
  if (connection.transaction === 'autocommit') {
    throw new IrisTransactionsUnsupportedError(
      `savepoint "${name}" cannot be had: this transaction runs without one (transactions: 'unsafe-autocommit') because the front end does not honour transactions, so nothing could be rolled back to it. Nothing was sent. Run iris-pgwire's embedded backend for savepoints`,
    )
  }
  if (/^sys/i.test(name)) {
    throw new IrisInputError(
      `savepoint name "${name}" starts with SYS, which IRIS reserves; choose another name`,
    )
  }
  const node = RawNode.createWithChildren([
    RawNode.createWithSql(`${command} `),
    IdentifierNode.create(name),
  ])
  return compileQuery(node, { queryId: 'savepoint' })
}
