import type { ContenderId } from './contenders.js'
import type { Fixtures } from './fixtures.js'
import type { FrontEndGuarantee, Target, TargetKind } from './targets/target.js'

/** One timed operation's outcome. */
export interface Measurement {
  /** The figure the scenario reports (its `unit`). */
  value: number
  /** Per-query latencies in ms inside a batch (the concurrent scenario). */
  latencies?: number[]
  /** Queries in the batch that failed. */
  errors?: number
}

/** A contender ready to run one operation of a scenario. */
export interface ContenderRun {
  readonly id: ContenderId
  measure(): Promise<Measurement>
  /** A lighter operation on the same code path for the warm-up; default `measure`. */
  warmUp?(): Promise<unknown>
}

export interface PreparedScenario {
  readonly contenders: ContenderRun[]
  /** The sizes actually measured (rows, vectors, tables...), recorded in the JSON. */
  readonly sizes: Record<string, number | string>
  /** Items one sample covers (queries in a batch, rows in a bulk insert), for a throughput figure. */
  readonly perSample?: { count: number; noun: string }
  teardown(): Promise<void>
}

export interface ScenarioContext {
  /** The server, or null for client-only scenarios. */
  readonly target: Target | null
  /** Shared tables on the target, created once per target; null for client-only scenarios. */
  readonly fixtures: Fixtures | null
  readonly quick: boolean
  progress(message: string): void
}

export interface Scenario {
  /** The value of `--scenario`. */
  readonly name: string
  readonly title: string
  /** Server kinds it runs on, or `client` for a client-only measurement with a stub pool. */
  readonly runsOn: readonly TargetKind[] | 'client'
  /** For IRIS-only scenarios: the IRIS SQL that PostgreSQL lacks, recorded as the skip reason. */
  readonly irisOnly?: string
  /**
   * What the scenario's operation rests on; a target whose front end lacks one reports the
   * scenario as not run, with the reason.
   */
  readonly needs?: readonly FrontEndGuarantee[]
  readonly unit: 'ms' | 'µs'
  /** What one sample is, e.g. "latency per query". */
  readonly metric: string
  /** Ratios are contender / baseline. */
  readonly baseline: ContenderId
  /** Measured operations per contender per round, full run and --quick. */
  readonly ops: { full: number; quick: number }
  /** Unmeasured operations per contender before the first round. */
  readonly warmup: { full: number; quick: number }
  prepare(context: ScenarioContext): Promise<PreparedScenario>
}

export interface TimedOptions<R> {
  /** Runs first, untimed, e.g. emptying a table. */
  before?: () => Promise<unknown>
  /** Runs after, untimed: throws when the operation did not do what it should. */
  check?: (result: R) => unknown
}

/** Times `operation` in milliseconds; setup and checks around it are not timed. */
export function timed<R>(
  operation: () => Promise<R>,
  options: TimedOptions<R> = {},
): () => Promise<Measurement> {
  return async () => {
    if (options.before) await options.before()
    const start = performance.now()
    const result = await operation()
    const value = performance.now() - start
    if (options.check) await options.check(result)
    return { value }
  }
}

/** A check that fails unless the operation returned `expected` rows. */
export function expectRows(
  expected: number,
): (result: { rows: unknown[] } | unknown[] | undefined) => void {
  return (result) => {
    const rows = Array.isArray(result) ? result : result?.rows
    if (rows?.length !== expected) {
      throw new Error(
        `expected ${expected} row(s), got ${rows === undefined ? 'none' : rows.length}`,
      )
    }
  }
}

/** Times a batch of `count` operations and reports microseconds per operation. */
export function timedPerItem(
  count: number,
  batch: () => Promise<unknown> | unknown,
): () => Promise<Measurement> {
  return async () => {
    const start = performance.now()
    await batch()
    return { value: ((performance.now() - start) * 1000) / count }
  }
}
