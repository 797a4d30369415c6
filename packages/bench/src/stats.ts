/**
 * Order statistics over raw samples. Everything the report shows is derived here, from the samples
 * stored in results/latest.json, so anyone can recompute it (packages/bench/README.md, "Reading").
 */

export interface Summary {
  n: number
  min: number
  q1: number
  median: number
  q3: number
  p95: number
  p99: number
  max: number
  mean: number
}

/**
 * A contender against the baseline. Each round compares the two under the same conditions (their
 * operations were interleaved), so the figure is built from per-round ratios: a slow round (the
 * machine got busy) moves both medians, not their ratio.
 */
export interface Ratio {
  /** The median of `perRound`: the figure reported. */
  value: number
  /** Per round: median(contender's samples in round r) / median(baseline's samples in round r). */
  perRound: number[]
  /** Spread of the per-round ratios. */
  min: number
  max: number
  /** median(all the contender's samples) / median(all the baseline's), for reference. */
  pooled: number
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b)
}

/** The median: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const s = sorted(values)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const s = sorted(values)
  const rank = Math.max(1, Math.ceil((p / 100) * s.length))
  return s[rank - 1]!
}

export function summarize(values: readonly number[]): Summary {
  const s = sorted(values)
  const sum = s.reduce((acc, v) => acc + v, 0)
  return {
    n: s.length,
    min: s[0] ?? Number.NaN,
    q1: percentile(s, 25),
    median: median(s),
    q3: percentile(s, 75),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? Number.NaN,
    mean: s.length === 0 ? Number.NaN : sum / s.length,
  }
}

/** The ratio of medians per round, and over all samples, from per-round samples of two contenders. */
export function ratioOfMedians(
  contender: readonly (readonly number[])[],
  baseline: readonly (readonly number[])[],
): Ratio {
  const perRound = contender.map((round, r) => median(round) / median(baseline[r] ?? []))
  return {
    value: median(perRound),
    perRound,
    min: Math.min(...perRound),
    max: Math.max(...perRound),
    pooled: median(contender.flat()) / median(baseline.flat()),
  }
}

/** Rounds a measurement before it is stored, so the JSON holds exactly what the report used. */
export function roundSample(value: number, digits = 4): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
