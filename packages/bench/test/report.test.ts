import { describe, expect, it } from 'vitest'
import { evaluateGoals } from '../src/goals.js'
import { describeMachine } from '../src/machine.js'
import { renderMarkdown } from '../src/report/markdown.js'
import { renderSvg } from '../src/report/svg.js'
import { type BenchReport, contenderResults, type ScenarioResult } from '../src/results.js'
import type { ContenderSamples } from '../src/runner.js'
import type { Scenario } from '../src/scenario.js'

const scenario = {
  name: 'point-select',
  title: 'Point select by primary key',
  unit: 'ms',
  metric: 'latency per query',
  baseline: 'raw-pg',
} as Scenario

function samples(rounds: number[][]): ContenderSamples {
  return { rounds, latencies: null, errors: 0 }
}

function result(iris: number[][]): ScenarioResult {
  const contenders = contenderResults(
    scenario,
    new Map([
      [
        'raw-pg',
        samples([
          [1, 1, 1],
          [1, 1, 1],
        ]),
      ],
      ['kysely-iris', samples(iris)],
    ]),
    undefined,
  )
  const r: ScenarioResult = {
    scenario: 'point-select',
    title: scenario.title,
    target: 'sim',
    status: 'ran',
    unit: 'ms',
    metric: scenario.metric,
    baseline: 'raw-pg',
    plan: { rounds: 2, opsPerRound: 3, warmup: 1 },
    sizes: {},
    durationSeconds: 1,
    contenders,
    goals: [],
  }
  r.goals = evaluateGoals(r)
  return r
}

describe('goals', () => {
  it('a ratio within the bound is met', () => {
    expect(
      result([
        [0.98, 0.98, 0.98],
        [0.99, 0.99, 0.99],
      ]).goals,
    ).toMatchObject([{ met: true, missedByPercent: null }])
  })

  it('a missed goal says by how much, in percent of the bound', () => {
    const [goal] = result([
      [1.2, 1.2, 1.2],
      [1.2, 1.2, 1.2],
    ]).goals
    expect(goal?.met).toBe(false)
    expect(goal?.missedByPercent).toBeCloseTo(20, 5)
  })
})

describe('report rendering', () => {
  const report: BenchReport = {
    schemaVersion: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    durationSeconds: 60,
    mode: 'quick',
    rounds: 2,
    machine: describeMachine(),
    targets: [
      { id: 'sim', status: 'ran', kind: 'iris', description: 'iris-sim' },
      { id: 'postgres', status: 'skipped', reason: 'PostgreSQL server binaries not found' },
    ],
    scenarios: [
      result([
        [2, 2, 2],
        [2, 2, 2],
      ]),
    ],
  }

  it('writes one table row per contender, the ratio with its spread, the verdict and skip reasons', () => {
    const markdown = renderMarkdown(report)
    expect(markdown).toContain(
      '| Point select by primary key | sim | raw pg, hand-written SQL | 6 | 1.00 ms |',
    )
    expect(markdown).toContain(
      '| 2.00× (2.00–2.00) | IrisDialect / raw pg median latency: 2 (≤ 1): missed by 100% |',
    )
    expect(markdown).toContain('- **postgres**: skipped: PostgreSQL server binaries not found')
  })

  it('tables each goal by what it measures, met or missed with its number, without tracker references', () => {
    const markdown = renderMarkdown(report)
    expect(markdown).toContain(
      "Goals (IrisDialect's performance targets; reported, never asserted):\n\n" +
        '| Scenario | Target | Goal | Value | Bound | Verdict |\n' +
        '| --- | --- | --- | ---: | --- | --- |\n' +
        '| point-select | sim | IrisDialect / raw pg median latency | 2 | ≤ 1 | missed by 100% |\n',
    )
    expect(markdown).not.toMatch(/\b(issue|acceptance) \d/i)
  })

  it('draws one box per contender', () => {
    const svg = renderSvg(report)
    expect(svg.match(/<rect x=/g)).toHaveLength(2)
    expect(svg).toContain('Kysely + IrisDialect')
  })
})

describe('the goal against the stock PostgresDialect', () => {
  it('is judged wherever both dialects ran, IrisDialect’s median over PostgresDialect’s', () => {
    const scenario = { name: 'insert', baseline: 'raw-pg', unit: 'ms' } as Scenario
    const rounds = (value: number) => samples([[value], [value]])
    const contenders = contenderResults(
      scenario,
      new Map([
        ['raw-pg', rounds(1)],
        ['kysely-iris', rounds(1.1)],
        ['kysely-pg', rounds(1.2)],
      ]),
      undefined,
    )
    const goals = evaluateGoals({
      scenario: 'insert',
      status: 'ran',
      contenders,
    } as unknown as ScenarioResult)
    expect(goals).toEqual([
      expect.objectContaining({
        text: 'IrisDialect / PostgresDialect median',
        value: 0.917,
        met: true,
      }),
    ])
  })
})
