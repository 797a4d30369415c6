/**
 * `INSERT OR UPDATE` (docs/iris-sql.md#upsert): for each row, update the row that ANY unique key
 * (primary key included) matches with the given values, else insert it. Each row is one PostgreSQL
 * MERGE, so a later row sees what an earlier one wrote, and the rows of one statement run as one
 * atomic step. A key can only match when the statement gives all its columns; NULL never matches.
 * Comparisons use the columns' own collations, so string keys match case-insensitively
 * (docs/iris-sql.md#collation). LAST_IDENTITY afterwards is the identity of the row inserted or
 * updated (docs/iris-sql.md#upsert).
 */
import { irisError } from '../translate/iris-error.js'
import { quoteIdentifier } from '../translate/names.js'
import type { UpsertPlan } from '../translate/plan.js'
import type { BackendStatement } from './backend.js'
import { qualifiedName, type TableShape } from './table-info.js'
import type { ParameterValue } from './types.js'

/**
 * Renumbers the `$n` of one row's expressions from 1 and returns the parameters they use, so each
 * row's statement binds exactly its own. String literals and quoted identifiers are left alone.
 */
function ownParameters(
  expressions: string[],
  params: readonly ParameterValue[],
): { sql: string[]; params: ParameterValue[] } {
  const numbering = new Map<number, number>()
  const used: ParameterValue[] = []
  const sql = expressions.map((expression) =>
    expression.replace(
      /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g,
      (match, digits: string | undefined) => {
        if (digits === undefined) return match
        const original = Number(digits)
        let renumbered = numbering.get(original)
        if (renumbered === undefined) {
          used.push(params[original - 1] ?? null)
          renumbered = used.length
          numbering.set(original, renumbered)
        }
        return `$${renumbered}`
      },
    ),
  )
  return { sql, params: used }
}

/** One MERGE per row; each returns the identity column when the table has one (for LAST_IDENTITY, docs/iris-sql.md#returning-and-last_identity). */
export function upsertStatements(
  plan: UpsertPlan,
  shape: TableShape,
  params: readonly ParameterValue[],
): BackendStatement[] {
  for (const column of plan.columns) {
    if (!shape.columnTypes.has(column))
      throw irisError(
        -29,
        `column ${column} does not exist in ${plan.target.schema}.${plan.target.name}`,
      )
  }
  const given = new Set(plan.columns)
  const keys = shape.uniqueKeys.filter((key) => key.every((column) => given.has(column)))
  const match =
    keys.length === 0
      ? 'false'
      : keys
          .map(
            (key) =>
              `(${key.map((c) => `t.${quoteIdentifier(c)} = v.${quoteIdentifier(c)}`).join(' and ')})`,
          )
          .join(' or ')
  const columns = plan.columns.map(quoteIdentifier)
  const assignments = columns.map((c) => `${c} = v.${c}`).join(', ')
  const returning = shape.identityColumn
    ? ` returning t.${quoteIdentifier(shape.identityColumn)}`
    : ''
  return plan.rows.map((row) => {
    if (row.length !== plan.columns.length)
      throw irisError(
        -1,
        `INSERT OR UPDATE gives ${row.length} values for ${plan.columns.length} columns`,
      )
    const own = ownParameters(row, params)
    const values = own.sql.map(
      (expression, i) =>
        `cast(${expression} as ${shape.columnTypes.get(plan.columns[i] as string)}) as ${columns[i]}`,
    )
    return {
      sql:
        `merge into ${qualifiedName(plan.target)} as t using (select ${values.join(', ')}) as v on ${match}` +
        ` when matched then update set ${assignments}` +
        ` when not matched then insert (${columns.join(', ')}) values (${columns.map((c) => `v.${c}`).join(', ')})${returning}`,
      params: own.params,
    }
  })
}
