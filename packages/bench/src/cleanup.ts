/**
 * Servers the bench starts (the sim process, a local PostgreSQL) must stop whatever happens:
 * normal end, an error, Ctrl-C or SIGTERM. Each registers an async stop for the orderly path and a
 * synchronous one for `process.on('exit')`, the last moment anything can run.
 */

interface Stoppable {
  stop(): Promise<void>
  stopSync(): void
}

const running = new Set<Stoppable>()
let installed = false
let shuttingDown = false

/** True once Ctrl-C or SIGTERM arrived: start nothing new. */
export function isShuttingDown(): boolean {
  return shuttingDown
}

/**
 * Registers a server and returns its stop function. Every caller (the normal end, the signal
 * handler) shares one run of `stop`; until it has succeeded, `stopSync` runs on process exit.
 */
export function stopOnExit(stop: () => Promise<void>, stopSync: () => void): () => Promise<void> {
  installSignalHandlers()
  let stopping: Promise<void> | undefined
  const resource: Stoppable = {
    stop: () => {
      stopping ??= stop().then(() => {
        running.delete(resource)
      })
      return stopping
    },
    stopSync,
  }
  running.add(resource)
  return resource.stop
}

/** Stops everything still running, newest first. */
export async function stopAll(): Promise<void> {
  for (const resource of [...running].reverse()) {
    await resource.stop().catch(() => resource.stopSync())
  }
}

function installSignalHandlers(): void {
  if (installed) return
  installed = true
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    shuttingDown = true
    process.stderr.write(`\nbench: ${signal}, stopping servers...\n`)
    // Stopping a server ends the pools' idle connections, whose pools then emit 'error'; while
    // shutting down that is expected, not a crash.
    process.on('uncaughtException', (error) =>
      process.stderr.write(`bench: during shutdown: ${error.message}\n`),
    )
    const forceExit = setTimeout(() => process.exit(code), 15_000)
    forceExit.unref()
    void stopAll().finally(() => process.exit(code))
  }
  process.once('SIGINT', () => onSignal('SIGINT', 130))
  process.once('SIGTERM', () => onSignal('SIGTERM', 143))
  process.once('exit', () => {
    for (const resource of running) resource.stopSync()
    running.clear()
  })
}
