import type { BenchReport, ScenarioResult } from '../results.js'
import { summarize } from '../stats.js'
import { formatValue, scenarioName } from './format.js'

/**
 * A hand-written SVG: one panel per scenario and target, one row per contender, each a box plot
 * (box from the 25th to the 75th percentile, a bar at the median, whiskers from the minimum to the
 * 99th percentile) over a strip of the samples themselves, on a log scale. Samples above every
 * contender's p99 are left out of the strip.
 */

const WIDTH = 960
const LABEL_WIDTH = 250
const PLOT_RIGHT = WIDTH - 40
const ROW_HEIGHT = 30
const PANEL_TOP = 34
const AXIS_HEIGHT = 34
const COLORS: Record<string, string> = {
  'raw-pg': '#4c78a8',
  'raw-pg-row-loop': '#9d755d',
  'kysely-iris': '#e45756',
  'kysely-pg': '#54a24b',
  'iris-codegen': '#b279a2',
}
const MAX_DOTS = 150

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

interface Scale {
  x(value: number): number
  ticks: number[]
}

/**
 * A log scale with ticks at 1, 2 and 5 times powers of ten: latency distributions are long-tailed,
 * and contenders can differ by orders of magnitude (bulk insert).
 */
function makeScale(min: number, max: number): Scale {
  const low = Math.max(min, max / 1e6, Number.MIN_VALUE) / 1.1
  const high = Math.max(max * 1.1, low * 3)
  const [a, b] = [Math.log10(low), Math.log10(high)]
  const ticks: number[] = []
  for (let e = Math.floor(a); e <= Math.ceil(b); e++) {
    for (const m of [1, 2, 5]) {
      const tick = m * 10 ** e
      if (tick >= low && tick <= high) ticks.push(tick)
    }
  }
  const width = PLOT_RIGHT - LABEL_WIDTH
  return {
    x: (v) => LABEL_WIDTH + ((Math.log10(Math.min(Math.max(v, low), high)) - a) / (b - a)) * width,
    ticks,
  }
}

function panel(scenario: ScenarioResult, top: number): { svg: string; height: number } {
  const rows = scenario.contenders
  const all = rows.map((c) => summarize(c.samples.flat()))
  const high = Math.max(...all.map((s) => s.p99))
  const scale = makeScale(Math.min(...all.map((s) => s.min)), high)
  const parts: string[] = []
  const height = PANEL_TOP + rows.length * ROW_HEIGHT + AXIS_HEIGHT
  parts.push(
    `<text x="10" y="${top + 20}" class="title">${escapeXml(`${scenarioName(scenario)} — ${scenario.target} (${scenario.metric}, ${scenario.unit})`)}</text>`,
  )
  rows.forEach((contender, i) => {
    const s = all[i]!
    const y = top + PANEL_TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2
    const color = COLORS[contender.id] ?? '#888'
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 4}" class="label">${escapeXml(contender.label)}</text>`,
    )
    const values = contender.samples.flat().sort((a, b) => a - b)
    const stride = Math.max(1, Math.ceil(values.length / MAX_DOTS))
    for (let k = 0; k < values.length && values[k]! <= high; k += stride) {
      const jitter = ((k * 7919) % 17) - 8
      parts.push(
        `<circle cx="${scale.x(values[k]!).toFixed(1)}" cy="${(y + jitter * 0.9).toFixed(1)}" r="1.6" fill="${color}" opacity="0.35"/>`,
      )
    }
    parts.push(
      `<line x1="${scale.x(s.min).toFixed(1)}" x2="${scale.x(s.p99).toFixed(1)}" y1="${y}" y2="${y}" stroke="${color}"/>`,
    )
    const [x1, x3] = [scale.x(s.q1), scale.x(s.q3)]
    parts.push(
      `<rect x="${x1.toFixed(1)}" y="${y - 8}" width="${Math.max(1, x3 - x1).toFixed(1)}" height="16" fill="${color}" fill-opacity="0.25" stroke="${color}"/>`,
      `<line x1="${scale.x(s.median).toFixed(1)}" x2="${scale.x(s.median).toFixed(1)}" y1="${y - 10}" y2="${y + 10}" stroke="${color}" stroke-width="3"/>`,
    )
  })
  const axisY = top + PANEL_TOP + rows.length * ROW_HEIGHT + 4
  parts.push(
    `<line x1="${LABEL_WIDTH}" x2="${PLOT_RIGHT}" y1="${axisY}" y2="${axisY}" class="axis"/>`,
  )
  for (const tick of scale.ticks) {
    const x = scale.x(tick)
    parts.push(
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${axisY}" y2="${axisY + 4}" class="axis"/>`,
      `<text x="${x.toFixed(1)}" y="${axisY + 16}" class="tick">${escapeXml(formatValue(tick, scenario.unit))}</text>`,
    )
  }
  return { svg: parts.join('\n'), height }
}

export function renderSvg(report: BenchReport): string {
  let top = 40
  const panels: string[] = []
  for (const scenario of report.scenarios.filter(
    (s) => s.status === 'ran' && s.contenders.length > 0,
  )) {
    const { svg, height } = panel(scenario, top)
    panels.push(svg)
    top += height + 10
  }
  const subtitle = `${report.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${report.mode} run, ${report.machine.cpuModel} × ${report.machine.cores}, Node ${report.machine.node}. Box: 25th–75th percentile; bar: median; whiskers: min–p99; dots: samples.`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top + 10}" viewBox="0 0 ${WIDTH} ${top + 10}" font-family="system-ui, sans-serif">
<style>
.title { font-size: 14px; font-weight: 600; }
.label { font-size: 12px; text-anchor: end; }
.tick { font-size: 10px; text-anchor: middle; fill: #555; }
.axis { stroke: #999; }
</style>
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="18" font-size="16" font-weight="700">kysely-iris bench: latency distributions</text>
<text x="10" y="34" font-size="11" fill="#555">${escapeXml(subtitle)}</text>
${panels.join('\n')}
</svg>
`
}
