import {
  type DatabaseConnection,
  type Driver,
  IdentifierNode,
  type QueryCompiler,
  RawNode,
  type TransactionSettings,
} from 'kysely'
import {
  commitOutcomeUnknownError,
  uncommittedTransactionError,
  watchConnectionLoss,
} from './connection-loss.js'
import { createPool } from './create-pool.js'
import { toIrisError } from './error-mapping.js'
import { IrisConnectionError, IrisInputError, IrisUnsupportedError } from './errors.js'
import { IrisConnection } from './iris-connection.js'
import type { IrisPool, IrisPoolClient, ResolvedIrisDialectConfig } from './iris-dialect-config.js'
import { IrisQueryCompiler } from './iris-query-compiler.js'
import { checkIrisServer } from './server-check.js'

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

  constructor(config: ResolvedIrisDialectConfig) {
    this.#config = config
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
      throw toIrisError(error)
    }
    let connection = this.#connections.get(client)
    if (!connection) {
      connection = new IrisConnection(client, {
        compiler: new IrisQueryCompiler(this.#config),
        maxParameters: this.#config.maxParameters,
        insertId: this.#config.insertId,
        cursor: this.#config.cursor,
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
   * (docs/iris-sql.md#set-transaction).
   */
  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const modes: string[] = []
    if (settings.isolationLevel) {
      if (!ISOLATION_LEVELS.has(settings.isolationLevel)) {
        throw new IrisUnsupportedError(
          `isolation level '${settings.isolationLevel}' does not exist in IRIS; use 'read committed' or 'read uncommitted'`,
        )
      }
      modes.push(`isolation level ${settings.isolationLevel}`)
    }
    if (settings.accessMode) modes.push(settings.accessMode)
    await asIris(connection).run(
      modes.length ? `start transaction ${modes.join(', ')}` : 'start transaction',
    )
    asIris(connection).inTransaction = true
  }

  /**
   * A transaction whose connection was lost cannot commit: the server rolls a disconnected
   * session's transaction back, and the error says so.
   */
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const iris = asIris(connection)
    iris.inTransaction = false
    if (iris.discarded) throw uncommittedTransactionError(iris.lostCause)
    try {
      await iris.run('commit')
    } catch (error) {
      // COMMIT was sent: the server may have committed before the socket went.
      if (error instanceof IrisConnectionError) throw commitOutcomeUnknownError(error)
      throw error
    }
  }

  /** On a lost connection there is nothing to send: the server has rolled the transaction back. */
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    asIris(connection).inTransaction = false
    if (asIris(connection).discarded) return
    try {
      await asIris(connection).run('rollback')
    } catch (error) {
      asIris(connection).discard()
      throw error
    }
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await asIris(connection).run(savepointSql('savepoint', name, compileQuery))
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await asIris(connection).run(savepointSql('rollback to savepoint', name, compileQuery))
  }

  /**
   * A no-op: IRIS documents no RELEASE SAVEPOINT (docs/iris-sql.md#savepoints). The name is still
   * checked.
   */
  async releaseSavepoint(
    _connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    savepointSql('savepoint', name, compileQuery)
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
 * Savepoint names go through the compiler's identifier checks; `SYS…` names are IRIS's
 * (docs/iris-sql.md#savepoints).
 */
function savepointSql(
  command: string,
  name: string,
  compileQuery: QueryCompiler['compileQuery'],
): string {
  if (/^sys/i.test(name)) {
    throw new IrisInputError(
      `savepoint name "${name}" starts with SYS, which IRIS reserves; choose another name`,
    )
  }
  const node = RawNode.createWithChildren([
    RawNode.createWithSql(`${command} `),
    IdentifierNode.create(name),
  ])
  return compileQuery(node, { queryId: 'savepoint' }).sql
}
