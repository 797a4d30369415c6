import { describe, expect, it } from 'vitest'
import { DEFAULT_ROUNDS, parseOptions, QUICK_ROUNDS, UsageError } from '../src/options.js'

const NAMES = ['point-select', 'client-compile', 'client-mapping', 'codegen']

describe('bench options', () => {
  it('defaults: every scenario, sim and postgres, 5 rounds', () => {
    const options = parseOptions([], NAMES)
    expect(options.scenarios).toEqual(NAMES)
    expect(options.targets).toEqual(['sim', 'postgres'])
    expect(options.rounds).toBe(DEFAULT_ROUNDS)
    expect(parseOptions(['--quick'], NAMES).rounds).toBe(QUICK_ROUNDS)
  })

  it('scenarios repeat or come as a comma list, aliases expand, order follows the suite', () => {
    expect(
      parseOptions(['--scenario', 'codegen', '--scenario', 'point-select'], NAMES).scenarios,
    ).toEqual(['point-select', 'codegen'])
    expect(parseOptions(['--scenario', 'client-cpu'], NAMES).scenarios).toEqual([
      'client-compile',
      'client-mapping',
    ])
  })

  it('targets: names, all, and URLs', () => {
    const url = 'postgres://_SYSTEM:SYS@iris:5432/USER'
    expect(parseOptions(['--target', `sim,${url}`], NAMES).targets).toEqual(['sim', url])
    expect(parseOptions(['--target', 'all', '--target', 'sim'], NAMES).targets).toEqual([
      'sim',
      'postgres',
    ])
  })

  it('refuses what it does not know, with a message naming the fix', () => {
    expect(() => parseOptions(['--scenario', 'nope'], NAMES)).toThrow(
      /unknown scenario nope; known: point-select/,
    )
    expect(() => parseOptions(['--target', 'mysql'], NAMES)).toThrow(UsageError)
    expect(() => parseOptions(['--rounds', '0'], NAMES)).toThrow(/positive integer/)
    expect(() => parseOptions(['--sim-profile', 'x'], NAMES)).toThrow(/iris or pgwire-1.0/)
    expect(() => parseOptions(['--bogus'], NAMES)).toThrow(UsageError)
  })
})
