import pg from 'pg'
import { WireServer, type WireServerOptions } from '../../src/wire/server.js'
import { FakeEngine } from './fake-engine.js'

/** A wire server over a {@link FakeEngine}, with a `pg.Client` factory; `stop()` closes all. */
export async function startFakeWire(options: Partial<Omit<WireServerOptions, 'engine'>> = {}) {
  const engine = new FakeEngine()
  const server = await WireServer.listen({
    engine,
    host: '127.0.0.1',
    port: 0,
    honourRowLimit: true,
    ...options,
  })
  const clients: pg.Client[] = []
  return {
    engine,
    server,
    port: server.port,
    async client(config: pg.ClientConfig = {}): Promise<pg.Client> {
      const client = new pg.Client({
        host: '127.0.0.1',
        port: server.port,
        user: 'tester',
        database: 'USER',
        ...config,
      })
      client.on('error', () => {})
      clients.push(client)
      await client.connect()
      return client
    },
    async stop(): Promise<void> {
      await Promise.allSettled(clients.map((client) => client.end()))
      await server.stop()
    },
  }
}
