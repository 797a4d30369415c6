#!/usr/bin/env node
/**
 * `iris-sim`: runs the sim until SIGINT or SIGTERM. Says on stderr that it is starting, then prints
 * the connection URL as the first line of stdout and nothing else; errors go to stderr (exit 2 for
 * bad flags, 1 when starting fails).
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { type PgwireBackend, startPgwire } from './front-end/index.js'
import { resolveSimOptions, SimConfigError, type SimOptions } from './options.js'
import { PROFILES } from './profiles.js'
import { startSim } from './start-sim.js'

/** What clients talk to: the sim itself, or the real iris-pgwire (one of its backends) in front. */
const frontEnds = {
  sim: undefined,
  'iris-pgwire-dbapi': 'dbapi',
  'iris-pgwire-embedded': 'embedded',
} as const satisfies Record<string, PgwireBackend | undefined>
type FrontEnd = keyof typeof frontEnds

const help = `Usage: iris-sim [options]

Runs an IRIS-flavoured PostgreSQL wire-protocol server (InterSystems IRIS behind iris-pgwire,
simulated on embedded PGlite) and prints its connection URL.

Options:
  --port <n>              TCP port; 0 picks a free one (default 0)
  --host <address>        interface to listen on (default 127.0.0.1)
  --profile <name>        ${PROFILES.join(' | ')} (default iris).
                          iris: IRIS behind a well-behaved wire server; pgwire-1.0-dbapi /
                          pgwire-1.0-embedded: IRIS behind iris-pgwire 1.0.1 on its external (DB-API)
                          or embedded backend, with that backend's text rewrites, sessions,
                          transactions, Describe and result types
  --iris-version <v>      IRIS version, e.g. 2024.1; below 2025.1 LIMIT/OFFSET are rejected (default 2025.1)
  --data-dir <path>       keep data in this directory instead of in memory
  --lock-timeout-ms <n>   how long a statement waits for another transaction's lock (default 10000)
  --user <name:password>  require SCRAM-SHA-256 login for this user (repeatable); without it any user is trusted
  --front-end <name>      ${Object.keys(frontEnds).join(' | ')} (default sim): serve the sim itself,
                          or start the real iris-pgwire (Python, on its external DB-API or its
                          embedded backend) in front of a sim of profile iris and print its URL.
                          Needs iris-pgwire (IRIS_PGWIRE_SRC or pip install iris-pgwire), Python 3.11,
                          sqlparse, structlog and pg8000; says what is missing otherwise
  -h, --help              show this help
  -v, --version           show the version

Examples:
  iris-sim --port 1972
  iris-sim --profile pgwire-1.0-dbapi --data-dir ./.iris-data
  iris-sim --profile pgwire-1.0-embedded
  iris-sim --user _SYSTEM:SYS --user app:secret
  iris-sim --port 5433 --iris-version 2024.1 --lock-timeout-ms 2000
  iris-sim --front-end iris-pgwire-dbapi
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

function frontEndFlag(value: string | undefined, options: SimOptions): FrontEnd {
  if (value === undefined) return 'sim'
  if (!Object.hasOwn(frontEnds, value)) {
    throw new UsageError(
      `--front-end must be one of ${Object.keys(frontEnds).join(', ')} (got "${value}")`,
    )
  }
  if (value !== 'sim' && options.profile !== undefined && options.profile !== 'iris') {
    throw new UsageError(
      `--front-end ${value} runs the sim with profile iris (iris-pgwire brings its own behaviour); drop --profile ${options.profile}`,
    )
  }
  return value as FrontEnd
}

type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; options: SimOptions; frontEnd: FrontEnd }

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
  return { kind: 'run', options, frontEnd: frontEndFlag(values['front-end'], options) }
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
      'front-end': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  })
}

function packageVersion(): string {
  const manifest = readFileSync(new URL('../package.json', import.meta.url), 'utf8')
  return (JSON.parse(manifest) as { version: string }).version
}

function startingLine(profile: string, backend: PgwireBackend | undefined): string {
  if (backend === undefined) return `starting the sim (profile ${profile})…`
  return `starting the sim (profile ${profile}) and iris-pgwire (${backend} backend) in front of it…`
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
  const backend = frontEnds[command.frontEnd]
  // Starting takes seconds (the engine, and iris-pgwire if asked for); say so on stderr, keeping
  // stdout for the URL alone.
  // Bad options are reported before that line (startSim validates them again; it is cheap).
  const { profile } = resolveSimOptions(command.options)
  process.stderr.write(`iris-sim: ${startingLine(profile, backend)}\n`)
  const sim = await startSim(command.options)
  let pgwire: Awaited<ReturnType<typeof startPgwire>> | undefined
  if (backend !== undefined) {
    try {
      pgwire = await startPgwire({ backend, sim })
    } catch (error) {
      await sim.stop()
      throw error
    }
  }
  process.stdout.write(`${pgwire?.url ?? sim.url}\n`)
  const stopAll = async () => {
    await pgwire?.stop()
    await sim.stop()
  }
  const shutDown = () => {
    stopAll().then(
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
