/**
 * Finds what running the real iris-pgwire needs: python3, iris-pgwire's source, its Python
 * dependencies (sqlparse, structlog) and ours (pg8000 1.10, which needs six), and our stand-in
 * `iris` module (packages/sim/pgwire/). Resolves to the interpreter and the PYTHONPATH to use, or
 * throws a PgwireUnavailableError that lists every missing piece and how to get it.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PgwireUnavailableError } from './pgwire-errors.js'
import { runProbe } from './python-probe.js'

export interface PgwireEnvironment {
  python: string
  /** iris-pgwire's source (when found through IRIS_PGWIRE_SRC), our `iris`, then the dependency links. */
  pythonPath: readonly string[]
}

/** The stand-in `iris` package and the probe script, shipped beside dist/ and src/. */
const standInDir = fileURLToPath(new URL('../../pgwire/', import.meta.url))
const probeScript = join(standInDir, 'probe.py')

/**
 * Debian installs pure-Python packages here. Only the packages we need are linked onto
 * PYTHONPATH, never the whole directory: its older cryptography would shadow the interpreter's.
 */
const debianDistPackages = '/usr/lib/python3/dist-packages'
const linkDir = join(tmpdir(), 'kysely-iris-pgwire-deps')

interface Dependency {
  /** Module name, as the probe reports it. */
  module: string
  /** What to link from Debian's dist-packages (a package directory or a single .py file). */
  entry: string
  debianPackage: string
}

const dependencies: readonly Dependency[] = [
  { module: 'sqlparse', entry: 'sqlparse', debianPackage: 'python3-sqlparse' },
  { module: 'structlog', entry: 'structlog', debianPackage: 'python3-structlog' },
  { module: 'pg8000', entry: 'pg8000', debianPackage: 'python3-pg8000' },
  { module: 'six', entry: 'six.py', debianPackage: 'python3-six' },
]

const minimumPython = [3, 11] as const

function linkFromDebian(entry: string): boolean {
  const source = join(debianDistPackages, entry)
  if (!existsSync(source)) return false
  mkdirSync(linkDir, { recursive: true })
  try {
    symlinkSync(source, join(linkDir, entry))
  } catch (error) {
    // Another test worker may have linked it first: the link is the same.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return true
}

function findSourceDir(missing: string[]): string | undefined {
  const source = process.env.IRIS_PGWIRE_SRC
  if (source === undefined || source === '') return undefined
  if (!existsSync(join(source, 'iris_pgwire', 'server.py'))) {
    missing.push(
      `IRIS_PGWIRE_SRC=${source} has no iris_pgwire/server.py: point it at the directory that contains iris_pgwire/ (the src/ of iris-pgwire 1.0.1)`,
    )
  }
  return source
}

function resolve(): PgwireEnvironment {
  const python = process.env.IRIS_PGWIRE_PYTHON || 'python3'
  const missing: string[] = []
  const sourceDir = findSourceDir(missing)
  const basePath = sourceDir === undefined ? [standInDir] : [sourceDir, standInDir]

  const native = runProbe(python, probeScript, basePath, false)
  if (!native.ok) throw new PgwireUnavailableError([native.problem])
  const [major, minor] = native.report.python
  if (major < minimumPython[0] || (major === minimumPython[0] && minor < minimumPython[1])) {
    missing.push(
      `${python} is Python ${native.report.python.join('.')}; iris-pgwire needs 3.11+ (set IRIS_PGWIRE_PYTHON to another interpreter)`,
    )
  }
  let linked = false
  for (const dependency of dependencies) {
    if (native.report.modules[dependency.module]?.ok) continue
    if (linkFromDebian(dependency.entry)) linked = true
    else
      missing.push(
        `Python module ${dependency.module}: apt-get install ${dependency.debianPackage} (it is linked from ${debianDistPackages})`,
      )
  }
  if (missing.length > 0) throw new PgwireUnavailableError(missing)

  const pythonPath = linked ? [...basePath, linkDir] : basePath
  const full = runProbe(python, probeScript, pythonPath, true)
  if (!full.ok) throw new PgwireUnavailableError([full.problem])
  const server = full.report.modules['iris_pgwire.server']
  if (!server?.ok) {
    const error = server?.error ?? 'not checked'
    throw new PgwireUnavailableError([
      sourceDir === undefined && error.includes("No module named 'iris_pgwire'")
        ? 'iris-pgwire not found: set IRIS_PGWIRE_SRC to a directory that contains iris_pgwire/ (e.g. the src/ of iris-pgwire 1.0.1), or pip install iris-pgwire'
        : `iris_pgwire.server does not import: ${error}`,
    ])
  }
  return { python, pythonPath }
}

let cached: { key: string; outcome: PgwireEnvironment | PgwireUnavailableError } | undefined

/** The interpreter and PYTHONPATH for iris-pgwire; throws PgwireUnavailableError. Cached per environment. */
export function findPgwireEnvironment(): PgwireEnvironment {
  const key = `${process.env.IRIS_PGWIRE_SRC ?? ''}\0${process.env.IRIS_PGWIRE_PYTHON ?? ''}`
  if (cached?.key !== key) {
    let outcome: PgwireEnvironment | PgwireUnavailableError
    try {
      outcome = resolve()
    } catch (error) {
      if (!(error instanceof PgwireUnavailableError)) throw error
      outcome = error
    }
    cached = { key, outcome }
  }
  if (cached.outcome instanceof PgwireUnavailableError) throw cached.outcome
  return cached.outcome
}
