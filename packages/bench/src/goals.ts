import type { ContenderId } from './contenders.js'
import type { ContenderResult, ScenarioResult } from './results.js'
import { ratioOfMedians } from './stats.js'

/**
 * IrisDialect's performance targets, each named by what it measures (`text`), reported with every
 * run and never asserted in tests: a missed goal is a finding, with its margin, not a failure.
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
    // A bound of 0 has no percentage to miss it by.
    missedByPercent: withinBound || bound === 0 ? null : Math.round(missedBy * 10) / 10,
    ...(extra ? { detail: extra.detail } : {}),
  }
}

function find(result: ScenarioResult, id: ContenderId): ContenderResult | undefined {
  return result.contenders.find((c) => c.id === id)
}

/** Stock PostgresDialect's figure beside IrisDialect's, when it ran: what Kysely itself costs. */
function besidePostgresDialect(
  result: ScenarioResult,
  invert = false,
): { ok: true; detail: string } | undefined {
  const ratio = find(result, 'kysely-pg')?.ratioToBaseline?.value
  if (ratio === undefined) return undefined
  return { ok: true, detail: `stock PostgresDialect: ${(invert ? 1 / ratio : ratio).toFixed(3)}` }
}

/** A goal on IrisDialect's ratio to the baseline (`contender`: its statement cache on). */
function ratioGoal(text: string, bound: number, contender: ContenderId = 'kysely-iris'): Goal {
  return (result) => {
    const ratio = find(result, contender)?.ratioToBaseline?.value
    return ratio === undefined
      ? null
      : verdict(text, ratio, '<=', bound, besidePostgresDialect(result))
  }
}

/**
 * Never slower than the stock PostgresDialect it replaces, wherever both run: IrisDialect's median
 * over PostgresDialect's, round by round (every sample here is a time, lower is better).
 */
const notSlowerThanPostgresDialect: Goal = (result) => {
  const iris = find(result, 'kysely-iris')
  const stock = find(result, 'kysely-pg')
  if (!iris || !stock) return null
  const ratio = ratioOfMedians(iris.samples, stock.samples).value
  return verdict('IrisDialect / PostgresDialect median', ratio, '<=', 1)
}

const concurrentThroughput: Goal = (r) => {
  const iris = find(r, 'kysely-iris')
  const ratio = iris?.ratioToBaseline?.value
  if (!iris || ratio === undefined) return null
  // Throughput is queries / wall time, so its ratio is the inverse of the wall-time ratio.
  const beside = besidePostgresDialect(r, true)
  return verdict('IrisDialect / raw pg throughput, zero errors', 1 / ratio, '>=', 0.95, {
    ok: iris.errors === 0,
    detail: `${iris.errors} failed queries${beside ? `; ${beside.detail}` : ''}`,
  })
}

const bulkSpeedUp: Goal = (r) => {
  const iris = find(r, 'kysely-iris')
  const loop = find(r, 'raw-pg-row-loop')
  const raw = find(r, 'raw-pg')
  if (!iris || !loop || !raw) return null
  // Round by round, like every ratio here (stats.ts): the loop's median over the other's.
  const speedup = ratioOfMedians(loop.samples, iris.samples).value
  const rawSpeedup = ratioOfMedians(loop.samples, raw.samples).value
  return verdict(
    'IrisDialect chunked insert speed-up over the row-by-row loop',
    speedup,
    '>=',
    20,
    {
      ok: true,
      detail: `raw pg chunked: ${rawSpeedup.toFixed(1)}`,
    },
  )
}

type Goal = (result: ScenarioResult) => GoalResult | null

/** The same goal with the statement cache on (`preparedStatements`), to judge the lever. */
const preparedRatio = ratioGoal(
  'IrisDialect with preparedStatements / raw pg median latency',
  1,
  'kysely-iris-prepared',
)

/**
 * What the statement cache removes of a query's time, as a fraction of IrisDialect's median
 * without it (round by round): through iris-pgwire, how much of its per-query cost the client can
 * take away. A finding with a floor of 0 (never worse), not a target.
 */
const preparedSaving: Goal = (result) => {
  const iris = find(result, 'kysely-iris')
  const prepared = find(result, 'kysely-iris-prepared')
  if (!iris || !prepared) return null
  const saving = 1 - ratioOfMedians(prepared.samples, iris.samples).value
  return verdict('share of the median query time the statement cache removes', saving, '>=', 0)
}

/**
 * The goals of each scenario. Reads at least as fast as hand-written SQL through raw pg; never
 * slower than the stock PostgresDialect where both run; 1 000 concurrent point selects at 0.95 of
 * raw pg's throughput with no error; the bulk, vector and client-CPU bounds as before.
 */
const GOALS: Record<string, readonly Goal[]> = {
  'point-select': [
    ratioGoal('IrisDialect / raw pg median latency', 1),
    notSlowerThanPostgresDialect,
    preparedRatio,
    preparedSaving,
  ],
  'filtered-select': [
    ratioGoal('IrisDialect / raw pg median latency', 1),
    notSlowerThanPostgresDialect,
    preparedRatio,
    preparedSaving,
  ],
  insert: [notSlowerThanPostgresDialect],
  transaction: [notSlowerThanPostgresDialect],
  concurrent: [concurrentThroughput, notSlowerThanPostgresDialect, preparedSaving],
  'bulk-insert': [bulkSpeedUp, notSlowerThanPostgresDialect],
  'client-compile': [ratioGoal('IrisDialect / PostgresDialect client CPU', 1.25)],
  'client-mapping': [ratioGoal('IrisDialect / PostgresDialect client CPU', 1.25)],
  'vector-top10': [ratioGoal('IrisDialect / raw pg median latency', 1.05)],
}

/** Every goal of a scenario that ran, each met or missed with its number. */
export function evaluateGoals(result: ScenarioResult): GoalResult[] {
  if (result.status !== 'ran') return []
  return (GOALS[result.scenario] ?? []).flatMap((goal) => goal(result) ?? [])
}
