#!/usr/bin/env node
import { runBench, writeReport } from './bench.js'
import { isShuttingDown } from './cleanup.js'
import { parseOptions, UsageError, usage } from './options.js'
import { SCENARIOS } from './scenarios/index.js'

const names = SCENARIOS.map((s) => s.name)
// `pnpm bench -- --quick` passes the `--` through.
const argv = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'))

async function main(): Promise<number> {
  let options: ReturnType<typeof parseOptions>
  try {
    options = parseOptions(argv, names)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`bench: ${error.message}\n\n${usage(names)}`)
    return 2
  }
  if (options.help) {
    process.stdout.write(usage(names))
    return 0
  }
  const selected = SCENARIOS.filter((s) => options.scenarios.includes(s.name))
  const progress = (message: string) => process.stderr.write(`bench ${message}\n`)
  progress(
    `${options.quick ? 'quick' : 'full'} run: ${selected.length} scenarios, targets ${options.targets.join(', ')}, ${options.rounds} rounds`,
  )
  const report = await runBench(selected, options, progress)
  // An interrupted run never replaces the last complete results.
  if (isShuttingDown()) return 130
  process.stdout.write(writeReport(report, options.outDir))
  progress(`results written to ${options.outDir} (${report.durationSeconds} s)`)
  const failed =
    report.scenarios.some((s) => s.status === 'failed') ||
    report.targets.some((t) => t.status === 'failed')
  return failed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`)
    process.exit(1)
  },
)
