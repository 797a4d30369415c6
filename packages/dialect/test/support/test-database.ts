import type { CreateTableBuilder, CreateViewBuilder, Kysely } from 'kysely'
import type pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { type AnyDB, connect, type ServerOptions, startServer, type TestServer } from './server.js'
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js'

/**
 * The per-file life cycle of the suites that talk to a server, registered as vitest hooks so each
 * test file states only what is its own: server options, connection options, schema. `beforeAll`
 * starts the server (the sim, or the real IRIS at IRIS_URL unless `needsSim`: see startServer),
 * then, as asked, a TCP proxy in front of it, a connection and the tables; `afterAll` undoes
 * whatever of that was done, even when `beforeAll` failed midway.
 */

export interface HarnessOptions extends ServerOptions {
  /** Clients reach the server through a TCP proxy (./tcp-proxy.ts) that a test can cut or stall. */
  viaProxy?: boolean
}

export interface TestHarness {
  /** This file's server. */
  readonly server: TestServer
  /** The proxy in front of the server; only with `viaProxy`. */
  readonly proxy: TcpProxy
}

/** A table's columns and constraints, added to `db.schema.createTable(name)`. */
export type TableDefinition = (table: CreateTableBuilder<string>) => { execute(): Promise<void> }

/** The query a view is defined as. */
export type ViewDefinition = (db: Kysely<AnyDB>) => Parameters<CreateViewBuilder['as']>[0]

export interface TestDatabaseOptions extends HarnessOptions {
  /** Passed to connect(): the dialect's options and the pool size. */
  connection?: Parameters<typeof connect>[1]
  /** Created in this order before the tests; dropped (if they exist) in the reverse order after. */
  tables?: Readonly<Record<string, TableDefinition>>
  /** Created after the tables; dropped before them. */
  views?: Readonly<Record<string, ViewDefinition>>
  /** Rows the tests start from, inserted once the tables and views exist. */
  seed?: (db: Kysely<AnyDB>) => Promise<unknown>
}

export interface TestDatabase extends TestHarness {
  readonly db: Kysely<AnyDB>
  /** The pool under `db`, for its counts. */
  readonly pool: pg.Pool
}

/** How long teardown waits for the drops and the pool to close; hung connections must not hang it. */
const DESTROY_WAIT_MS = 5000

/** Starts this file's server (and proxy) before its tests and stops them after. */
export function useTestServer(options: HarnessOptions = {}): TestHarness {
  const harness = new Harness()
  beforeAll(() => harness.start(options))
  afterAll(() => harness.stop())
  return harness
}

/**
 * As useTestServer, plus one connection (through the proxy when `viaProxy`) and the file's tables,
 * created before the tests and dropped after.
 */
export function useTestDatabase(options: TestDatabaseOptions = {}): TestDatabase {
  const harness = new Harness()
  let connection: ReturnType<typeof connect> | undefined
  const { tables = {}, views = {} } = options
  beforeAll(async () => {
    await harness.start(options)
    connection = connect({ ...harness.server, url: harness.clientUrl }, options.connection)
    const { db } = connection
    for (const [name, define] of Object.entries(tables))
      await define(db.schema.createTable(name)).execute()
    for (const [name, define] of Object.entries(views))
      await db.schema.createView(name).as(define(db)).execute()
    await options.seed?.(db)
  })
  afterAll(async () => {
    try {
      const db = connection?.db
      if (!db) return
      // An unstalled proxy, so the drops and the pool's goodbyes get through.
      harness.unstall()
      // In the reverse of the order of creation: views before the tables they read.
      const drops = [
        ...Object.keys(tables).map((name) => db.schema.dropTable(name).ifExists()),
        ...Object.keys(views).map((name) => db.schema.dropView(name).ifExists()),
      ].reverse()
      const dropAndClose = async () => {
        for (const drop of drops) await drop.execute().catch(() => {})
        await db.destroy()
      }
      await withinMs(dropAndClose(), DESTROY_WAIT_MS)
    } finally {
      await harness.stop()
    }
  })
  return {
    get server() {
      return harness.server
    },
    get proxy() {
      return harness.proxy
    },
    get db() {
      return started(connection, 'the connection').db
    },
    get pool() {
      return started(connection, 'the connection').pool
    },
  }
}

/** What the hooks started, so stopping undoes exactly that. */
class Harness implements TestHarness {
  #server: TestServer | undefined
  #proxy: TcpProxy | undefined

  get server(): TestServer {
    return started(this.#server, 'the server')
  }

  get proxy(): TcpProxy {
    return started(this.#proxy, 'the proxy (viaProxy)')
  }

  /** The URL clients use: the proxy's when there is one. */
  get clientUrl(): string {
    return this.#proxy ? this.#proxy.urlFor(this.server.url) : this.server.url
  }

  async start(options: HarnessOptions): Promise<void> {
    const { viaProxy, ...serverOptions } = options
    this.#server = await startServer(serverOptions)
    if (viaProxy)
      this.#proxy = await startTcpProxy({ port: Number(new URL(this.#server.url).port) })
  }

  /** Lets held bytes through: teardown must not wait on a stall a test left behind. */
  unstall(): void {
    this.#proxy?.stall(false)
  }

  async stop(): Promise<void> {
    try {
      this.unstall()
      await this.#proxy?.stop()
    } finally {
      await this.#server?.stop()
    }
  }
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(`${what} is not started: its beforeAll has not run or failed`)
  return value
}

/** Waits for `promise` at most `ms`; a rejection within that time still rejects. */
async function withinMs(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms)
  })
  try {
    await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
