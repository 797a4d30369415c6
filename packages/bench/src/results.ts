import { CONTENDER_LABELS, type ContenderId } from './contenders.js'
import type { GoalResult } from './goals.js'
import type { Machine } from './machine.js'
import type { ContenderSamples, RunPlan } from './runner.js'
import type { Scenario } from './scenario.js'
import {
  median,
  type Ratio,
  ratioOfMedians,
  roundSample,
  type Summary,
  summarize,
} from './stats.js'
import type { TargetRecord } from './targets/target.js'

/** What results/latest.json holds. Every derived figure can be recomputed from `samples`. */
export interface BenchReport {
  schemaVersion: 1
  startedAt: string
  finishedAt: string
  durationSeconds: number
  mode: 'full' | 'quick'
  rounds: number
  machine: Machine
  targets: TargetRecord[]
  scenarios: ScenarioResult[]
}

export interface ContenderResult {
  id: ContenderId
  label: string
  /** Raw samples in the scenario's unit, one array per round. */
  samples: number[][]
  summary: Summary
  /** This contender's median / the baseline's, round by round; null for the baseline itself. */
  ratioToBaseline: Ratio | null
  errors: number
  /** Per-query latencies in ms (concurrent scenario), one array per round. */
  latencies?: { samples: number[][]; summary: Summary }
  /** Items per second at the median sample (concurrent queries, bulk rows). */
  throughput?: { perSecond: number; noun: string }
}

export interface ScenarioResult {
  scenario: string
  title: string
  /** A target id, or `client` for client-only scenarios. */
  target: string
  status: 'ran' | 'failed' | 'skipped'
  reason?: string
  unit: Scenario['unit']
  metric: string
  baseline: ContenderId
  plan: RunPlan
  sizes: Record<string, number | string>
  durationSeconds: number
  contenders: ContenderResult[]
  /** Each goal of the scenario, met or missed with its number (./goals.ts). */
  goals: GoalResult[]
}

/** Turns raw samples into the stored result: summaries, ratios, throughput. */
export function contenderResults(
  scenario: Scenario,
  samples: Map<string, ContenderSamples>,
  perSample: { count: number; noun: string } | undefined,
): ContenderResult[] {
  const baseline = samples.get(scenario.baseline)
  return [...samples.entries()].map(([id, s]) => {
    const contender = id as ContenderId
    const result: ContenderResult = {
      id: contender,
      label: CONTENDER_LABELS[contender],
      samples: s.rounds,
      summary: summarize(s.rounds.flat()),
      ratioToBaseline:
        baseline && contender !== scenario.baseline
          ? ratioOfMedians(s.rounds, baseline.rounds)
          : null,
      errors: s.errors,
    }
    if (s.latencies)
      result.latencies = { samples: s.latencies, summary: summarize(s.latencies.flat()) }
    if (perSample) {
      const msPerSample =
        scenario.unit === 'ms' ? median(s.rounds.flat()) : median(s.rounds.flat()) / 1000
      result.throughput = {
        perSecond: roundSample((perSample.count * 1000) / msPerSample, 1),
        noun: perSample.noun,
      }
    }
    return result
  })
}
