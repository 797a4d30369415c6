/**
 * The options of {@link startSim} and the `iris-sim` command line: defaults, and validation that
 * names the bad option and what is allowed, before anything starts.
 */
import { PROFILES, type Profile } from './profiles.js'
import type { IrisVersion } from './translate/plan.js'

export interface SimOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string
  /** TCP port; `0` (the default) picks a free one. */
  port?: number
  /** `iris` (default): IRIS behind a well-behaved wire server. `pgwire-1.0-dbapi` / `pgwire-1.0-embedded`: iris-pgwire 1.0.1 on its external or embedded backend (docs/iris-sql.md#simulator-profiles). */
  profile?: Profile
  /** IRIS version as `YYYY.N`, default `2025.1`. Below `2025.1` LIMIT/OFFSET are rejected (docs/iris-sql.md#simulator-profiles). */
  irisVersion?: string
  /** Keep data in this directory (created if missing) instead of in memory. */
  dataDir?: string
  /** User name → password. When given, clients must log in with SCRAM-SHA-256; otherwise any user is trusted (docs/iris-sql.md#authentication). */
  users?: Readonly<Record<string, string>>
  /** How long a statement waits for another connection's transaction before failing with SQLCODE -110. Default 10000. */
  lockTimeoutMs?: number
}

export interface ResolvedSimOptions {
  host: string
  port: number
  profile: Profile
  irisVersion: string
  irisVersionParts: IrisVersion
  dataDir: string | undefined
  users: Readonly<Record<string, string>> | undefined
  lockTimeoutMs: number
}

/** An option of {@link startSim} or `startPgwire` (or a flag of `iris-sim`) has a value that is not allowed. */
export class SimConfigError extends Error {
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super(`invalid option ${option}: ${problem}`)
    this.name = 'SimConfigError'
  }
}

const defaults = {
  host: '127.0.0.1',
  port: 0,
  profile: 'iris',
  irisVersion: '2025.1',
  lockTimeoutMs: 10_000,
} as const

const optionNames = [
  'host',
  'port',
  'profile',
  'irisVersion',
  'dataDir',
  'users',
  'lockTimeoutMs',
] as const satisfies readonly (keyof SimOptions)[]

/** The longest delay a Node timer can wait. */
const maxTimerMs = 2_147_483_647

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function nonEmptyString(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SimConfigError(option, `must be a non-empty string (got ${shown(value)})`)
  }
  return value
}

function integerInRange(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SimConfigError(
      option,
      `must be an integer from ${min} to ${max} (got ${shown(value)})`,
    )
  }
  return value
}

function profileOf(value: unknown): Profile {
  const profile = PROFILES.find((candidate) => candidate === value)
  if (!profile) {
    throw new SimConfigError(
      'profile',
      `must be one of ${PROFILES.join(', ')} (got ${shown(value)})${value === 'pgwire-1.0' ? '; pgwire-1.0 mixed both iris-pgwire backends and is gone: choose the backend you run, pgwire-1.0-dbapi (external) or pgwire-1.0-embedded' : ''}`,
    )
  }
  return profile
}

function irisVersionOf(value: unknown): [string, IrisVersion] {
  const match = typeof value === 'string' ? /^(\d{4})\.(\d{1,2})$/.exec(value) : null
  if (!match) {
    throw new SimConfigError(
      'irisVersion',
      `must be a version like "2025.1" or "2024.3" (got ${shown(value)})`,
    )
  }
  return [value as string, [Number(match[1]), Number(match[2])]]
}

function usersOf(value: unknown): Readonly<Record<string, string>> {
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    throw new SimConfigError('users', 'must be an object of at least one user name → password')
  }
  for (const [name, password] of Object.entries(value)) {
    if (name === '') throw new SimConfigError('users', 'a user name must not be empty')
    if (typeof password !== 'string' || password === '') {
      throw new SimConfigError(
        'users',
        `the password of ${JSON.stringify(name)} must be a non-empty string`,
      )
    }
  }
  return { ...(value as Record<string, string>) }
}

/** Applies defaults and validates; throws {@link SimConfigError} on the first bad option. */
export function resolveSimOptions(options: SimOptions = {}): ResolvedSimOptions {
  if (!isPlainObject(options)) {
    throw new SimConfigError('options', `must be an object (got ${shown(options)})`)
  }
  for (const key of Object.keys(options)) {
    if (!(optionNames as readonly string[]).includes(key)) {
      throw new SimConfigError(key, `unknown option; allowed: ${optionNames.join(', ')}`)
    }
  }
  const [irisVersion, irisVersionParts] = irisVersionOf(options.irisVersion ?? defaults.irisVersion)
  return {
    host: nonEmptyString('host', options.host ?? defaults.host),
    port: integerInRange('port', options.port ?? defaults.port, 0, 65_535),
    profile: profileOf(options.profile ?? defaults.profile),
    irisVersion,
    irisVersionParts,
    dataDir: options.dataDir === undefined ? undefined : nonEmptyString('dataDir', options.dataDir),
    users: options.users === undefined ? undefined : usersOf(options.users),
    lockTimeoutMs: integerInRange(
      'lockTimeoutMs',
      options.lockTimeoutMs ?? defaults.lockTimeoutMs,
      0,
      maxTimerMs,
    ),
  }
}
