import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
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
  profile: 'iris' | 'pgwire-1.0'
}

/**
 * Starts `iris-sim --port 0` in its own process, so that the server's work (PGlite, SQL
 * translation) never shares the client's event loop, and reads the URL from its first stdout line.
 */
export async function startSimProcess(options: SimOptions): Promise<Target> {
  if (!existsSync(SIM_DIST)) {
    throw new TargetUnavailableError(
      'failed',
      `@kysely-iris/sim is not built (${SIM_DIST} is missing): run pnpm build`,
    )
  }
  const args = [SIM_BIN, '--port', '0', '--profile', options.profile]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const stderrTail: string[] = []
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail.push(chunk)
    if (stderrTail.length > 20) stderrTail.shift()
  })
  const stop = stopOnExit(
    () => stopChild(child),
    () => {
      child.kill('SIGKILL')
    },
  )
  let url: string
  let version: string
  try {
    url = await firstLine(child, START_TIMEOUT_MS, () => stderrTail.join(''))
    version = (await probeServer(url)).version
  } catch (error) {
    await stop()
    throw new TargetUnavailableError(
      'failed',
      `iris-sim did not start: ${(error as Error).message}`,
    )
  }
  return {
    id: 'sim',
    kind: 'iris',
    url,
    description: `iris-sim (PGlite), profile ${options.profile}, own process (pid ${child.pid})`,
    info: { serverVersion: version, profile: options.profile, pid: child.pid, process: 'separate' },
    stop,
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

/** SIGTERM, then SIGKILL if the sim has not exited after five seconds. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
