/** Deterministic data, so every run measures the same rows. */

/** mulberry32: a small seeded PRNG, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
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
