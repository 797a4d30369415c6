/**
 * `startSim()`: an engine (PGlite with IRIS semantics) behind the PostgreSQL wire server.
 */
import { createEngine, type QueryLog } from './engine/index.js'
import { resolveSimOptions, type SimOptions } from './options.js'
import { behindPgwire, type Profile } from './profiles.js'
import { WireServer } from './wire/server.js'

export interface Sim {
  /** `postgres://user:password@host:port/USER`, with the first configured user, else `_SYSTEM:SYS` (docs/iris-sql.md#topology). */
  readonly url: string
  readonly host: string
  /** The port listened on (the free one picked when the option was 0). */
  readonly port: number
  readonly profile: Profile
  readonly irisVersion: string
  /** Every statement received, with its parameters, for tests that count round trips. */
  readonly queryLog: QueryLog
  /** Closes every client socket (rolling back their transactions), the server and the engine. Idempotent. */
  stop(): Promise<void>
  /** Cuts every client socket, as a network fault would; new connections are still served. */
  dropConnections(): void
  /** Client sockets currently open. */
  connectionCount(): number
}

/** The URL's default credentials: IRIS's `_SYSTEM` / `SYS` (docs/iris-sql.md#topology). */
const defaultUser = '_SYSTEM'
const defaultPassword = 'SYS'
/** IRIS's default namespace (docs/iris-sql.md#topology). */
const database = 'USER'

function connectionUrl(
  host: string,
  port: number,
  users: Readonly<Record<string, string>> | undefined,
) {
  const [user, password] = Object.entries(users ?? {})[0] ?? [defaultUser, defaultPassword]
  const hostPart = host.includes(':') ? `[${host}]` : host
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
  return `postgres://${credentials}@${hostPart}:${port}/${database}`
}

/** Starts a sim; options are validated first (see {@link SimOptions}), nothing starts on a bad one. */
export async function startSim(options: SimOptions = {}): Promise<Sim> {
  const resolved = resolveSimOptions(options)
  const engine = await createEngine({
    profile: resolved.profile,
    irisVersion: resolved.irisVersionParts,
    dataDir: resolved.dataDir,
    lockTimeoutMs: resolved.lockTimeoutMs,
  })
  let wire: WireServer
  try {
    wire = await WireServer.listen({
      engine,
      host: resolved.host,
      port: resolved.port,
      // iris-pgwire 1.0 ignores Execute's row limit (docs/iris-sql.md#execute-row-limit); IRIS proper would honour it.
      honourRowLimit: !behindPgwire(resolved.profile),
      users: resolved.users,
    })
  } catch (error) {
    await engine.close()
    throw error
  }
  let stopping: Promise<void> | undefined
  return {
    url: connectionUrl(resolved.host, wire.port, resolved.users),
    host: resolved.host,
    port: wire.port,
    profile: resolved.profile,
    irisVersion: resolved.irisVersion,
    queryLog: engine.queryLog,
    stop() {
      stopping ??= wire.stop().finally(() => engine.close())
      return stopping
    },
    dropConnections: () => wire.dropConnections(),
    connectionCount: () => wire.connectionCount(),
  }
}
