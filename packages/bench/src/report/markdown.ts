import type { GoalResult } from '../goals.js'
import type { BenchReport, ContenderResult, ScenarioResult } from '../results.js'
import {
  formatBound,
  formatCount,
  formatGoal,
  formatRatio,
  formatValue,
  formatVerdict,
  scenarioName,
} from './format.js'

function note(scenario: ScenarioResult, contender: ContenderResult): string {
  const parts: string[] = []
  if (contender.throughput) {
    parts.push(`${formatCount(contender.throughput.perSecond)} ${contender.throughput.noun}/s`)
  }
  if (contender.latencies)
    parts.push(`per-query p99 ${formatValue(contender.latencies.summary.p99, 'ms')}`)
  if (contender.errors > 0 || scenario.scenario === 'concurrent')
    parts.push(`${contender.errors} errors`)
  return parts.join(', ')
}

function ratioCell(contender: ContenderResult): string {
  const ratio = contender.ratioToBaseline
  if (!ratio) return 'baseline'
  return `${formatRatio(ratio.value)} (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`
}

function scenarioRows(scenario: ScenarioResult): string[] {
  const name = scenarioName(scenario)
  if (scenario.status !== 'ran') {
    return [
      `| ${name} | ${scenario.target} | ${scenario.status}: ${scenario.reason ?? ''} | | | | | | | |`,
    ]
  }
  return scenario.contenders.map((c, i) => {
    const s = c.summary
    const goal =
      c.id === 'kysely-iris'
        ? scenario.goals.map((g) => `${g.text}: ${formatGoal(g)}`).join('; ')
        : ''
    const cells = [
      i === 0 ? name : '',
      i === 0 ? scenario.target : '',
      c.label,
      String(s.n),
      formatValue(s.median, scenario.unit),
      formatValue(s.p95, scenario.unit),
      formatValue(s.p99, scenario.unit),
      ratioCell(c),
      goal,
      note(scenario, c),
    ]
    return `| ${cells.join(' | ')} |`
  })
}

/** One row of the goals table: each goal met or missed, with its number. */
function goalRow(scenario: ScenarioResult, goal: GoalResult): string {
  const cells = [
    scenario.scenario,
    scenario.target,
    goal.text,
    String(goal.value),
    formatBound(goal),
    formatVerdict(goal),
  ]
  return `| ${cells.join(' | ')} |`
}

export function renderMarkdown(report: BenchReport): string {
  const m = report.machine
  const lines: string[] = []
  lines.push('# kysely-iris bench', '')
  lines.push(
    `${report.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${report.mode} run, ${report.rounds} rounds, ` +
      `${Math.round(report.durationSeconds)} s. ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ` +
      `${m.platform} ${m.arch}, load ${m.loadAverage} at start. Node ${m.node}; ` +
      Object.entries(m.packages)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ') +
      '.',
    '',
  )
  lines.push('Targets:', '')
  for (const t of report.targets) {
    lines.push(
      t.status === 'ran'
        ? `- **${t.id}**: ${t.description}`
        : `- **${t.id}**: ${t.status}: ${t.reason ?? ''}`,
    )
  }
  if (report.scenarios.some((s) => s.target === 'client')) {
    lines.push('- **client**: no server; a stub pool answers with canned wire rows')
  }
  lines.push('')
  lines.push(
    '| Scenario | Target | Contender | n | Median | p95 | p99 | Ratio (per-round min–max) | Goal | Note |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- |',
  )
  for (const scenario of report.scenarios) lines.push(...scenarioRows(scenario))
  lines.push('')
  const goals = report.scenarios.flatMap((s) => s.goals.map((goal) => ({ s, goal })))
  if (goals.length > 0) {
    lines.push(
      "Goals (IrisDialect's performance targets; reported, never asserted):",
      '',
      '| Scenario | Target | Goal | Value | Bound | Verdict |',
      '| --- | --- | --- | ---: | --- | --- |',
    )
    for (const { s, goal } of goals) lines.push(goalRow(s, goal))
    lines.push('')
  }
  lines.push(
    "Ratio: in each round, the contender's median divided by the baseline's (raw pg; PostgresDialect for " +
      'client CPU); the figure is the median of those round ratios, in brackets the lowest and highest. ' +
      'Lower is better (throughput is its inverse). Raw samples: results/latest.json; distributions: ' +
      'results/latest.svg.',
    '',
  )
  return lines.join('\n')
}
