import { describe, expect, it } from 'vitest'
import { demoCommands } from './demo.mjs'

describe('pnpm demo (scripts/demo.mjs)', () => {
  it('builds the packages the demo imports, then runs it with the flags', () => {
    expect(demoCommands(['--fresh'])).toEqual([
      ['--filter', '@kysely-iris/demo^...', 'run', 'build'],
      ['--filter', '@kysely-iris/demo', 'run', 'demo', '--fresh'],
    ])
  })

  it('answers --help and -h without building', () => {
    for (const help of ['--help', '-h']) {
      expect(demoCommands(['--schema', 'x', help])).toEqual([
        ['--filter', '@kysely-iris/demo', 'run', 'demo', '--schema', 'x', help],
      ])
    }
  })
})
