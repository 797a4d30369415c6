/**
 * Starts a sim for a test file and hands out `pg` pools and clients bound to it; `close()` ends
 * them all and stops the sim (call it in afterAll).
 *
 *   const sim = await startTestSim({ profile: 'pgwire-1.0-dbapi' })
 *   const pool = sim.pool({ max: 20 })
 *   ...
 *   afterAll(() => sim.close())
 */
import pg from 'pg'
import type { SimOptions } from '../../src/options.js'
import { type Sim, startSim } from '../../src/start-sim.js'

export interface TestSim extends Sim {
  /** A pool on the sim; errors of idle clients (e.g. after dropConnections) are ignored. */
  pool(config?: pg.PoolConfig): pg.Pool
  /** A connected client on the sim. */
  client(config?: pg.ClientConfig): Promise<pg.Client>
  /** Ends every pool and client handed out, then stops the sim. */
  close(): Promise<void>
}

export async function startTestSim(options: SimOptions = {}): Promise<TestSim> {
  const sim = await startSim(options)
  const pools: pg.Pool[] = []
  const clients: pg.Client[] = []
  return {
    ...sim,
    pool(config: pg.PoolConfig = {}) {
      const pool = new pg.Pool({ connectionString: sim.url, ...config })
      pool.on('error', () => {})
      pools.push(pool)
      return pool
    },
    async client(config: pg.ClientConfig = {}) {
      const client = new pg.Client({ connectionString: sim.url, ...config })
      client.on('error', () => {})
      clients.push(client)
      await client.connect()
      return client
    },
    async close() {
      await Promise.allSettled([
        ...pools.map((pool) => pool.end()),
        ...clients.map((client) => client.end()),
      ])
      await sim.stop()
    },
  }
}
