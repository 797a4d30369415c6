import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BenchReport } from '../src/results.js'

/**
 * Runs `--quick` on the built CLI, as CI does, and checks the report's integrity. Nothing here
 * asserts speed: the goals are reported by the bench, not tested.
 */

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const outDir = mkdtempSync(join(tmpdir(), 'kysely-iris-bench-test-'))
let report: BenchReport
let exitCode: number

/** Computed here independently of src/stats.ts. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

function postgresBinariesPresent(): boolean {
  const root = '/usr/lib/postgresql'
  if (process.env.PG_BIN)
    return ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(process.env.PG_BIN!, b)))
  return (
    existsSync(root) &&
    readdirSync(root).some((major) =>
      ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(root, major, 'bin', b))),
    )
  )
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (pnpm build)`)
  const result = await promisify(execFile)(process.execPath, [CLI, '--quick', '--out', outDir], {
    timeout: 170_000,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    () => 0,
    (error: { code?: number; stderr?: string }) => {
      process.stderr.write(error.stderr ?? '')
      return error.code ?? 1
    },
  )
  exitCode = result
  report = JSON.parse(readFileSync(join(outDir, 'latest.json'), 'utf8')) as BenchReport
}, 180_000)

afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe('bench --quick', () => {
  it('exits cleanly and writes the JSON, the Markdown table and the SVG chart', () => {
    expect(exitCode).toBe(0)
    expect(readFileSync(join(outDir, 'latest.md'), 'utf8')).toContain(
      '| Scenario | Target | Contender |',
    )
    expect(readFileSync(join(outDir, 'latest.svg'), 'utf8')).toMatch(
      /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    )
    expect(report.machine.cpuModel).toBeTruthy()
    expect(report.machine.cores).toBeGreaterThan(0)
    expect(report.machine.node).toBe(process.version)
    expect(report.machine.packages.kysely).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('skips a target only when its binaries are absent, and starts the sim', () => {
    for (const target of report.targets) {
      expect(target.status, `${target.id}: ${target.reason}`).not.toBe('failed')
    }
    expect(report.targets.find((t) => t.id === 'sim')?.status).toBe('ran')
    const postgres = report.targets.find((t) => t.id === 'postgres')
    expect(postgres?.status).toBe(postgresBinariesPresent() ? 'ran' : 'skipped')
    if (postgres?.status === 'skipped') expect(postgres.reason).toMatch(/binaries/)
  })

  it('has every scenario on every target it runs on, none failed', () => {
    const ran = report.scenarios.filter((s) => s.status === 'ran')
    const failed = report.scenarios.filter((s) => s.status === 'failed')
    expect(failed.map((s) => `${s.scenario} on ${s.target}: ${s.reason}`)).toEqual([])
    for (const s of report.scenarios.filter((s) => s.status === 'skipped')) {
      expect(s.reason, `${s.scenario} on ${s.target}`).toMatch(/IRIS SQL only/)
      expect(s.target).not.toBe('sim')
    }
    expect(ran.filter((s) => s.target === 'sim').length).toBeGreaterThan(0)
    expect(ran.filter((s) => s.target === 'client').length).toBe(2)
  })

  it('every scenario has its sample count and finite values', () => {
    for (const s of report.scenarios.filter((r) => r.status === 'ran')) {
      expect(s.contenders.length, s.scenario).toBeGreaterThan(0)
      for (const c of s.contenders) {
        const where = `${s.scenario}/${s.target}/${c.id}`
        expect(c.samples.length, where).toBe(s.plan.rounds)
        for (const round of c.samples) expect(round.length, where).toBe(s.plan.opsPerRound)
        const all = c.samples.flat()
        expect(
          all.every((v) => Number.isFinite(v) && v >= 0),
          where,
        ).toBe(true)
        expect(c.summary.n, where).toBe(all.length)
        expect(c.summary.median, where).toBeCloseTo(median(all), 9)
        for (const key of ['min', 'q1', 'median', 'q3', 'p95', 'p99', 'max', 'mean'] as const) {
          expect(Number.isFinite(c.summary[key]), `${where} ${key}`).toBe(true)
        }
        if (c.latencies) {
          expect(
            c.latencies.samples.flat().every((v) => Number.isFinite(v)),
            where,
          ).toBe(true)
          expect(c.errors, where).toBe(0)
        }
      }
    }
  })

  it('each ratio recomputed from the raw samples matches the reported one', () => {
    let checked = 0
    for (const s of report.scenarios.filter((r) => r.status === 'ran')) {
      const baseline = s.contenders.find((c) => c.id === s.baseline)
      expect(baseline, `${s.scenario} baseline ${s.baseline}`).toBeDefined()
      for (const c of s.contenders.filter((c) => c.id !== s.baseline)) {
        const where = `${s.scenario}/${s.target}/${c.id}`
        const ratio = c.ratioToBaseline!
        // Per round: the contender's median over the baseline's; reported: the median of those.
        const perRound = c.samples.map((round, r) => median(round) / median(baseline!.samples[r]!))
        expect(ratio.perRound.length, where).toBe(perRound.length)
        for (const [r, v] of ratio.perRound.entries()) expect(v, where).toBeCloseTo(perRound[r]!, 9)
        expect(ratio.value, where).toBeCloseTo(median(perRound), 9)
        expect(ratio.min, where).toBeCloseTo(Math.min(...perRound), 9)
        expect(ratio.max, where).toBeCloseTo(Math.max(...perRound), 9)
        expect(ratio.pooled, where).toBeCloseTo(
          median(c.samples.flat()) / median(baseline!.samples.flat()),
          9,
        )
        checked++
      }
    }
    expect(checked).toBeGreaterThan(0)
  })
})
