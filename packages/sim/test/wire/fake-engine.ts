/**
 * A scripted Engine for wire-layer tests: it understands a handful of one-word commands instead of
 * SQL, records what the wire layer asked of it, and can fail or block on demand.
 *
 *   rows N      one int4 column `n`, values 1..N            (tag `SELECT N`)
 *   echo $1 $2  one text column per parameter, echoing it   (binary parameters as `hex:...`)
 *   insert      no columns                                  (tag `INSERT 0 1`)
 *   begin / commit   enter / leave a transaction
 *   fail        SimError 42000 (an IRIS error, docs/iris-sql.md#error-format)
 *   crash       a plain Error (an engine bug)
 *   wait        blocks until engine.cancel hits it, then fails with 57014
 *
 * Describe (portal) runs the statement, except `unrun ...`: answered NoData without running, so
 * Execute runs `...` (as iris-pgwire answers a statement it does not describe). A simple query that
 * starts with `each:` runs every statement, passing failures to `onError` (as iris-pgwire does).
 */
import type {
  Engine,
  EngineSession,
  FieldDescription,
  ParameterValue,
  PortalDescription,
  SessionInfo,
  StatementDescription,
  StatementResult,
  TransactionStatus,
} from '../../src/engine/types.js'
import { SimError } from '../../src/engine/types.js'

const int4 = 23
const text = 25

function field(name: string, dataTypeID: number): FieldDescription {
  return { name, tableID: 0, columnID: 0, dataTypeID, dataTypeSize: -1, dataTypeModifier: -1 }
}

function parameterCount(sql: string): number {
  return sql.match(/\$\d+/g)?.length ?? 0
}

function fieldsOf(sql: string): FieldDescription[] | null {
  const [command] = sql.trim().split(/\s+/)
  if (command === 'rows') return [field('n', int4)]
  if (command === 'echo') {
    return Array.from({ length: parameterCount(sql) }, (_, index) => field(`p${index + 1}`, text))
  }
  return null
}

export class FakeSession implements EngineSession {
  transactionStatus: TransactionStatus = 'idle'
  closeCount = 0
  /** Every statement run, in order (execute and each statement of simpleQuery). */
  readonly executed: { sql: string; params: ParameterValue[] }[] = []
  private cancelWait: (() => void) | undefined

  constructor(
    readonly processId: number,
    readonly secretKey: number,
    readonly info: SessionInfo,
  ) {}

  async describe(sql: string, paramTypeIDs: number[]): Promise<StatementDescription> {
    const count = parameterCount(sql)
    return {
      paramTypeIDs: Array.from({ length: count }, (_, index) => paramTypeIDs[index] || text),
      fields: fieldsOf(sql),
    }
  }

  async describePortal(sql: string, params: ParameterValue[]): Promise<PortalDescription> {
    if (sql.startsWith('unrun ')) return { fields: null }
    const result = await this.execute(sql, params)
    return { fields: result.fields, result }
  }

  async execute(statement: string, params: ParameterValue[]): Promise<StatementResult> {
    this.executed.push({ sql: statement, params })
    const sql = statement.replace(/^unrun /, '')
    const [command, argument] = sql.trim().split(/\s+/)
    switch (command) {
      case 'rows': {
        const count = Number(argument)
        const rows = Array.from({ length: count }, (_, index) => [String(index + 1)])
        return { fields: fieldsOf(sql), rows, commandTag: `SELECT ${count}` }
      }
      case 'echo': {
        const row = params.map((value) =>
          Buffer.isBuffer(value) ? `hex:${value.toString('hex')}` : value,
        )
        return { fields: fieldsOf(sql), rows: [row], commandTag: 'SELECT 1' }
      }
      case 'insert':
        return { fields: null, rows: [], commandTag: 'INSERT 0 1' }
      case 'begin':
        this.transactionStatus = 'transaction'
        return { fields: null, rows: [], commandTag: 'BEGIN' }
      case 'commit':
        this.transactionStatus = 'idle'
        return { fields: null, rows: [], commandTag: 'COMMIT' }
      case 'fail':
        throw new SimError(
          { severity: 'ERROR', code: '42000', message: '[SQLCODE: <-1>:<Invalid SQL statement>]' },
          -1,
        )
      case 'crash':
        throw new Error('engine exploded')
      case 'wait':
        await new Promise<void>((resolve) => {
          this.cancelWait = resolve
        })
        throw new SimError({
          severity: 'ERROR',
          code: '57014',
          message: 'canceling statement due to user request',
        })
      default:
        throw new SimError({ severity: 'ERROR', code: '42000', message: `unknown: ${sql}` })
    }
  }

  async simpleQuery(
    sql: string,
    onResult: (result: StatementResult) => void,
    onError: (error: unknown) => void,
  ): Promise<void> {
    const goOn = sql.startsWith('each:')
    for (const statement of sql.replace(/^each:/, '').split(';')) {
      if (statement.trim() === '') continue
      try {
        onResult(await this.execute(statement, []))
      } catch (error) {
        if (!goOn) throw error
        onError(error)
      }
    }
  }

  async close(): Promise<void> {
    this.closeCount++
  }

  cancel(): void {
    this.cancelWait?.()
  }
}

export class FakeEngine implements Engine {
  readonly serverParameters = {
    server_version: '16.0 (InterSystems IRIS)',
    client_encoding: 'UTF8',
  }
  readonly sessions: FakeSession[] = []
  readonly cancels: { processId: number; secretKey: number }[] = []

  openSession(info: SessionInfo): FakeSession {
    const session = new FakeSession(
      this.sessions.length + 1,
      0x9000_0000 + this.sessions.length,
      info,
    )
    this.sessions.push(session)
    return session
  }

  cancel(processId: number, secretKey: number): void {
    this.cancels.push({ processId, secretKey })
    const session = this.sessions.find((candidate) => candidate.processId === processId)
    if (session?.secretKey === secretKey) session.cancel()
  }

  async close(): Promise<void> {}
}
