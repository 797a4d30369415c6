import { describe, expect, it } from 'vitest'
import { QueryLog } from '../../src/engine/query-log.js'

describe('QueryLog', () => {
  it('records each statement with its parameters in arrival order', () => {
    const log = new QueryLog()
    log.record(7, 'select 1', [])
    log.record(8, 'select $1', ['x'])
    expect(log.entries.map(({ connectionId, sql, params }) => [connectionId, sql, params])).toEqual(
      [
        [7, 'select 1', []],
        [8, 'select $1', ['x']],
      ],
    )
  })

  it('stays within its limit by dropping the oldest entries, and counts them', () => {
    const log = new QueryLog(100)
    for (let i = 0; i < 1000; i++) log.record(1, `select ${i}`, [])
    expect(log.entries.length).toBeLessThanOrEqual(100)
    expect(log.entries.at(-1)?.sql).toBe('select 999')
    expect(log.dropped + log.entries.length).toBe(1000)
    log.clear()
    expect([log.entries.length, log.dropped]).toEqual([0, 0])
  })
})
