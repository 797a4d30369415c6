/**
 * Runs a results-level suite once per profile, so every profile is tested
 * (docs/iris-sql.md#simulator-profiles).
 * Each suite shares one sim per profile: `setup()` returns it for the tests.
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe } from 'vitest'
import type { Profile } from '../../src/index.js'
import type { SimOptions } from '../../src/options.js'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'

export const PROFILES: readonly Profile[] = ['iris', 'pgwire-1.0-dbapi', 'pgwire-1.0-embedded']

export interface ProfileSuite {
  profile: Profile
  sim: () => TestSim
}

/** `describe` per profile, each with its own sim (options + profile), stopped after the suite. */
export function describeEachProfile(
  name: string,
  options: SimOptions,
  body: (suite: ProfileSuite) => void,
  profiles: readonly Profile[] = PROFILES,
): void {
  describe.each(profiles)(`${name} [profile %s]`, (profile) => {
    let sim: TestSim | undefined
    beforeAll(async () => {
      sim = await startTestSim({ ...options, profile })
    })
    afterAll(() => sim?.close())
    body({
      profile,
      sim: () => {
        if (!sim) throw new Error('sim not started')
        return sim
      },
    })
  })
}

/** The IRIS SQLCODE carried by an error (docs/iris-sql.md#error-format), or undefined. */
export function sqlcodeOf(error: unknown): number | undefined {
  const message = (error as { message?: unknown })?.message
  const match = typeof message === 'string' ? /\[SQLCODE: <(-?\d+)>/.exec(message) : null
  return match ? Number(match[1]) : undefined
}

/** Runs a query expected to fail; returns the error (fails the test if it succeeds). */
export async function failure(
  client: pg.Client | pg.Pool,
  sql: string,
  params: unknown[] = [],
): Promise<Error & { code?: string }> {
  try {
    await client.query(sql, params)
  } catch (error) {
    return error as Error & { code?: string }
  }
  throw new Error(`expected ${sql} to fail`)
}
