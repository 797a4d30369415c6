import type { GoalResult } from '../goals.js'
import type { ScenarioResult } from '../results.js'

/** A figure with three significant digits (at least), and its unit. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a'
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3
  return `${value.toFixed(digits)} ${unit}`
}

export function formatRatio(value: number): string {
  return `${value.toFixed(2)}×`
}

/** `≤ 1` / `≥ 0.95`. */
export function formatBound(goal: GoalResult): string {
  return `${goal.comparison === '<=' ? '≤' : '≥'} ${goal.bound}`
}

/** `met`, or `missed by n%`, with the goal's detail. */
export function formatVerdict(goal: GoalResult): string {
  const verdict = goal.met
    ? 'met'
    : goal.missedByPercent !== null
      ? `missed by ${goal.missedByPercent}%`
      : 'missed'
  return `${verdict}${goal.detail ? `; ${goal.detail}` : ''}`
}

export function formatGoal(goal: GoalResult): string {
  return `${goal.value} (${formatBound(goal)}): ${formatVerdict(goal)}`
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** The title with the data size when it matters: rows, vectors, tables. */
export function scenarioName(scenario: ScenarioResult): string {
  return `${scenario.title}${sizeSuffix(scenario)}`
}

function sizeSuffix(scenario: ScenarioResult): string {
  const { rows, vectors, tables, columns, queries } = scenario.sizes
  if (scenario.scenario === 'bulk-insert' && rows !== undefined)
    return `, ${formatCount(Number(rows))} rows`
  if (vectors !== undefined) return `, ${formatCount(Number(vectors))} vectors`
  if (queries !== undefined) return `, ${formatCount(Number(queries))} queries at once`
  if (tables !== undefined) return `, ${tables} tables × ${columns} columns`
  return ''
}
