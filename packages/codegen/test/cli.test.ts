import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli as runCliInProcess } from '../src/cli-program.js'
import { type CliRun, errorLines, runCli } from './helpers/run-cli.js'

// Temp dirs live inside the package so that `tsx` and `kysely` resolve from them.
const TMP = mkdtempSync(join(fileURLToPath(new URL('.', import.meta.url)), 'cli.tmp.'))
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

/** A port nothing listens on: connecting is refused at once. */
const REFUSED_URL = 'postgres://_SYSTEM:secret@127.0.0.1:1/USER'

function projectDir(name: string, files: Record<string, string>): string {
  const dir = join(TMP, name)
  mkdirSync(dir, { recursive: true })
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content)
  return dir
}

type Runner = (args: string[], cwd?: string) => Promise<CliRun>

/** dist/cli.js in a child process, as a user runs it. */
const childProcess: Runner = (args, cwd) => runCli(args, cwd === undefined ? {} : { cwd })

/**
 * The same entry point in this process: quicker for the many validation cases (the binary itself
 * is covered by the child-process tests here and in live.test.ts).
 */
const inProcess: Runner = async (args, cwd = process.cwd()) => {
  let stderr = ''
  const code = await runCliInProcess(['node', 'iris-codegen', ...args], {
    cwd,
    stderr: (text) => {
      stderr += text
    },
  })
  return { code, stdout: '', stderr }
}

async function expectOneLineError(
  args: string[],
  pattern: RegExp,
  cwd?: string,
  run: Runner = childProcess,
) {
  const result = await run(args, cwd)
  expect(result.code).toBe(1)
  expect(errorLines(result.stderr)).toEqual([expect.stringMatching(pattern)])
  expect(result.stdout).toBe('')
  return result
}

describe('iris-codegen CLI (no server)', () => {
  it('--help shows every flag with its default, and examples', async () => {
    const run = await runCli(['--help'])
    expect(run.code).toBe(0)
    for (const flag of [
      '--url',
      '--out',
      '--print',
      '--verify',
      '--schema',
      '--include-pattern',
      '--exclude-pattern',
      '--camel-case',
      '--singularize',
      '--type-aliases',
      '--overrides',
      '--type-mapping',
      '--int8',
      '--numeric',
      '--date',
      '--vector-type',
      '--config',
      '--env-file',
      '--log-level',
    ]) {
      expect(run.stdout).toContain(`${flag} `)
    }
    const compact = run.stdout.replace(/\s+/g, ' ')
    for (const shown of [
      'default: "db.d.ts"',
      'default: SQLUser',
      'default: "number"',
      'default: "string"',
      'default: "info"',
    ]) {
      expect(compact).toContain(shown)
    }
    expect(run.stdout).toContain('Examples:')
    expect(run.stdout).toContain('iris-codegen --verify')
  })

  it('a malformed URL: one line, exit 1', async () => {
    await expectOneLineError(['--url', 'not a url'], /^iris-codegen: .*"not a url" is not a URL/)
    await expectOneLineError(['--url', 'mysql://h/db'], /must start with postgres:\/\//)
  })

  it('an unreachable server: one line naming the server, password hidden, exit 1', async () => {
    const run = await expectOneLineError(
      ['--url', REFUSED_URL],
      /^iris-codegen: Cannot connect to .*ECONNREFUSED/,
    )
    expect(run.stderr).toContain('postgres://_SYSTEM:***@127.0.0.1:1/USER')
    expect(run.stderr).not.toContain('secret')
  })

  it('--log-level debug adds the stack trace', async () => {
    const run = await runCli(['--url', REFUSED_URL, '--log-level', 'debug'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/\n\s+at /)
  })

  it('no URL anywhere', async () => {
    await expectOneLineError(
      [],
      /no connection URL; pass --url, or set IRIS_URL or DATABASE_URL/,
      projectDir('empty', {}),
    )
  })

  it.each([
    [['--int8', 'huge'], /--int8 <type>.*Allowed choices are number, bigint, string/],
    [['--date', 'date'], /--date <type>.*Allowed choices are string, Date/],
    [['--log-level', 'loud'], /--log-level/],
    [['--overrides', '{nope'], /--overrides <json>.*not JSON/],
    [['--type-mapping', '[1]'], /--type-mapping <json>.*expected a JSON object/],
    [['--overrides', '{"a": 1}'], /"overrides" must be a JSON object of TypeScript types/],
    [
      ['--overrides', '{"onlytable": "string"}'],
      /"overrides" key "onlytable" must be "table.column"/,
    ],
    [['--schema', '%SYS'], /"%SYS" is a system schema/],
    [['--schema', 'EnsLib'], /"EnsLib" is a system schema/],
    [['--print', '--verify'], /"print" and "verify" exclude each other/],
    [['--nope'], /unknown option '--nope'/],
  ])('rejects %j before connecting', async (args, pattern) => {
    await expectOneLineError([...args, '--url', REFUSED_URL], pattern, undefined, inProcess)
  })
})

describe('config files, env files and precedence (no server)', () => {
  // A config whose URL is malformed proves the config was read: the run fails on that URL.
  it.each([
    ['iris-codegen.config.json', JSON.stringify({ url: 'from-json' })],
    ['iris-codegen.config.js', "export default { url: 'from-js' }"],
    ['iris-codegen.config.mjs', "export default { url: 'from-mjs' }"],
    ['iris-codegen.config.ts', "const url: string = 'from-ts'\nexport default { url }"],
    ['package.json', JSON.stringify({ name: 'app', 'iris-codegen': { url: 'from-package-json' } })],
  ])('reads %s', async (file, content) => {
    const dir = projectDir(file.replaceAll('.', '-'), { [file]: content })
    await expectOneLineError([], /"from-[a-z-]+" is not a URL/, dir)
  })

  it('flags override the config file', async () => {
    const dir = projectDir('override', {
      'iris-codegen.config.json': JSON.stringify({ url: 'from-config', int8: 'bogus' }),
    })
    await expectOneLineError(['--url', REFUSED_URL, '--int8', 'bigint'], /Cannot connect/, dir)
  })

  it('an invalid config value is named', async () => {
    const dir = projectDir('bad-value', {
      'iris-codegen.config.json': JSON.stringify({ numeric: 'float' }),
    })
    await expectOneLineError(
      [],
      /"numeric" must be one of 'string', 'number', got "float"/,
      dir,
      inProcess,
    )
  })

  it('an unknown config key is named', async () => {
    const dir = projectDir('bad-key', {
      'iris-codegen.config.json': JSON.stringify({ outFile: 'x.ts' }),
    })
    await expectOneLineError([], /unknown option "outFile"/, dir, inProcess)
  })

  it('two config files are ambiguous', async () => {
    const dir = projectDir('two', {
      'iris-codegen.config.json': '{}',
      'iris-codegen.config.js': 'export default {}',
    })
    await expectOneLineError(
      [],
      /found iris-codegen\.config\.json and iris-codegen\.config\.js; keep one/,
      dir,
    )
  })

  it('--config names a file elsewhere', async () => {
    const dir = projectDir('explicit', { 'custom.json': JSON.stringify({ url: 'from-custom' }) })
    await expectOneLineError(
      ['--config', 'custom.json'],
      /"from-custom" is not a URL/,
      dir,
      inProcess,
    )
    await expectOneLineError(
      ['--config', 'missing.json'],
      /config file missing\.json does not exist/,
      dir,
    )
  })

  it('--env-file provides IRIS_URL; --url beats it', async () => {
    const dir = projectDir('env', { '.env.test': 'IRIS_URL=postgres://env:pw@127.0.0.1:1/USER\n' })
    const run = await expectOneLineError(
      ['--env-file', '.env.test'],
      /Cannot connect to postgres:\/\/env:\*\*\*@127\.0\.0\.1:1/,
      dir,
    )
    expect(run.stderr).not.toContain('pw@')
    await expectOneLineError(['--env-file', '.env.test', '--url', 'bad'], /"bad" is not a URL/, dir)
    // Node 20 itself reads `--env-file` even after the script name and exits 9 when it is missing;
    // later Node versions leave it to iris-codegen. Either way: one line naming the file.
    const missing = await runCli(['--env-file', 'nope.env'], { cwd: dir })
    expect(missing.code).not.toBe(0)
    expect(errorLines(missing.stderr)).toEqual([expect.stringMatching(/nope\.env/)])
  })
})
