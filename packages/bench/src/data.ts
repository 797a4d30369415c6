import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { mersenne } from 'pure-rand/generator/mersenne'

/** Deterministic data, so every run measures the same rows. */

/** Numbers in [0, 1) from pure-rand's Mersenne Twister: the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  const generator = mersenne(seed)
  return () => uniformFloat64(generator)
}

export interface ItemRow {
  id: number
  name: string
  category: number
  score: number
}

/** Rows of the shape of BENCH_ITEM / BENCH_BULK; ids start at `firstId`. */
export function itemRows(count: number, firstId = 1): ItemRow[] {
  const random = seededRandom(firstId)
  return Array.from({ length: count }, (_, i) => ({
    id: firstId + i,
    name: `item ${firstId + i}`,
    category: (firstId + i) % CATEGORIES,
    score: Math.round(random() * 1e6) / 1e3,
  }))
}

/** BENCH_ITEM is spread over this many categories (10 000 rows: 200 per category). */
export const CATEGORIES = 50

/** A unit-length vector, so cosine similarity and dot product agree. */
export function unitVector(random: () => number, dimension: number): number[] {
  const v = Array.from({ length: dimension }, () => random() * 2 - 1)
  const norm = Math.hypot(...v)
  return v.map((x) => Math.round((x / norm) * 1e6) / 1e6)
}

/** Cycles through 1..count in a fixed scattered order, e.g. primary keys to look up. */
export function scatteredIds(count: number, seed: number): () => number {
  const random = seededRandom(seed)
  return () => 1 + Math.floor(random() * count)
}
