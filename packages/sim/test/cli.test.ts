import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { pgwireAvailability } from '../src/front-end/pgwire-availability.js'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const { version: packageVersion } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string }

interface Exit {
  code: number | null
  stdout: string
  stderr: string
}

function run(args: string[]): { child: ChildProcessWithoutNullStreams; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [cli, ...args])
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk
  })
  const exit = new Promise<Exit>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  )
  return { child, exit }
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk
      if (output.includes('\n')) resolve(output.slice(0, output.indexOf('\n')))
    })
    child.on('exit', (code) => reject(new Error(`iris-sim exited with ${code} before printing`)))
  })
}

describe('iris-sim command line (dist/cli.js)', () => {
  beforeAll(() => {
    if (!existsSync(cli)) {
      throw new Error(
        `${cli} is missing: build first (cd packages/sim && npx tsc -p tsconfig.build.json)`,
      )
    }
  })

  // Starting the engine in a fresh process takes seconds on a loaded machine.
  const startTimeoutMs = 120_000

  it.each([
    [
      'SIGTERM',
      ['--profile', 'pgwire-1.0-dbapi'],
      /^postgres:\/\/_SYSTEM:SYS@127\.0\.0\.1:\d+\/USER$/,
    ],
    [
      'SIGINT',
      ['--user', 'app:s3cret', '--lock-timeout-ms', '500'],
      /^postgres:\/\/app:s3cret@127\.0\.0\.1:\d+\/USER$/,
    ],
  ] as const)(
    'prints the URL first, serves it, and exits 0 on %s',
    async (signal, args, urlPattern) => {
      const { child, exit } = run(['--port', '0', ...args])
      const url = await firstLine(child)
      expect(url).toMatch(urlPattern)
      const client = new pg.Client({ connectionString: url })
      client.on('error', () => {})
      await client.connect()
      expect((await client.query('SELECT 1 AS one')).rows).toHaveLength(1)
      child.kill(signal)
      const { code, stdout, stderr } = await exit
      expect(code).toBe(0)
      expect(stdout).toBe(`${url}\n`)
      expect(stderr).toMatch(/^iris-sim: starting the sim \(profile [\w.-]+\)…\n$/)
    },
    startTimeoutMs,
  )

  it('prints help and the version', async () => {
    const help = await run(['--help']).exit
    expect(help.code).toBe(0)
    for (const flag of [
      '--port',
      '--host',
      '--profile',
      '--iris-version',
      '--data-dir',
      '--lock-timeout-ms',
      '--user',
      '--front-end',
    ]) {
      expect(help.stdout).toContain(flag)
    }
    expect(help.stdout).toContain('iris | pgwire-1.0-dbapi | pgwire-1.0-embedded')
    expect(help.stdout).toContain('Examples:')
    const version = await run(['--version']).exit
    expect(version).toMatchObject({ code: 0, stdout: `${packageVersion}\n` })
  })

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', 'abc'], /--port must be a whole number \(got "abc"\)/],
    [['--port', '70000'], /invalid option port: must be an integer from 0 to 65535/],
    [
      ['--profile', 'postgres'],
      /invalid option profile: must be one of iris, pgwire-1.0-dbapi, pgwire-1.0-embedded/,
    ],
    [
      ['--profile', 'pgwire-1.0'],
      /pgwire-1.0 mixed both iris-pgwire backends and is gone: choose the backend you run/,
    ],
    [['--user', 'nocolon'], /--user must be name:password/],
    [['extra'], /positional/],
    [
      ['--front-end', 'odbc'],
      /--front-end must be one of sim, iris-pgwire-dbapi, iris-pgwire-embedded/,
    ],
    [
      ['--front-end', 'iris-pgwire-dbapi', '--profile', 'pgwire-1.0-dbapi'],
      /runs the sim with profile iris .*drop --profile pgwire-1.0-dbapi/,
    ],
  ])('rejects %j with one line on stderr and exit code 2', async (args, message) => {
    const { code, stdout, stderr } = await run(args).exit
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(message)
  })

  const pgwire = pgwireAvailability()
  const pgwireTitle =
    'with --front-end iris-pgwire-dbapi, prints the URL of the real iris-pgwire in front of the sim'
  it.skipIf(!pgwire.available)(
    pgwire.available ? pgwireTitle : `${pgwireTitle} [skipped: ${pgwire.reason}]`,
    async () => {
      const { child, exit } = run(['--front-end', 'iris-pgwire-dbapi'])
      const url = await firstLine(child)
      expect(url).toMatch(/^postgres:\/\/_SYSTEM:SYS@127\.0\.0\.1:\d+\/USER$/)
      const client = new pg.Client({ connectionString: url })
      client.on('error', () => {})
      await client.connect()
      // iris-pgwire, not the sim, answers: its DML command tags count 0 rows
      // (docs/iris-sql.md#iris-pgwire-result-quirks); the sim's count 1.
      await client.query('CREATE TABLE front_end_probe (id INTEGER)')
      const insert = await client.query('INSERT INTO front_end_probe (id) VALUES (?)', [1])
      expect(insert.rowCount).toBe(0)
      expect((await client.query('SELECT id FROM front_end_probe')).rows).toEqual([{ id: 1 }])
      await client.end()
      child.kill('SIGTERM')
      const { code, stderr } = await exit
      expect(code).toBe(0)
      expect(stderr).toBe(
        'iris-sim: starting the sim (profile iris) and iris-pgwire (dbapi backend) in front of it…\n',
      )
    },
    startTimeoutMs,
  )
})
