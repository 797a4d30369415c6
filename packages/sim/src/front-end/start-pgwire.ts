/**
 * `startPgwire()`: the real iris-pgwire (Python) in front of a sim, on either of its backends,
 * talking to the sim through our stand-in for InterSystems' `iris` module (packages/sim/pgwire/).
 *
 * - `dbapi`: iris-pgwire's external backend, `iris.connect()`, one sim session per IRIS connection.
 * - `embedded`: iris-pgwire running inside IRIS, `iris.sql.exec()`, one sim session shared by every
 *   client, as one IRIS process (docs/iris-sql.md#iris-pgwire-backends).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { SimConfigError } from '../options.js'
import type { Sim } from '../start-sim.js'
import { acceptsConnections } from './accepts-connections.js'
import { freePort } from './free-port.js'
import { OutputTail } from './output-tail.js'
import { findPgwireEnvironment } from './pgwire-environment.js'
import { PgwireStartError } from './pgwire-errors.js'

export type PgwireBackend = 'dbapi' | 'embedded'

export interface PgwireOptions {
  backend: PgwireBackend
  /** The sim to forward to; it must run profile `iris` (iris-pgwire brings its own quirks). */
  sim: Pick<Sim, 'url' | 'profile'>
  /** How long to wait for the server to accept connections. Default 30000. */
  startTimeoutMs?: number
}

export interface Pgwire {
  /** `postgres://<sim's user>:<password>@127.0.0.1:<port>/<namespace>`. */
  readonly url: string
  readonly port: number
  readonly backend: PgwireBackend
  /** What the server printed lately (its log), for diagnosing a failing test. */
  output(): string
  /** Stops the server (SIGTERM, then SIGKILL). Idempotent. */
  stop(): Promise<void>
}

const host = '127.0.0.1'
const backends: readonly PgwireBackend[] = ['dbapi', 'embedded']
const pollIntervalMs = 100
const stopGraceMs = 5_000

/** Servers still running, killed if this process exits without stopping them. */
const running = new Set<ChildProcess>()
let exitHookInstalled = false

function killRunningOnExit(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL')
  })
}

function validate(options: PgwireOptions): URL {
  if (!backends.includes(options.backend)) {
    throw new SimConfigError('backend', `must be one of ${backends.join(', ')}`)
  }
  if (options.sim.profile !== 'iris') {
    throw new SimConfigError(
      'sim',
      `the sim must run profile 'iris', not '${options.sim.profile}': iris-pgwire adds its own behaviour`,
    )
  }
  return new URL(options.sim.url)
}

function pgwireEnv(
  backend: PgwireBackend,
  simUrl: URL,
  port: number,
  pythonPath: readonly string[],
) {
  return {
    ...process.env,
    PYTHONPATH: pythonPath.join(':'),
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    PGWIRE_HOST: host,
    PGWIRE_PORT: String(port),
    IRIS_HOST: simUrl.hostname.replace(/^\[|\]$/g, ''),
    IRIS_PORT: simUrl.port,
    IRIS_USERNAME: decodeURIComponent(simUrl.username),
    IRIS_PASSWORD: decodeURIComponent(simUrl.password),
    IRIS_NAMESPACE: simUrl.pathname.slice(1) || 'USER',
    IRIS_SIM_BACKEND: backend,
  }
}

async function waitUntilListening(
  child: ChildProcess,
  port: number,
  timeoutMs: number,
  output: OutputTail,
): Promise<void> {
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
  child.once('exit', (code, signal) => {
    exit = { code, signal }
  })
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exit !== undefined) {
      throw new PgwireStartError(
        'exited',
        output.toString(),
        `exited before accepting connections (code ${exit.code}, signal ${exit.signal})`,
      )
    }
    if (await acceptsConnections(host, port)) return
    if (Date.now() > deadline) {
      throw new PgwireStartError(
        'timeout',
        output.toString(),
        `did not accept connections on ${host}:${port} within ${timeoutMs} ms`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs))
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs)
  await exited
  clearTimeout(timer)
}

/**
 * Starts iris-pgwire in front of `sim`. Throws SimConfigError for bad options,
 * PgwireUnavailableError when iris-pgwire or what it needs is missing (see pgwireAvailability),
 * PgwireStartError when it exits or does not listen in time.
 */
export async function startPgwire(options: PgwireOptions): Promise<Pgwire> {
  const simUrl = validate(options)
  const environment = findPgwireEnvironment()
  const port = await freePort(host)
  const output = new OutputTail()
  const child = spawn(environment.python, ['-m', 'iris_pgwire.server'], {
    env: pgwireEnv(options.backend, simUrl, port, environment.pythonPath),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  killRunningOnExit()
  child.once('exit', () => running.delete(child))
  child.stdout?.on('data', (chunk) => output.push(chunk))
  child.stderr?.on('data', (chunk) => output.push(chunk))
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', (error) =>
      reject(
        new PgwireStartError('exited', output.toString(), `could not start: ${error.message}`),
      ),
    )
  })
  try {
    await spawned
    await waitUntilListening(child, port, options.startTimeoutMs ?? 30_000, output)
  } catch (error) {
    await terminate(child)
    throw error
  }

  const credentials = `${simUrl.username}:${simUrl.password}`
  let stopping: Promise<void> | undefined
  return {
    url: `postgres://${credentials}@${host}:${port}${simUrl.pathname}`,
    port,
    backend: options.backend,
    output: () => output.toString(),
    stop() {
      stopping ??= terminate(child)
      return stopping
    },
  }
}
