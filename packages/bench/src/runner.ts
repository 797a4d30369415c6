import type { PreparedScenario } from './scenario.js'
import { roundSample } from './stats.js'

export interface RunPlan {
  rounds: number
  opsPerRound: number
  warmup: number
}

/** Raw per-round samples of one contender, as stored in the JSON. */
export interface ContenderSamples {
  rounds: number[][]
  latencies: number[][] | null
  errors: number
}

/**
 * Warm-up, then `rounds` rounds in which the contenders take turns operation by operation
 * (A B C, B C A, C A B, ...), so drift in the machine's load hits all of them alike.
 */
export async function runInterleaved(
  prepared: PreparedScenario,
  plan: RunPlan,
  onRound: (round: number) => void,
): Promise<Map<string, ContenderSamples>> {
  const { contenders } = prepared
  for (let i = 0; i < plan.warmup; i++) {
    for (const contender of rotate(contenders, i)) await (contender.warmUp ?? contender.measure)()
  }
  const samples = new Map<string, ContenderSamples>(
    contenders.map((c) => [c.id, { rounds: [], latencies: null, errors: 0 }]),
  )
  for (let round = 0; round < plan.rounds; round++) {
    for (const s of samples.values()) {
      s.rounds.push([])
      s.latencies?.push([])
    }
    for (let op = 0; op < plan.opsPerRound; op++) {
      for (const contender of rotate(contenders, round * plan.opsPerRound + op)) {
        const measurement = await contender.measure()
        const s = samples.get(contender.id)!
        s.rounds[round]!.push(roundSample(measurement.value))
        s.errors += measurement.errors ?? 0
        if (measurement.latencies) {
          s.latencies ??= s.rounds.map(() => [])
          s.latencies[round]!.push(...measurement.latencies.map((v) => roundSample(v)))
        }
      }
    }
    onRound(round + 1)
  }
  return samples
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length
  return [...items.slice(k), ...items.slice(0, k)]
}
