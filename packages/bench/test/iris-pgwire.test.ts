import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { pgwireAvailability } from '@kysely-iris/sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BenchReport } from '../src/results.js'
import { startTarget } from '../src/targets/start-target.js'
import { TargetUnavailableError } from '../src/targets/target.js'

/**
 * The iris-pgwire targets: the real iris-pgwire 1.0.1 (Python) on each backend in front of the sim,
 * started by the bench (docs/iris-sql.md#iris-pgwire-backends). A short run on the built CLI, as a
 * user runs it; nothing here asserts speed.
 */

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const TARGETS = ['iris-pgwire-dbapi', 'iris-pgwire-embedded'] as const
/** insert runs on both backends; insert-id and transaction only on the embedded one. */
const SCENARIOS = ['insert', 'insert-id', 'transaction'] as const

async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [CLI, ...args], {
    env,
    timeout: 150_000,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? 1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  )
}

function readReport(outDir: string): BenchReport {
  return JSON.parse(readFileSync(join(outDir, 'latest.json'), 'utf8')) as BenchReport
}

/** Computed here independently of src/stats.ts. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

describe('iris-pgwire targets where iris-pgwire cannot run', () => {
  const missingSource = mkdtempSync(join(tmpdir(), 'kysely-iris-bench-no-pgwire-'))
  afterAll(() => rmSync(missingSource, { recursive: true, force: true }))

  it('refuse to start with a TargetUnavailableError that says what is missing', async () => {
    const saved = process.env.IRIS_PGWIRE_SRC
    process.env.IRIS_PGWIRE_SRC = missingSource
    try {
      const start = startTarget('iris-pgwire-dbapi', { simProfile: 'iris' })
      await expect(start).rejects.toBeInstanceOf(TargetUnavailableError)
      await expect(start).rejects.toMatchObject({
        status: 'skipped',
        message: expect.stringContaining(`IRIS_PGWIRE_SRC=${missingSource} has no iris_pgwire/`),
      })
    } finally {
      if (saved === undefined) delete process.env.IRIS_PGWIRE_SRC
      else process.env.IRIS_PGWIRE_SRC = saved
    }
  })

  it('are reported as skipped, with the reason on one line, and the run exits 0', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'kysely-iris-bench-test-'))
    try {
      const run = await runCli(
        ['--quick', '--target', 'iris-pgwire', '--scenario', 'insert', '--out', outDir],
        { ...process.env, IRIS_PGWIRE_SRC: missingSource },
      )
      expect(run.code, run.stderr).toBe(0)
      const report = readReport(outDir)
      expect(report.targets.map((t) => [t.id, t.status])).toEqual(
        TARGETS.map((id) => [id, 'skipped']),
      )
      for (const target of report.targets) {
        expect(target.reason).toMatch(/^the real iris-pgwire cannot run here: IRIS_PGWIRE_SRC=/)
        expect(target.reason).not.toContain('\n')
      }
      expect(report.scenarios).toEqual([])
      expect(readFileSync(join(outDir, 'latest.md'), 'utf8')).toContain(
        '- **iris-pgwire-dbapi**: skipped: the real iris-pgwire cannot run here: IRIS_PGWIRE_SRC=',
      )
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  }, 60_000)
})

const pgwire = pgwireAvailability()
const describeWithPgwire = pgwire.available ? describe : describe.skip
const title = 'bench --target iris-pgwire: a short run against the real front end'

describeWithPgwire(
  pgwire.available ? title : `${title} [skipped: ${pgwire.reason.replaceAll('\n- ', ' ')}]`,
  () => {
    const outDir = mkdtempSync(join(tmpdir(), 'kysely-iris-bench-test-'))
    let run: Awaited<ReturnType<typeof runCli>>
    let report: BenchReport
    let markdown: string

    beforeAll(async () => {
      run = await runCli([
        '--quick',
        '--rounds',
        '1',
        '--target',
        'iris-pgwire',
        '--scenario',
        SCENARIOS.join(','),
        '--out',
        outDir,
      ])
      report = readReport(outDir)
      markdown = readFileSync(join(outDir, 'latest.md'), 'utf8')
    }, 160_000)

    afterAll(() => rmSync(outDir, { recursive: true, force: true }))

    it('starts both backends in front of the sim and exits 0', () => {
      expect(run.code, run.stderr).toBe(0)
      for (const id of TARGETS) {
        const target = report.targets.find((t) => t.id === id)
        expect(target, id).toMatchObject({ status: 'ran', kind: 'iris' })
        expect(target?.info).toMatchObject({
          serverVersion: 'PostgreSQL 16.0 (InterSystems IRIS PGWire Protocol)',
          frontEnd: 'iris-pgwire',
          backend: id.replace('iris-pgwire-', ''),
          simProfile: 'iris',
        })
      }
      expect(report.targets.find((t) => t.id === 'iris-pgwire-dbapi')?.description).toContain(
        'external (DB-API) backend',
      )
    })

    it('reports every selected scenario on every target once: ran, or not run with the reason', () => {
      for (const target of TARGETS) {
        expect(
          report.scenarios.filter((s) => s.target === target).map((s) => s.scenario),
          target,
        ).toEqual([...SCENARIOS])
      }
      expect(report.scenarios.filter((s) => s.status === 'failed')).toEqual([])
      const statuses = report.scenarios.map((s) => `${s.target} ${s.scenario} ${s.status}`)
      expect(statuses).toEqual([
        'iris-pgwire-dbapi insert ran',
        'iris-pgwire-dbapi insert-id skipped',
        'iris-pgwire-dbapi transaction skipped',
        'iris-pgwire-embedded insert ran',
        'iris-pgwire-embedded insert-id ran',
        'iris-pgwire-embedded transaction ran',
      ])
    })

    it('on the external backend, says why transactions and insertId are not measured, and counts nothing', () => {
      const notRun = (name: string) =>
        report.scenarios.find((s) => s.target === 'iris-pgwire-dbapi' && s.scenario === name)!
      expect(notRun('transaction').reason).toMatch(
        /^iris-pgwire's external \(DB-API\) backend answers START TRANSACTION, COMMIT and ROLLBACK itself .* IrisDialect refuses transactions and atomic chunked inserts \(IrisTransactionsUnsupportedError\) .*\(docs\/iris-sql\.md#iris-pgwire-transactions\)$/,
      )
      expect(notRun('insert-id').reason).toMatch(
        /SELECT LAST_IDENTITY\(\) on another pooled IRIS connection than the INSERT, so IrisDialect gives no insertId there/,
      )
      for (const name of ['transaction', 'insert-id']) {
        expect(notRun(name)).toMatchObject({ contenders: [], goals: [] })
        expect(markdown).toContain(`| iris-pgwire-dbapi | skipped: ${notRun(name).reason} |`)
      }
      expect(report.targets.find((t) => t.id === 'iris-pgwire-dbapi')?.lacks).toEqual({
        transactions: notRun('transaction').reason,
        'last-identity': notRun('insert-id').reason,
      })
    })

    it('compares IrisDialect with raw pg on the same target, in the same run', () => {
      for (const s of report.scenarios.filter((r) => r.status === 'ran')) {
        const where = `${s.scenario} on ${s.target}`
        expect(
          s.contenders.map((c) => c.id),
          where,
        ).toEqual(['raw-pg', 'kysely-iris'])
        const [raw, iris] = s.contenders
        const perRound = iris!.samples.map((round, r) => median(round) / median(raw!.samples[r]!))
        expect(iris!.ratioToBaseline!.value, where).toBeCloseTo(median(perRound), 9)
        expect(iris!.samples.flat().length, where).toBe(s.plan.rounds * s.plan.opsPerRound)
      }
    })
  },
)
