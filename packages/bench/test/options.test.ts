import { describe, expect, it } from 'vitest'
import { DEFAULT_ROUNDS, parseOptions, QUICK_ROUNDS, UsageError, usage } from '../src/options.js'

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

  it('the real iris-pgwire: one target per backend, or both as iris-pgwire', () => {
    expect(
      parseOptions(['--target', 'iris-pgwire-dbapi,iris-pgwire-embedded'], NAMES).targets,
    ).toEqual(['iris-pgwire-dbapi', 'iris-pgwire-embedded'])
    expect(
      parseOptions(['--target', 'sim,iris-pgwire', '--target', 'iris-pgwire-dbapi'], NAMES).targets,
    ).toEqual(['sim', 'iris-pgwire-dbapi', 'iris-pgwire-embedded'])
    expect(() => parseOptions(['--target', 'iris-pgwire-odbc'], NAMES)).toThrow(
      /unknown target "iris-pgwire-odbc"; use sim, postgres, iris-pgwire-dbapi, iris-pgwire-embedded, iris, all, iris-pgwire or a postgres:\/\/ URL/,
    )
  })

  it('--help names the iris-pgwire targets, what they need and what they do not run', () => {
    const help = usage(NAMES)
    expect(help).toMatch(
      /^ {26}iris-pgwire-dbapi\n {38}the real iris-pgwire \(Python\) on its external \(DB-API\)/m,
    )
    expect(help).toMatch(
      /^ {26}iris-pgwire-embedded\n {38}the same on iris-pgwire's embedded backend/m,
    )
    expect(help).toMatch(/^ {26}iris-pgwire both of them/m)
    expect(help).toContain('iris-sim --front-end iris-pgwire-dbapi')
    expect(help).toContain('reported as not run, with why')
    expect(help).toContain('IRIS_PGWIRE_SRC=')
    expect(help).toContain('skipped, saying what is missing')
  })

  it('refuses what it does not know, with a message naming the fix', () => {
    expect(() => parseOptions(['--scenario', 'nope'], NAMES)).toThrow(
      /unknown scenario nope; known: point-select/,
    )
    expect(() => parseOptions(['--target', 'mysql'], NAMES)).toThrow(UsageError)
    expect(() => parseOptions(['--rounds', '0'], NAMES)).toThrow(/positive integer/)
    expect(() => parseOptions(['--sim-profile', 'x'], NAMES)).toThrow(
      /one of iris, pgwire-1.0-dbapi, pgwire-1.0-embedded/,
    )
    expect(() => parseOptions(['--bogus'], NAMES)).toThrow(UsageError)
  })
})
