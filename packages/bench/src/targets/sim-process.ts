import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Profile } from '@kysely-iris/sim'
import { stopOnExit } from '../cleanup.js'
import { probeServer, type Target, TargetUnavailableError } from './target.js'

/** The sim's CLI, through the workspace link (the shim imports its dist/cli.js). */
const SIM_BIN = fileURLToPath(
  new URL('../../node_modules/@kysely-iris/sim/bin/iris-sim.js', import.meta.url),
)
const SIM_DIST = fileURLToPath(
  new URL('../../node_modules/@kysely-iris/sim/dist/cli.js', import.meta.url),
)
const START_TIMEOUT_MS = 90_000

export interface SimOptions {
  /** The sim's quirk profile (docs/iris-sql.md#simulator-profiles). */
  profile: Profile
}

/** An `iris-sim` child process, serving at `url` until `stop`. */
export interface SimProcess {
  readonly url: string
  readonly serverVersion: string
  readonly pid: number | undefined
  stop(): Promise<void>
}

/**
 * Starts `iris-sim --port 0 <flags>` in its own process, so that the server's work (PGlite, SQL
 * translation) never shares the client's event loop, and reads the URL from its first stdout line.
 * Throws TargetUnavailableError ('failed') naming the command when it does not start.
 */
export async function spawnSim(flags: readonly string[]): Promise<SimProcess> {
  const command = ['iris-sim', '--port', '0', ...flags].join(' ')
  if (!existsSync(SIM_DIST)) {
    throw new TargetUnavailableError(
      'failed',
      `@kysely-iris/sim is not built (${SIM_DIST} is missing): run pnpm build`,
    )
  }
  // Its own process group, so that a forced stop also reaches what the sim started itself
  // (iris-pgwire's Python process, with --front-end).
  const child = spawn(process.execPath, [SIM_BIN, '--port', '0', ...flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const stderrTail: string[] = []
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail.push(chunk)
    if (stderrTail.length > 20) stderrTail.shift()
  })
  const stop = stopOnExit(
    () => stopChild(child),
    () => killGroup(child),
  )
  try {
    const url = await firstLine(child, START_TIMEOUT_MS, () => stderrTail.join(''))
    const { version } = await probeServer(url)
    return { url, serverVersion: version, pid: child.pid, stop }
  } catch (error) {
    await stop()
    throw new TargetUnavailableError(
      'failed',
      `${command} did not start: ${(error as Error).message}`,
    )
  }
}

/** The sim itself, with the quirk profile asked for. */
export async function startSimProcess(options: SimOptions): Promise<Target> {
  const sim = await spawnSim(['--profile', options.profile])
  return {
    id: 'sim',
    kind: 'iris',
    url: sim.url,
    description: `iris-sim (PGlite), profile ${options.profile}, own process (pid ${sim.pid})`,
    info: {
      serverVersion: sim.serverVersion,
      profile: options.profile,
      pid: sim.pid,
      process: 'separate',
    },
    lacks: {},
    sessionModel: options.profile === 'iris' ? 'per-connection' : 'detect',
    stop: sim.stop,
  }
}

function firstLine(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    const timer = setTimeout(() => {
      reject(new Error(`iris-sim printed no URL within ${timeoutMs / 1000} s. stderr: ${stderr()}`))
    }, timeoutMs)
    lines.once('line', (line) => {
      clearTimeout(timer)
      const url = line.trim()
      if (/^postgres(ql)?:\/\//.test(url)) resolve(url)
      else reject(new Error(`iris-sim's first line is not a URL: ${JSON.stringify(line)}`))
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(
        new Error(
          `iris-sim exited (code ${code}, signal ${signal}) before printing its URL. stderr: ${stderr()}`,
        ),
      )
    })
    // The sim keeps writing to stdout (logs); keep the pipe drained so it never blocks.
    child.stdout!.resume()
  })
}

/** SIGKILL to the sim and every process it started. */
function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL')
  } catch {
    // The group is gone already.
  }
}

/**
 * SIGTERM, on which the sim stops what it started and exits; SIGKILL to its whole group if it has
 * not exited after ten seconds (iris-pgwire alone may take five to stop).
 */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => killGroup(child), 10_000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
