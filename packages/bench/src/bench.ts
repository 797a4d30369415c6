import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { redactConnectionString } from 'kysely-iris'
import { isShuttingDown, stopAll } from './cleanup.js'
import { Fixtures } from './fixtures.js'
import { evaluateGoals } from './goals.js'
import { describeMachine } from './machine.js'
import type { BenchOptions } from './options.js'
import { renderMarkdown } from './report/markdown.js'
import { renderSvg } from './report/svg.js'
import { type BenchReport, contenderResults, type ScenarioResult } from './results.js'
import { type RunPlan, runInterleaved } from './runner.js'
import type { Scenario } from './scenario.js'
import { startTarget, targetId } from './targets/start-target.js'
import { type Target, type TargetRecord, TargetUnavailableError } from './targets/target.js'

export type Progress = (message: string) => void

function planFor(scenario: Scenario, options: BenchOptions): RunPlan {
  const mode = options.quick ? 'quick' : 'full'
  return { rounds: options.rounds, opsPerRound: scenario.ops[mode], warmup: scenario.warmup[mode] }
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10
}

/** Prepares, measures and tears down one scenario on one target; a failure is recorded, not thrown. */
async function runScenario(
  scenario: Scenario,
  target: Target | null,
  fixtures: Fixtures | null,
  options: BenchOptions,
  progress: Progress,
): Promise<ScenarioResult> {
  const plan = planFor(scenario, options)
  const where = target?.id ?? 'client'
  const started = performance.now()
  const result: ScenarioResult = {
    scenario: scenario.name,
    title: scenario.title,
    target: where,
    status: 'ran',
    unit: scenario.unit,
    metric: scenario.metric,
    baseline: scenario.baseline,
    plan,
    sizes: {},
    durationSeconds: 0,
    contenders: [],
    goals: [],
  }
  try {
    progress(`[${where}] ${scenario.name}: preparing`)
    const prepared = await scenario.prepare({ target, fixtures, quick: options.quick, progress })
    try {
      const samples = await runInterleaved(prepared, plan, (round) =>
        progress(
          `[${where}] ${scenario.name}: round ${round}/${plan.rounds} (${seconds(started)} s)`,
        ),
      )
      result.sizes = prepared.sizes
      result.contenders = contenderResults(scenario, samples, prepared.perSample)
      result.goals = evaluateGoals(result)
    } finally {
      await prepared.teardown()
    }
  } catch (error) {
    result.status = 'failed'
    result.reason = (error as Error).message.split('\n')[0]
    progress(`[${where}] ${scenario.name}: FAILED: ${result.reason}`)
  }
  result.durationSeconds = seconds(started)
  return result
}

/**
 * Why `scenario` cannot run on `target`, or undefined when it can: its SQL is IRIS-only, or the
 * target's front end lacks a guarantee its operation rests on.
 */
function whyNotOn(scenario: Scenario, target: Target): string | undefined {
  if (scenario.runsOn !== 'client' && !scenario.runsOn.includes(target.kind)) {
    return `IRIS SQL only (${scenario.irisOnly ?? 'not valid on PostgreSQL'})`
  }
  const lacking = scenario.needs?.find((guarantee) => target.lacks[guarantee] !== undefined)
  return lacking === undefined ? undefined : target.lacks[lacking]
}

/** A scenario reported as not run on a target, with the reason; it has no samples. */
function notOnThisTarget(
  scenario: Scenario,
  target: Target,
  reason: string,
  options: BenchOptions,
): ScenarioResult {
  return {
    scenario: scenario.name,
    title: scenario.title,
    target: target.id,
    status: 'skipped',
    reason,
    unit: scenario.unit,
    metric: scenario.metric,
    baseline: scenario.baseline,
    plan: planFor(scenario, options),
    sizes: {},
    durationSeconds: 0,
    contenders: [],
    goals: [],
  }
}

async function runOnTarget(
  target: Target,
  scenarios: readonly Scenario[],
  options: BenchOptions,
  progress: Progress,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = []
  const fixtures = Fixtures.open(target, options.quick)
  try {
    for (const scenario of scenarios) {
      if (isShuttingDown()) break
      const reason = whyNotOn(scenario, target)
      if (reason !== undefined) progress(`[${target.id}] ${scenario.name}: not run: ${reason}`)
      results.push(
        reason === undefined
          ? await runScenario(scenario, target, fixtures, options, progress)
          : notOnThisTarget(scenario, target, reason, options),
      )
    }
  } finally {
    await fixtures
      .close()
      .catch((error: Error) =>
        progress(`[${target.id}] dropping bench tables failed: ${error.message}`),
      )
  }
  return results
}

/** Runs the selected scenarios on every selected target; always stops what it started. */
export async function runBench(
  scenarios: readonly Scenario[],
  options: BenchOptions,
  progress: Progress,
): Promise<BenchReport> {
  const startedAt = new Date()
  const started = performance.now()
  const machine = describeMachine()
  const targets: TargetRecord[] = []
  const results: ScenarioResult[] = []
  try {
    for (const scenario of scenarios.filter((s) => s.runsOn === 'client')) {
      results.push(await runScenario(scenario, null, null, options, progress))
    }
    const serverScenarios = scenarios.filter((s) => s.runsOn !== 'client')
    for (const spec of serverScenarios.length > 0 ? options.targets : []) {
      if (isShuttingDown()) break
      progress(`[${targetId(spec)}] starting`)
      let target: Target
      try {
        target = await startTarget(spec, { simProfile: options.simProfile })
      } catch (error) {
        const status = error instanceof TargetUnavailableError ? error.status : 'failed'
        const id = targetId(spec)
        targets.push({ id, status, reason: (error as Error).message })
        progress(`[${id}] ${status}: ${(error as Error).message}`)
        continue
      }
      targets.push({
        id: target.id,
        status: 'ran',
        kind: target.kind,
        description: target.description,
        url: redactConnectionString(target.url),
        info: target.info,
        lacks: target.lacks,
      })
      try {
        results.push(...(await runOnTarget(target, serverScenarios, options, progress)))
      } finally {
        await target.stop()
        progress(`[${target.id}] stopped`)
      }
    }
  } finally {
    await stopAll()
  }
  return {
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationSeconds: seconds(started),
    mode: options.quick ? 'quick' : 'full',
    rounds: options.rounds,
    machine,
    targets,
    scenarios: results,
  }
}

/** results/latest.json, latest.md and latest.svg; returns the Markdown. */
export function writeReport(report: BenchReport, outDir: string): string {
  mkdirSync(outDir, { recursive: true })
  const markdown = renderMarkdown(report)
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 1)}\n`)
  writeFileSync(join(outDir, 'latest.md'), markdown)
  writeFileSync(join(outDir, 'latest.svg'), renderSvg(report))
  return markdown
}
