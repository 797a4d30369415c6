import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { chown } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { stopOnExit } from '../cleanup.js'
import { probeServer, type Target, TargetUnavailableError } from './target.js'

const run = promisify(execFile)
const POSTGRES_ROOT = '/usr/lib/postgresql'
const REQUIRED_BINARIES = ['initdb', 'pg_ctl', 'postgres']
/** The unprivileged account the server runs as when the bench runs as root. */
const SERVER_USER = 'postgres'

/**
 * Server settings for a throwaway cluster: durability off (nothing here must survive a crash), so
 * the server is fast and the figures show client overhead; enough connections for three 20-connection
 * pools at once.
 */
const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=200',
]

/** The newest `/usr/lib/postgresql/<major>/bin` holding every binary needed, or null. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.PG_BIN
    ? [env.PG_BIN]
    : existsSync(POSTGRES_ROOT)
      ? readdirSync(POSTGRES_ROOT)
          .filter((major) => /^\d+$/.test(major))
          .sort((a, b) => Number(b) - Number(a))
          .map((major) => join(POSTGRES_ROOT, major, 'bin'))
      : []
  return candidates.find((dir) => REQUIRED_BINARIES.every((b) => existsSync(join(dir, b)))) ?? null
}

/**
 * `initdb` into a temporary directory, then `pg_ctl start` on a free port. PostgreSQL refuses to
 * run as root, so as root every binary runs through `runuser -u postgres`, in a directory that user
 * owns. Skipped (not failed) only when the binaries are absent.
 */
export async function startLocalPostgres(): Promise<Target> {
  const bin = findPostgresBin()
  if (bin === null) {
    throw new TargetUnavailableError(
      'skipped',
      `PostgreSQL server binaries (${REQUIRED_BINARIES.join(', ')}) not found under ${POSTGRES_ROOT}/<major>/bin (set PG_BIN to their directory)`,
    )
  }
  const asRoot = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'kysely-iris-bench-pg-'))
  const dataDir = join(dir, 'data')
  const command = (name: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', SERVER_USER, '--', join(bin, name), ...args]]
      : [join(bin, name), args]
  const stopArgs = (mode: 'fast' | 'immediate') => ['-D', dataDir, '-m', mode, '-w', 'stop']

  let started = false
  const stop = stopOnExit(
    async () => {
      if (started) await run(...command('pg_ctl', stopArgs('fast')))
      rmSync(dir, { recursive: true, force: true })
    },
    () => {
      if (started) spawnSync(...command('pg_ctl', stopArgs('immediate')), { stdio: 'ignore' })
      rmSync(dir, { recursive: true, force: true })
    },
  )
  try {
    if (asRoot) await chownToServerUser(dir)
    await run(
      ...command('initdb', [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-sync',
      ]),
    )
    const port = await freePort()
    const serverOptions = [
      '-p',
      String(port),
      '-k',
      dir,
      ...SERVER_SETTINGS.flatMap((s) => ['-c', s]),
    ]
    started = true
    await run(
      ...command('pg_ctl', [
        '-D',
        dataDir,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        serverOptions.join(' '),
        'start',
      ]),
    )
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`
    const { version } = await probeServer(url)
    return {
      id: 'postgres',
      kind: 'postgres',
      url,
      description: `${version.split(' on ')[0]}, local, started by the bench (fsync off)`,
      info: {
        serverVersion: version,
        bin,
        dataDir,
        port,
        settings: SERVER_SETTINGS,
        runAs: asRoot ? SERVER_USER : 'current user',
      },
      lacks: {},
      sessionModel: 'per-connection',
      stop,
    }
  } catch (error) {
    await stop().catch(() => {})
    const detail = error as Error & { stderr?: string }
    throw new TargetUnavailableError(
      'failed',
      `local PostgreSQL did not start: ${detail.stderr || detail.message}`,
    )
  }
}

async function chownToServerUser(dir: string): Promise<void> {
  const id = async (flag: '-u' | '-g') =>
    Number((await run('id', [flag, SERVER_USER])).stdout.trim())
  try {
    await chown(dir, await id('-u'), await id('-g'))
  } catch (cause) {
    throw new Error(`running as root needs the unprivileged user "${SERVER_USER}" to own ${dir}`, {
      cause,
    })
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
