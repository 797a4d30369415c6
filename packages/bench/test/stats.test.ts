import { describe, expect, it } from 'vitest'
import { median, percentile, ratioOfMedians, summarize } from '../src/stats.js'

describe('stats', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(values, 95)).toBe(95)
    expect(percentile(values, 99)).toBe(99)
    expect(percentile([5], 99)).toBe(5)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10)
  })

  it('summarizes without reordering the input', () => {
    const input = [5, 1, 4, 2, 3]
    expect(summarize(input)).toMatchObject({ n: 5, min: 1, median: 3, max: 5, mean: 3 })
    expect(input).toEqual([5, 1, 4, 2, 3])
  })

  it('ratio: the median of the per-round ratios of medians, and the pooled one', () => {
    const ratio = ratioOfMedians(
      [
        [2, 2, 2],
        [3, 3, 3],
      ],
      [
        [1, 1, 1],
        [2, 2, 2],
      ],
    )
    expect(ratio.perRound).toEqual([2, 1.5])
    expect(ratio.value).toBe(1.75)
    expect(ratio.pooled).toBeCloseTo(2.5 / 1.5, 12)
    expect([ratio.min, ratio.max]).toEqual([1.5, 2])
  })
})
