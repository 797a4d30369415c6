import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { mersenne } from 'pure-rand/generator/mersenne'
import type { VectorElementType } from '../../src/index.js'

/**
 * `count` vectors of `dimensions` doubles in [-1, 1), from pure-rand's Mersenne Twister, so every
 * run inserts and searches the same vectors.
 */
export function randomVectors(seed: number, count: number, dimensions: number): number[][] {
  const generator = mersenne(seed)
  return Array.from({ length: count }, () =>
    Array.from({ length: dimensions }, () => uniformFloat64(generator) * 2 - 1),
  )
}

/**
 * The values as the column stores them: FLOAT is single precision
 * (docs/iris-sql.md#the-vector-type).
 */
export function atPrecision(values: readonly number[], elementType: VectorElementType): number[] {
  return elementType === 'float' ? Array.from(Float32Array.from(values)) : [...values]
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0)
  return sum
}

/**
 * The dot product as a single-precision engine computes it over FLOAT vectors: every product and
 * partial sum rounded to float32. The sim sums FLOAT vectors this way (pgvector's inner product,
 * docs/iris-sql.md#vector-functions), so the brute force for a FLOAT column models that arithmetic;
 * the tolerance the tests apply stays the same.
 */
export function dotSinglePrecision(a: readonly number[], b: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum = Math.fround(sum + Math.fround((a[i] ?? 0) * (b[i] ?? 0)))
  return sum
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b))
}

export interface Scored {
  id: number
  score: number
}

/** Brute force: the k highest similarities, best first. */
export function bruteForceTopK(
  rows: readonly { id: number; vector: readonly number[] }[],
  query: readonly number[],
  k: number,
  similarity: (a: readonly number[], b: readonly number[]) => number,
): Scored[] {
  return rows
    .map(({ id, vector }) => ({ id, score: similarity(vector, query) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
}
