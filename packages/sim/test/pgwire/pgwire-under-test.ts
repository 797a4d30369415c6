/**
 * The real iris-pgwire in front of a sim of profile `iris`, for one test file: a sim, the server
 * on the chosen backend, and `pg` clients on it; `close()` ends them all (call it in afterAll).
 *
 * Tests skip, saying why, when iris-pgwire cannot run here: `availability` and `skipReason`.
 * CI points IRIS_PGWIRE_SRC at iris-pgwire's source snapshot (see .ci/run).
 */
import pg from 'pg'
import { pgwireAvailability } from '../../src/front-end/pgwire-availability.js'
import { type Pgwire, type PgwireBackend, startPgwire } from '../../src/front-end/start-pgwire.js'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'

export const availability = pgwireAvailability()

/** A describe title that says, when the tests are skipped, exactly why. */
export function titled(title: string): string {
  return availability.available ? title : `${title} [skipped: ${availability.reason}]`
}

if (!availability.available) {
  console.warn(`iris-pgwire tests skipped: ${availability.reason}`)
}

export interface PgwireUnderTest {
  sim: TestSim
  pgwire: Pgwire
  /** A connected client on iris-pgwire. */
  client(): Promise<pg.Client>
  close(): Promise<void>
}

export async function startPgwireUnderTest(backend: PgwireBackend): Promise<PgwireUnderTest> {
  const sim = await startTestSim({ profile: 'iris' })
  let pgwire: Pgwire
  try {
    pgwire = await startPgwire({ backend, sim })
  } catch (error) {
    await sim.close()
    throw error
  }
  const clients: pg.Client[] = []
  return {
    sim,
    pgwire,
    async client() {
      const client = new pg.Client({ connectionString: pgwire.url })
      client.on('error', () => {})
      clients.push(client)
      await client.connect()
      return client
    },
    async close() {
      await Promise.allSettled(clients.map((client) => client.end()))
      await pgwire.stop()
      await sim.close()
    },
  }
}
