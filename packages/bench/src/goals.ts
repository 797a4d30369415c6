import type { ContenderId } from './contenders.js'
import type { ContenderResult, ScenarioResult } from './results.js'
import { median } from './stats.js'

/**
 * The targets of issue 6 (acceptance 3), reported with every run and never asserted in tests: a
 * missed goal is a finding, with its margin, not a failure.
 */
export interface GoalResult {
  text: string
  value: number
  comparison: '<=' | '>='
  bound: number
  met: boolean
  /** How far from the bound, in percent of the bound, when missed. */
  missedByPercent: number | null
  /** Anything else the verdict rests on (e.g. error counts). */
  detail?: string
}

function verdict(
  text: string,
  value: number,
  comparison: '<=' | '>=',
  bound: number,
  extra?: { ok: boolean; detail: string },
): GoalResult {
  const withinBound = comparison === '<=' ? value <= bound : value >= bound
  const missedBy = comparison === '<=' ? (value / bound - 1) * 100 : (1 - value / bound) * 100
  const met = withinBound && (extra?.ok ?? true)
  return {
    text,
    value: Math.round(value * 1000) / 1000,
    comparison,
    bound,
    met,
    missedByPercent: withinBound ? null : Math.round(missedBy * 10) / 10,
    ...(extra ? { detail: extra.detail } : {}),
  }
}

function find(result: ScenarioResult, id: ContenderId): ContenderResult | undefined {
  return result.contenders.find((c) => c.id === id)
}

const irisRatio = (result: ScenarioResult) => find(result, 'kysely-iris')?.ratioToBaseline?.value

const GOALS: Record<string, (result: ScenarioResult) => GoalResult | null> = {
  'point-select': (r) => {
    const ratio = irisRatio(r)
    return ratio === undefined
      ? null
      : verdict('IrisDialect / raw pg median latency', ratio, '<=', 1.05)
  },
  'client-compile': (r) => {
    const ratio = irisRatio(r)
    return ratio === undefined
      ? null
      : verdict('IrisDialect / PostgresDialect client CPU', ratio, '<=', 1.25)
  },
  'client-mapping': (r) => {
    const ratio = irisRatio(r)
    return ratio === undefined
      ? null
      : verdict('IrisDialect / PostgresDialect client CPU', ratio, '<=', 1.25)
  },
  concurrent: (r) => {
    const iris = find(r, 'kysely-iris')
    const ratio = iris?.ratioToBaseline?.value
    if (!iris || ratio === undefined) return null
    // Throughput is queries / wall time, so its ratio is the inverse of the wall-time ratio.
    return verdict('IrisDialect / raw pg throughput, zero errors', 1 / ratio, '>=', 0.95, {
      ok: iris.errors === 0,
      detail: `${iris.errors} failed queries`,
    })
  },
  'bulk-insert': (r) => {
    const iris = find(r, 'kysely-iris')
    const loop = find(r, 'raw-pg-row-loop')
    if (!iris || !loop) return null
    const speedup = median(loop.samples.flat()) / median(iris.samples.flat())
    return verdict(
      'IrisDialect chunked insert speed-up over the row-by-row loop',
      speedup,
      '>=',
      20,
    )
  },
  'vector-top10': (r) => {
    const ratio = irisRatio(r)
    return ratio === undefined
      ? null
      : verdict('IrisDialect / raw pg median latency', ratio, '<=', 1.05)
  },
}

export function evaluateGoal(result: ScenarioResult): GoalResult | null {
  return result.status === 'ran' ? (GOALS[result.scenario]?.(result) ?? null) : null
}
