import net from 'node:net'

/**
 * A TCP proxy between the client and the sim, for fault tests: it can cut one connection or all of
 * them (as a network fault would: both sockets destroyed, no goodbye), or stall, holding every byte
 * in both directions as a dead network does while the sockets stay open.
 */
export interface TcpProxy {
  /** The port clients connect to. */
  readonly port: number
  /** `url` with its port replaced by the proxy's. */
  urlFor(url: string): string
  /** Proxied connections currently open. */
  connectionCount(): number
  /** Cuts one open connection chosen at random; false when none is open. */
  dropRandom(random?: () => number): boolean
  /** Cuts every open connection. */
  dropAll(): void
  /**
   * While stalled, nothing is forwarded (held in order, not lost); new connections stall too.
   * `'toClient'` holds only the server's answers: the server still receives and runs what is sent.
   */
  stall(stalled: boolean, direction?: StallDirection): void
  /** How many connections were cut by `dropRandom` / `dropAll`. */
  readonly dropped: number
  /** Cuts every connection and stops listening. */
  stop(): Promise<void>
}

export type StallDirection = 'both' | 'toClient'

interface Pipe {
  readonly client: net.Socket
  readonly server: net.Socket
  /** Bytes held while stalled, per direction, forwarded in order when the stall ends. */
  readonly held: { toServer: Buffer[]; toClient: Buffer[] }
}

export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const host = target.host ?? '127.0.0.1'
  const pipes = new Set<Pipe>()
  let stalled: StallDirection | undefined
  let dropped = 0

  const flush = (pipe: Pipe) => {
    for (const chunk of pipe.held.toServer.splice(0)) pipe.server.write(chunk)
    for (const chunk of pipe.held.toClient.splice(0)) pipe.client.write(chunk)
  }
  const cut = (pipe: Pipe) => {
    pipes.delete(pipe)
    pipe.client.destroy()
    pipe.server.destroy()
  }

  const listener = net.createServer((client) => {
    const server = net.connect({ host, port: target.port })
    // As pg and the sim do: Nagle's algorithm would hold each small protocol message ~40 ms.
    client.setNoDelay(true)
    server.setNoDelay(true)
    const pipe: Pipe = { client, server, held: { toServer: [], toClient: [] } }
    pipes.add(pipe)
    client.on('data', (chunk: Buffer) => {
      if (stalled === 'both') pipe.held.toServer.push(chunk)
      else server.write(chunk)
    })
    server.on('data', (chunk: Buffer) => {
      if (stalled) pipe.held.toClient.push(chunk)
      else client.write(chunk)
    })
    // Either side closing or failing closes the other: the proxy never keeps half a connection.
    for (const socket of [client, server]) {
      socket.on('error', () => cut(pipe))
      socket.on('close', () => cut(pipe))
    }
  })
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject)
    listener.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (listener.address() as net.AddressInfo).port

  return {
    port,
    urlFor(url) {
      const parsed = new URL(url)
      parsed.hostname = '127.0.0.1'
      parsed.port = String(port)
      return parsed.toString()
    },
    connectionCount: () => pipes.size,
    dropRandom(random = Math.random) {
      const open = [...pipes]
      const pipe = open[Math.floor(random() * open.length)]
      if (!pipe) return false
      dropped++
      cut(pipe)
      return true
    },
    dropAll() {
      for (const pipe of [...pipes]) {
        dropped++
        cut(pipe)
      }
    },
    stall(value, direction = 'both') {
      stalled = value ? direction : undefined
      if (!value) for (const pipe of pipes) flush(pipe)
    },
    get dropped() {
      return dropped
    },
    async stop() {
      for (const pipe of [...pipes]) cut(pipe)
      await new Promise<void>((resolve) => listener.close(() => resolve()))
    },
  }
}
