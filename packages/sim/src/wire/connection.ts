/**
 * One client's session on the wire, after authentication: the simple and extended query protocols
 * over one {@link EngineSession}. Prepared statements and portals live here, so names of different
 * connections never collide. Messages arrive one at a time (the caller awaits each).
 *
 * Output is collected and written at Sync, Flush and the end of a simple Query, as PostgreSQL does.
 */
import type {
  EngineSession,
  ErrorFields,
  ParameterValue,
  StatementResult,
} from '../engine/types.js'
import { SimError } from '../engine/types.js'
import {
  bindComplete,
  closeComplete,
  commandComplete,
  dataRow,
  emptyQueryResponse,
  errorResponse,
  noData,
  parameterDescription,
  parseComplete,
  portalSuspended,
  readyForQuery,
  rowDescription,
} from './backend-messages.js'
import type { FrontendMessage } from './frontend-messages.js'

export interface ConnectionOptions {
  session: EngineSession
  /**
   * Honour Execute's row limit with PortalSuspended. iris-pgwire 1.0 ignores it and sends every
   * row (docs/iris-sql.md#execute-row-limit), so the profiles behind it turn this off.
   */
  honourRowLimit: boolean
  /** Writes bytes to the client. */
  write: (data: Buffer) => void
}

interface PreparedStatement {
  sql: string
  paramTypeIDs: number[]
}

interface Portal {
  statement: PreparedStatement
  params: ParameterValue[]
  /** Set by Execute, or by a Describe that ran the statement: its rows wait here. */
  result?: StatementResult
  rowsSent: number
}

type ExtendedMessage = Exclude<FrontendMessage, { type: 'query' | 'sync' | 'flush' | 'terminate' }>

function error(code: string, message: string): SimError {
  return new SimError({ severity: 'ERROR', code, message })
}

/** Anything the engine throws that is not a SimError is an internal error; the connection lives on. */
function errorFields(thrown: unknown): ErrorFields {
  if (thrown instanceof SimError) return thrown.fields
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return { severity: 'ERROR', code: 'XX000', message }
}

function quoted(kind: 'prepared statement' | 'portal', name: string): string {
  return name === '' ? `unnamed ${kind}` : `${kind} "${name}"`
}

export class Connection {
  private readonly statements = new Map<string, PreparedStatement>()
  private readonly portals = new Map<string, Portal>()
  private readonly output: Buffer[] = []
  /** After an error in an extended-protocol message, everything up to Sync is discarded. */
  private skippingUntilSync = false
  private closing: Promise<void> | undefined

  constructor(private readonly options: ConnectionOptions) {}

  get session(): EngineSession {
    return this.options.session
  }

  async handle(message: Exclude<FrontendMessage, { type: 'terminate' }>): Promise<void> {
    switch (message.type) {
      case 'sync':
        return this.sync()
      case 'flush':
        return this.flush()
      case 'query':
        if (!this.skippingUntilSync) await this.simpleQuery(message.sql)
        return
      default:
        if (!this.skippingUntilSync) await this.extended(message)
    }
  }

  /** Ends the engine session (rolling back an open transaction), exactly once. */
  close(): Promise<void> {
    this.closing ??= this.session.close()
    return this.closing
  }

  /** Sends whatever is still collected (before the connection is closed on a fatal error). */
  flush(): void {
    if (this.output.length === 0) return
    this.options.write(Buffer.concat(this.output))
    this.output.length = 0
  }

  private send(message: Buffer): void {
    this.output.push(message)
  }

  private sync(): void {
    this.skippingUntilSync = false
    // Outside a transaction block, Sync ends the implicit transaction and with it every portal.
    if (this.session.transactionStatus === 'idle') this.portals.clear()
    this.sendReadyForQuery()
  }

  private sendReadyForQuery(): void {
    this.send(readyForQuery(this.session.transactionStatus))
    this.flush()
  }

  private async simpleQuery(sql: string): Promise<void> {
    let answered = 0
    const sendError = (thrown: unknown) => {
      answered++
      this.send(errorResponse(errorFields(thrown)))
    }
    try {
      await this.session.simpleQuery(
        sql,
        (result) => {
          answered++
          if (result.fields) this.send(rowDescription(result.fields))
          this.sendRows(result.rows, 0, result.rows.length)
          this.send(commandComplete(result.commandTag))
        },
        sendError,
      )
      if (answered === 0) this.send(emptyQueryResponse)
    } catch (thrown) {
      sendError(thrown)
    }
    this.sendReadyForQuery()
  }

  private async extended(message: ExtendedMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'parse':
          return this.parse(message)
        case 'bind':
          return this.bind(message)
        case 'describe':
          return message.target === 'statement'
            ? await this.describeStatement(message.name)
            : await this.describePortal(message.name)
        case 'execute':
          return await this.execute(message.portal, message.maxRows)
        case 'close':
          return this.closeNamed(message.target, message.name)
      }
    } catch (thrown) {
      this.send(errorResponse(errorFields(thrown)))
      this.skippingUntilSync = true
    }
  }

  private parse(message: Extract<FrontendMessage, { type: 'parse' }>): void {
    // The statement is checked when it is described or executed, in the same batch for `pg`.
    if (message.statement !== '' && this.statements.has(message.statement)) {
      throw error('42P05', `${quoted('prepared statement', message.statement)} already exists`)
    }
    this.statements.set(message.statement, {
      sql: message.sql,
      paramTypeIDs: message.paramTypeIDs,
    })
    this.send(parseComplete)
  }

  private bind(message: Extract<FrontendMessage, { type: 'bind' }>): void {
    const statement = this.statements.get(message.statement)
    if (!statement) {
      throw error('26000', `${quoted('prepared statement', message.statement)} does not exist`)
    }
    if (message.resultFormats.some((format) => format !== 0)) {
      throw error('0A000', 'only text result format is supported')
    }
    if (message.portal !== '' && this.portals.has(message.portal)) {
      throw error('42P03', `${quoted('portal', message.portal)} already exists`)
    }
    this.portals.set(message.portal, { statement, params: message.params, rowsSent: 0 })
    this.send(bindComplete)
  }

  private async describeStatement(name: string): Promise<void> {
    const statement = this.statements.get(name)
    if (!statement) throw error('26000', `${quoted('prepared statement', name)} does not exist`)
    const description = await this.session.describe(statement.sql, statement.paramTypeIDs)
    this.send(parameterDescription(description.paramTypeIDs))
    this.send(description.fields ? rowDescription(description.fields) : noData)
  }

  /** The session answers; when it ran the statement to do so, Execute sends those rows. */
  private async describePortal(name: string): Promise<void> {
    const portal = this.portal(name)
    let fields = portal.result?.fields
    if (fields === undefined) {
      const { statement, params } = portal
      const described = await this.session.describePortal(
        statement.sql,
        params,
        statement.paramTypeIDs,
      )
      if (described.result) portal.result = described.result
      fields = described.fields
    }
    this.send(fields ? rowDescription(fields) : noData)
  }

  private async execute(name: string, maxRows: number): Promise<void> {
    const portal = this.portal(name)
    const result = await this.run(portal)
    const remaining = result.rows.length - portal.rowsSent
    const limit = this.options.honourRowLimit && maxRows > 0 ? maxRows : remaining
    if (remaining > limit) {
      this.sendRows(result.rows, portal.rowsSent, portal.rowsSent + limit)
      portal.rowsSent += limit
      this.send(portalSuspended)
      return
    }
    this.sendRows(result.rows, portal.rowsSent, result.rows.length)
    portal.rowsSent = result.rows.length
    this.send(commandComplete(result.commandTag))
  }

  private closeNamed(target: 'statement' | 'portal', name: string): void {
    if (target === 'portal') {
      this.portals.delete(name)
    } else {
      // Closing a statement closes the portals made from it.
      const statement = this.statements.get(name)
      this.statements.delete(name)
      for (const [portalName, portal] of this.portals) {
        if (portal.statement === statement) this.portals.delete(portalName)
      }
    }
    this.send(closeComplete)
  }

  private portal(name: string): Portal {
    const portal = this.portals.get(name)
    if (!portal) throw error('34000', `${quoted('portal', name)} does not exist`)
    return portal
  }

  private async run(portal: Portal): Promise<StatementResult> {
    portal.result ??= await this.session.execute(
      portal.statement.sql,
      portal.params,
      portal.statement.paramTypeIDs,
    )
    return portal.result
  }

  private sendRows(rows: StatementResult['rows'], from: number, to: number): void {
    for (let index = from; index < to; index++) this.send(dataRow(rows[index]!))
  }
}
