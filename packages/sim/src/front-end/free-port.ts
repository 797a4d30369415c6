/**
 * A TCP port that nothing listens on right now, for a child server that cannot report the port
 * it picked (iris-pgwire takes its port from PGWIRE_PORT and has no "port 0").
 */
import { createServer } from 'node:net'

export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
