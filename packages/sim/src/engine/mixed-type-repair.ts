/**
 * A string and a number in one CASE or set operation (docs/iris-sql.md#implicit-conversion): IRIS
 * gives VARCHAR, PostgreSQL refuses the mix; a number replacing a string in NVL or ISNULL: IRIS
 * converts it to VARCHAR, PostgreSQL finds no function (translate/nvl.ts). On that refusal only,
 * the statement is rewritten through translate/varchar-repair.ts and prepared again; the session
 * keeps the rewritten plan in the plan cache, so a statement text pays for it once, and one that
 * does not mix never.
 */
import { STRING_TYPE } from '../catalog/metadata.js'
import { NVL_MISMATCH } from '../translate/nvl.js'
import type { RunPlan } from '../translate/plan.js'
import { varcharRepair } from '../translate/varchar-repair.js'
import type { PgError } from './backend.js'
import { typeMixOf } from './error-mapping.js'
import { NUMBER_TYPES } from './string-arithmetic.js'

/** How many constructs of one statement are rewritten at most, one per attempt. */
export const MAX_REPAIRS = 16

/** PostgreSQL's names of the string types, as its type-mix error prints them. */
const STRING_TYPES = new Set(['text', 'character varying', 'character', STRING_TYPE])

const isStringAndNumber = ([first, second]: readonly [string, string]) =>
  (STRING_TYPES.has(first) && NUMBER_TYPES.includes(second)) ||
  (NUMBER_TYPES.includes(first) && STRING_TYPES.has(second))

/** The construct a string-and-number refusal names (`CASE`, `UNION`, `NVL` ...), or undefined. */
function stringNumberMix(error: PgError): string | undefined {
  const mix = typeMixOf(error)
  if (mix) return isStringAndNumber(mix.types) ? mix.construct : undefined
  const nvl = error.code === '42883' ? NVL_MISMATCH.exec(error.message) : null
  const [, , checked = '', replacement = ''] = nvl ?? []
  return STRING_TYPES.has(checked) && NUMBER_TYPES.includes(replacement) ? 'NVL' : undefined
}

/** The plan with the construct `error` names written as VARCHAR, or undefined for any other error. */
export function varcharRepaired(plan: RunPlan, error: PgError): RunPlan | undefined {
  const construct = stringNumberMix(error)
  if (construct === undefined || error.position === undefined) return undefined
  const sql = varcharRepair(plan.sql, construct, error.position)
  return sql === undefined ? undefined : { ...plan, sql }
}
