import net from 'node:net'

/**
 * A PostgreSQL wire-protocol server that is NOT IRIS, just enough for `pg`: trust login, and every
 * simple query answered with one row, one text column holding `version`. For the "server is not
 * IRIS" misconfiguration test; the sim always says it is IRIS.
 */
export interface NotIrisServer {
  readonly url: string
  stop(): Promise<void>
}

export async function startNotIrisServer(
  version = 'PostgreSQL 16.4 on x86_64-pc-linux-gnu',
): Promise<NotIrisServer> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    let buffer = Buffer.alloc(0)
    let started = false
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      while (true) {
        // The startup packet has no type byte; every later message does.
        const header = started ? 1 : 0
        if (buffer.length < header + 4) return
        const length = buffer.readInt32BE(header)
        if (buffer.length < header + length) return
        const type = started ? String.fromCharCode(buffer[0] ?? 0) : 'startup'
        buffer = buffer.subarray(header + length)
        if (type === 'startup') {
          started = true
          socket.write(
            Buffer.concat([
              message('R', int32(0)),
              message('S', cstring('server_version'), cstring('16.4')),
              message('K', int32(1), int32(2)),
              ready(),
            ]),
          )
        } else if (type === 'Q') {
          const field = Buffer.concat([
            cstring('version'),
            int32(0),
            int16(0),
            int32(25),
            int16(-1),
            int32(-1),
            int16(0),
          ])
          const value = Buffer.from(version)
          socket.write(
            Buffer.concat([
              message('T', int16(1), field),
              message('D', int16(1), int32(value.length), value),
              message('C', cstring('SELECT 1')),
              ready(),
            ]),
          )
        } else if (type === 'X') {
          socket.end()
        }
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts)
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body])
}

const ready = () => message('Z', Buffer.from('I'))

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4)
  buffer.writeInt32BE(value)
  return buffer
}

function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2)
  buffer.writeInt16BE(value)
  return buffer
}

function cstring(value: string): Buffer {
  return Buffer.from(`${value}\0`)
}
