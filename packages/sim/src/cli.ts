#!/usr/bin/env node
/**
 * `iris-sim`: runs the sim until SIGINT or SIGTERM. Prints the connection URL as the first line
 * of stdout and nothing else; errors go to stderr (exit 2 for bad flags, 1 when starting fails).
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { profiles, SimConfigError, type SimOptions } from './options.js'
import { startSim } from './start-sim.js'

const help = `Usage: iris-sim [options]

Runs an IRIS-flavoured PostgreSQL wire-protocol server (InterSystems IRIS behind iris-pgwire,
simulated on embedded PGlite) and prints its connection URL.

Options:
  --port <n>              TCP port; 0 picks a free one (default 0)
  --host <address>        interface to listen on (default 127.0.0.1)
  --profile <name>        ${profiles.join(' | ')} (default iris); pgwire-1.0 adds iris-pgwire 1.0's quirks
  --iris-version <v>      IRIS version, e.g. 2024.1; below 2025.1 LIMIT/OFFSET are rejected (default 2025.1)
  --data-dir <path>       keep data in this directory instead of in memory
  --lock-timeout-ms <n>   how long a statement waits for another transaction's lock (default 10000)
  --user <name:password>  require SCRAM-SHA-256 login for this user (repeatable); without it any user is trusted
  -h, --help              show this help
  -v, --version           show the version

Examples:
  iris-sim --port 1972
  iris-sim --profile pgwire-1.0 --data-dir ./.iris-data
  iris-sim --user _SYSTEM:SYS --user app:secret
  iris-sim --port 5433 --iris-version 2024.1 --lock-timeout-ms 2000
  psql postgres://_SYSTEM:SYS@127.0.0.1:5433/USER    # then, in another terminal

Stops cleanly on Ctrl-C (SIGINT) or SIGTERM; a second Ctrl-C forces it.`

/** A bad flag: reported as one line on stderr, exit code 2. */
class UsageError extends Error {}

function integerFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${flag} must be a whole number (got "${value}")`)
  return Number(value)
}

function usersFlag(values: string[] | undefined): Record<string, string> | undefined {
  if (!values) return undefined
  const users: Record<string, string> = {}
  for (const value of values) {
    const separator = value.indexOf(':')
    if (separator <= 0) throw new UsageError(`--user must be name:password (got "${value}")`)
    const name = value.slice(0, separator)
    if (Object.hasOwn(users, name)) throw new UsageError(`--user ${name} is given twice`)
    users[name] = value.slice(separator + 1)
  }
  return users
}

type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: SimOptions }

function parseCommandLine(args: string[]): Command {
  let parsed: ReturnType<typeof parseFlags>
  try {
    parsed = parseFlags(args)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values } = parsed
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const options: SimOptions = {
    host: values.host,
    port: integerFlag('port', values.port),
    profile: values.profile as SimOptions['profile'],
    irisVersion: values['iris-version'],
    dataDir: values['data-dir'],
    lockTimeoutMs: integerFlag('lock-timeout-ms', values['lock-timeout-ms']),
    users: usersFlag(values.user),
  }
  // Unset flags fall back to startSim's defaults.
  for (const key of Object.keys(options) as (keyof SimOptions)[]) {
    if (options[key] === undefined) delete options[key]
  }
  return { kind: 'run', options }
}

function parseFlags(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      profile: { type: 'string' },
      'iris-version': { type: 'string' },
      'data-dir': { type: 'string' },
      'lock-timeout-ms': { type: 'string' },
      user: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  })
}

function packageVersion(): string {
  const manifest = readFileSync(new URL('../package.json', import.meta.url), 'utf8')
  return (JSON.parse(manifest) as { version: string }).version
}

async function main(): Promise<void> {
  const command = parseCommandLine(process.argv.slice(2))
  if (command.kind === 'help') {
    process.stdout.write(`${help}\n`)
    return
  }
  if (command.kind === 'version') {
    process.stdout.write(`${packageVersion()}\n`)
    return
  }
  const sim = await startSim(command.options)
  process.stdout.write(`${sim.url}\n`)
  const shutDown = () => {
    sim.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`iris-sim: error while stopping: ${(error as Error).message}\n`)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', shutDown)
  process.once('SIGTERM', shutDown)
}

main().catch((error: unknown) => {
  const usage = error instanceof UsageError || error instanceof SimConfigError
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`iris-sim: ${message}${usage ? ' (see iris-sim --help)' : ''}\n`)
  process.exit(usage ? 2 : 1)
})
