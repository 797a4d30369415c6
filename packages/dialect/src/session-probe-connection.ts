import { toIrisError } from './error-mapping.js'
import type { IrisPool } from './iris-dialect-config.js'
import type { ProbeConnection } from './session-probe.js'

/** What node-postgres's Pool exposes to build one more client with the pool's own settings. */
interface ClientFactory {
  readonly Client: new (
    options: Record<string, unknown>,
  ) => {
    connect(): Promise<unknown>
    query(config: { text: string; rowMode: 'array' }): Promise<unknown>
    end(): Promise<void>
    on(event: 'error', listener: () => void): unknown
  }
  readonly options: Record<string, unknown>
}

/**
 * Opens a connection beside the pool, with the pool's own settings, for the session probe's
 * second look (./session-probe.ts). Taking it from the pool could wait forever when the pool's
 * connections are all held by callers waiting for the probe. A pool that does not expose how it
 * makes clients (node-postgres's `Client` and `options`) gives undefined.
 */
export async function openProbeConnection(
  pool: IrisPool | undefined,
): Promise<ProbeConnection | undefined> {
  const factory = pool as Partial<ClientFactory> | undefined
  if (typeof factory?.Client !== 'function' || typeof factory.options !== 'object') return undefined
  const client = new factory.Client(factory.options)
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    throw toIrisError(error)
  }
  return {
    run: async (sql) => {
      try {
        await client.query({ text: sql, rowMode: 'array' })
      } catch (error) {
        throw toIrisError(error, sql)
      }
    },
    close: () => client.end().catch(() => undefined),
  }
}
