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
      query: async (config: { name?: string; text: string; values?: readonly unknown[] }) => {
        const query: RecordedQuery = { client: id, text: config.text, values: config.values ?? [] }
        if (config.name !== undefined) query.name = config.name
        this.queries.push(query)
        const answer = await Promise.race([this.respond(query), endedPromise])
        if (answer instanceof Error) throw answer
        return { command: 'SELECT', rowCount: 0, rows: [], fields: [], ...answer }
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
