/**
 * The TCP side: listens, gives each accepted socket a {@link ClientSocket}, and can cut every
 * client (for fault tests) or stop. Knows nothing about SQL: it only ever talks to an
 * {@link Engine}.
 */
import { createServer, type Server } from 'node:net'
import type { Engine } from '../engine/types.js'
import { ClientSocket } from './client-socket.js'
import { scramCredentials } from './handshake.js'

export interface WireServerOptions {
  engine: Engine
  host: string
  /** 0 picks a free port. */
  port: number
  /** Honour Execute's row limit (profile `iris`); see {@link ConnectionOptions.honourRowLimit}. */
  honourRowLimit: boolean
  /** User name → password. When given, SCRAM-SHA-256 is required; otherwise trust. */
  users?: Readonly<Record<string, string>>
}

export class WireServer {
  private readonly clients = new Set<ClientSocket>()
  private stopping: Promise<void> | undefined

  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
  ) {}

  static async listen(options: WireServerOptions): Promise<WireServer> {
    const credentials = options.users ? scramCredentials(options.users) : undefined
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, options.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
    const address = server.address()
    if (address === null || typeof address === 'string') {
      throw new Error(`unexpected server address ${String(address)}`)
    }
    const wire = new WireServer(server, options.host, address.port)
    server.on('connection', (socket) => {
      const client = new ClientSocket(socket, {
        engine: options.engine,
        credentials,
        honourRowLimit: options.honourRowLimit,
      })
      wire.clients.add(client)
      void client.closed.then(() => wire.clients.delete(client))
    })
    return wire
  }

  /** Client sockets currently open (including ones still starting up). */
  connectionCount(): number {
    return this.clients.size
  }

  /** Cuts every client socket (their sessions roll back); new connections are still accepted. */
  dropConnections(): void {
    for (const client of this.clients) client.destroy()
  }

  /** Stops listening, cancels running statements, closes every client and its session. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown()
    return this.stopping
  }

  private async shutDown(): Promise<void> {
    const serverClosed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    const clients = [...this.clients]
    for (const client of clients) {
      client.cancelRunningStatement()
      client.destroy()
    }
    await Promise.all(clients.map((client) => client.closed))
    await serverClosed
  }
}
