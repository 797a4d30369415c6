import { Kysely } from 'kysely'
import {
  IrisDialect,
  type IrisPool,
  type IrisPoolClient,
  type IrisQueryResult,
} from '../../src/index.js'

export interface RecordedQuery {
  client: number
  text: string
  values: readonly unknown[]
  /** The prepared statement's name, when the driver named it. */
  name?: string
  /** Whether the rows were asked for as arrays (`rowMode: 'array'`), else as pg's row objects. */
  arrays: boolean
}

interface QueryConfig {
  name?: string
  text: string
  values?: readonly unknown[]
  rowMode?: 'array'
}

/** Like pg without `rowMode: 'array'`: each row an object keyed by the labels, the last of equal labels winning. */
function asObjects({ rows, fields }: IrisQueryResult): Record<string, unknown>[] {
  return rows.map((row) => {
    const object: Record<string, unknown> = {}
    fields.forEach((field, i) => {
      object[field.name] = row[i]
    })
    return object
  })
}

type Responder = (
  query: RecordedQuery,
) => Partial<IrisQueryResult> | Promise<Partial<IrisQueryResult>> | Error

/**
 * A structural stand-in for a pg Pool: records every statement per client and answers with
 * `respond`. Lets driver behaviour (transactions, chunking, insertId, labels) be tested with no server.
 */
export class FakePool implements IrisPool {
  readonly queries: RecordedQuery[] = []
  readonly released: { client: number; destroyed: boolean }[] = []
  ended = false
  #next = 0
  readonly #errorListeners = new Map<number, (error: Error) => void>()
  constructor(readonly respond: Responder = () => ({})) {}

  async connect(): Promise<IrisPoolClient> {
    const id = ++this.#next
    // Like pg: ending a client rejects the query in flight.
    let ended: (error: Error) => void = () => {}
    const endedPromise = new Promise<never>((_, reject) => {
      ended = reject
    })
    endedPromise.catch(() => {})
    const client = {
      query: async (textOrConfig: string | QueryConfig, values?: readonly unknown[]) => {
        const config =
          typeof textOrConfig === 'string' ? { text: textOrConfig, values } : textOrConfig
        const query: RecordedQuery = {
          client: id,
          text: config.text,
          values: config.values ?? [],
          arrays: config.rowMode === 'array',
        }
        if (config.name !== undefined) query.name = config.name
        this.queries.push(query)
        const answer = await Promise.race([this.respond(query), endedPromise])
        if (answer instanceof Error) throw answer
        const result = { command: 'SELECT', rowCount: 0, rows: [], fields: [], ...answer }
        return config.rowMode === 'array' ? result : { ...result, rows: asObjects(result) }
      },
      release: (destroy?: boolean | Error) => {
        this.released.push({ client: id, destroyed: Boolean(destroy) })
      },
      end: async () => ended(new Error('Connection terminated')),
      on: (event: string, listener: (error: Error) => void) => {
        if (event === 'error') this.#errorListeners.set(id, listener)
      },
    }
    return client as unknown as IrisPoolClient
  }

  async end(): Promise<void> {
    this.ended = true
  }

  /** Like pg when a checked-out client's socket dies between queries: 'error' on the client. */
  dropClient(id: number): void {
    this.#errorListeners.get(id)?.(new Error('Connection terminated unexpectedly'))
  }

  get texts(): string[] {
    return this.queries.map((q) => q.text)
  }
}

/**
 * A Kysely over IrisDialect on `pool` (a FakePool), with any other dialect options. A FakePool
 * answers every statement, so it stands for a front end with one IRIS session per connection,
 * declared unless a test says otherwise (the probe's own tests do: ../driver/session-model.test.ts).
 */
export function dbWith(
  pool: FakePool,
  options: ConstructorParameters<typeof IrisDialect>[0] = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests use arbitrary tables
): Kysely<any> {
  return new Kysely({
    dialect: new IrisDialect({ pool, sessionModel: 'per-connection', ...options }),
  })
}
