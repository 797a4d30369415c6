import type { BenchReport, ContenderResult, ScenarioResult } from '../results.js'
import { formatCount, formatGoal, formatRatio, formatValue, scenarioName } from './format.js'

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
    const goal = c.id === 'kysely-iris' && scenario.goal ? formatGoal(scenario.goal) : ''
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
  const goals = report.scenarios.filter((s) => s.goal)
  if (goals.length > 0) {
    lines.push("Goals (IrisDialect's performance targets; reported, never asserted):", '')
    for (const s of goals)
      lines.push(`- ${s.scenario} on ${s.target}: ${s.goal!.text} ${formatGoal(s.goal!)}`)
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
