import { expect } from 'vitest'
import { SimError } from '../../src/engine/types.js'
import { translate } from '../../src/translate/index.js'
import type { Plan, RunPlan, TranslateOptions } from '../../src/translate/plan.js'

export const iris: TranslateOptions = {
  profile: 'iris',
  irisVersion: [2025, 1],
  protocol: 'simple',
}
export const pgwire: TranslateOptions = {
  profile: 'pgwire-1.0-dbapi',
  irisVersion: [2025, 1],
  protocol: 'simple',
}

export function plans(sql: string, options: Partial<TranslateOptions> = {}): Plan[] {
  return translate(sql, { ...iris, ...options })
}

/** The single run plan of `sql`. */
export function run(sql: string, options: Partial<TranslateOptions> = {}): RunPlan {
  const [plan, ...rest] = plans(sql, options)
  expect(rest).toEqual([])
  if (plan?.type !== 'run') throw new Error(`expected a run plan, got ${plan?.type}`)
  return plan
}

export function sqlOf(sql: string, options: Partial<TranslateOptions> = {}): string {
  return run(sql, options).sql
}

/** Asserts `sql` is rejected with an IRIS error of `sqlcode` (docs/iris-sql.md#errors-and-sqlcodes). */
export function expectRejected(
  sql: string,
  sqlcode: number,
  options: Partial<TranslateOptions> = {},
): SimError {
  let caught: unknown
  try {
    plans(sql, options)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(SimError)
  const error = caught as SimError
  expect(error.sqlcode).toBe(sqlcode)
  expect(error.fields.code).toBe('42000')
  expect(error.fields.message).toMatch(new RegExp(`^\\[SQLCODE: <${sqlcode}>:<[^>]+>\\]`))
  return error
}
