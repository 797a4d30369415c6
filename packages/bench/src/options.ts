import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { PROFILES, type Profile } from '@kysely-iris/sim/profiles'
import { IRIS_PGWIRE_TARGETS, type IrisPgwireTarget } from './targets/iris-pgwire.js'
import { NAMED_TARGETS, type TargetSpec } from './targets/start-target.js'

export interface BenchOptions {
  quick: boolean
  scenarios: string[]
  targets: TargetSpec[]
  rounds: number
  simProfile: Profile
  outDir: string
  help: boolean
}

export const DEFAULT_ROUNDS = 5
export const QUICK_ROUNDS = 3
const DEFAULT_TARGETS: TargetSpec[] = ['sim', 'postgres']
const DEFAULT_OUT_DIR = fileURLToPath(new URL('../results', import.meta.url))

/** Target names that stand for several targets. */
const TARGET_ALIASES: Record<string, TargetSpec[]> = {
  all: DEFAULT_TARGETS,
  'iris-pgwire': Object.keys(IRIS_PGWIRE_TARGETS) as IrisPgwireTarget[],
}

/** Names that stand for several scenarios. */
const ALIASES: Record<string, string[]> = { 'client-cpu': ['client-compile', 'client-mapping'] }

export class UsageError extends Error {
  override name = 'UsageError'
}

export function usage(scenarioNames: readonly string[]): string {
  return `Usage: pnpm bench [options]   (or: node packages/bench/dist/cli.js [options])

Measures raw pg, Kysely + IrisDialect and Kysely + PostgresDialect side by side, and writes
results/latest.json, results/latest.md and results/latest.svg. Progress goes to stderr, the
Markdown table to stdout.

Options:
  --quick               CI smoke run (under a minute): fewer operations and rounds, smaller data
  --scenario <name>     run only these scenarios; repeat it or give a comma list (default: all)
                        ${[...scenarioNames, ...Object.keys(ALIASES)].join(', ')}
  --target <target>     where to run; repeat it or give a comma list (default: sim,postgres)
                          sim         the IRIS simulator, started in its own process
                          postgres    a PostgreSQL the bench starts from /usr/lib/postgresql/*/bin
                          iris-pgwire-dbapi
                                      the real iris-pgwire (Python) on its external (DB-API)
                                      backend in front of the sim (profile iris), both started
                                      by the bench, as iris-sim --front-end iris-pgwire-dbapi.
                                      It honours neither transactions nor LAST_IDENTITY(): the
                                      scenarios that need them are reported as not run, with why
                          iris-pgwire-embedded
                                      the same on iris-pgwire's embedded backend, where every
                                      client shares one IRIS process; every scenario runs
                          iris-pgwire both of them. They need iris-pgwire 1.0.1 (IRIS_PGWIRE_SRC=
                                      the directory holding iris_pgwire/, or pip install
                                      iris-pgwire), Python 3.11+, sqlparse, structlog, pg8000 and
                                      six; without them they are skipped, saying what is missing
                          iris        the server at IRIS_URL
                          <url>       any server, e.g. postgres://_SYSTEM:SYS@host:5432/USER
                                      (IRIS or PostgreSQL, told apart by SELECT version())
                          all         sim and postgres
  --rounds <n>          measured rounds (default ${DEFAULT_ROUNDS}, --quick ${QUICK_ROUNDS})
  --sim-profile <p>     the sim target's profile: iris (default), pgwire-1.0-dbapi or
                        pgwire-1.0-embedded (IRIS behind the sim's model of iris-pgwire 1.0.1 on that
                        backend; the sim behind the iris-pgwire targets always runs iris)
  --out <dir>           where to write results (default packages/bench/results)
  --help                this text
`
}

function list(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
}

export function parseOptions(
  argv: readonly string[],
  scenarioNames: readonly string[],
): BenchOptions {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values } = parsed
  const quick = values.quick ?? false

  const requested = list(values.scenario).flatMap((name) => ALIASES[name] ?? [name])
  const unknown = requested.filter((name) => name !== 'all' && !scenarioNames.includes(name))
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown scenario ${unknown.join(', ')}; known: ${scenarioNames.join(', ')}`,
    )
  }
  const scenarios =
    requested.length === 0 || requested.includes('all')
      ? [...scenarioNames]
      : scenarioNames.filter((name) => requested.includes(name))

  const targets: TargetSpec[] = []
  for (const target of list(values.target)) {
    if (Object.hasOwn(TARGET_ALIASES, target)) targets.push(...TARGET_ALIASES[target]!)
    else if (NAMED_TARGETS.includes(target as TargetSpec) || /^postgres(ql)?:\/\//.test(target)) {
      targets.push(target as TargetSpec)
    } else {
      throw new UsageError(
        `unknown target "${target}"; use ${[...NAMED_TARGETS, ...Object.keys(TARGET_ALIASES)].join(', ')} or a postgres:// URL`,
      )
    }
  }

  const rounds =
    values.rounds === undefined ? (quick ? QUICK_ROUNDS : DEFAULT_ROUNDS) : Number(values.rounds)
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new UsageError(`--rounds must be a positive integer, got ${values.rounds}`)

  const simProfile = (values['sim-profile'] ?? 'iris') as Profile
  if (!PROFILES.includes(simProfile)) {
    throw new UsageError(`--sim-profile must be one of ${PROFILES.join(', ')}, got ${simProfile}`)
  }

  return {
    quick,
    scenarios,
    targets: targets.length === 0 ? DEFAULT_TARGETS : [...new Set(targets)],
    rounds,
    simProfile,
    outDir: values.out ? resolve(values.out) : DEFAULT_OUT_DIR,
    help: values.help ?? false,
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean' },
      scenario: { type: 'string', multiple: true },
      target: { type: 'string', multiple: true },
      rounds: { type: 'string' },
      'sim-profile': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}
