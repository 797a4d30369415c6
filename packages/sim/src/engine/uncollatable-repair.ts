/**
 * A chain of `||` the translator collates EXACT (translate/concatenation.ts,
 * docs/iris-sql.md#collation) whose value is bytes (`VARBINARY || ?`): bytes take no collation, and
 * PostgreSQL refuses the COLLATE ("collations are not supported by type bytea", at the COLLATE).
 * On that refusal only, the collation is dropped and the statement prepared again; the session
 * keeps the rewritten plan in the plan cache, so a statement text pays for it once, and a string
 * chain never.
 */
import { withoutCollationAt } from '../translate/concatenation.js'
import type { RunPlan } from '../translate/plan.js'
import type { PgError } from './backend.js'

const UNCOLLATABLE = /^collations are not supported by type /

/** The plan without the collation `error` points at, or undefined for any other error. */
export function uncollatedRepaired(plan: RunPlan, error: PgError): RunPlan | undefined {
  if (error.code !== '42804' || error.position === undefined) return undefined
  if (!UNCOLLATABLE.test(error.message)) return undefined
  const sql = withoutCollationAt(plan.sql, error.position)
  return sql === undefined ? undefined : { ...plan, sql }
}
