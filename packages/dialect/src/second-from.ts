/**
 * IRIS's second FROM in DELETE and UPDATE (docs/iris-sql.md#delete-and-update-with-a-second-from).
 * Kysely's `deleteFrom(t).using(u)` is written `DELETE FROM t FROM u`, and `updateTable(t).from(u)`
 * as it is. Where a table of that FROM is the table written again, IRIS's alias rules can make it
 * the row written rather than the second instance PostgreSQL reads (or, for UPDATE, IRIS does not
 * say), so those are refused here, before anything is sent.
 */
import {
  AliasNode,
  type DeleteQueryNode,
  IdentifierNode,
  type OperationNode,
  RawNode,
  TableNode,
  type UpdateQueryNode,
} from 'kysely'
import { IrisUnsupportedError } from './errors.js'

/** A table of a DELETE or UPDATE as the statement names it; no name for a derived table. */
interface Named {
  schema?: string
  name?: string
  alias?: string
  /** Raw SQL, whose table kysely-iris cannot read. */
  raw: boolean
}

function named(node: OperationNode): Named {
  const aliased = AliasNode.is(node) ? node : undefined
  const inner = aliased ? aliased.node : node
  const alias =
    aliased && IdentifierNode.is(aliased.alias) ? aliased.alias.name.toLowerCase() : undefined
  if (!TableNode.is(inner)) return { alias, raw: RawNode.is(inner) }
  const { schema, identifier } = inner.table
  return {
    schema: schema?.name.toLowerCase(),
    name: identifier.name.toLowerCase(),
    alias,
    raw: false,
  }
}

/** IRIS names are case-insensitive; `public` is IRIS's default schema, as is no schema at all. */
function schemaOf(table: Named): string | undefined {
  return table.schema === 'public' ? 'sqluser' : table.schema
}

function sameTable(a: Named, b: Named): boolean {
  if (a.name === undefined || a.name !== b.name) return false
  const [schemaA, schemaB] = [schemaOf(a), schemaOf(b)]
  return schemaA === undefined || schemaB === undefined || schemaA === schemaB
}

function quoted(table: Named): string {
  return `'${table.schema ? `${table.schema}.` : ''}${table.name}'`
}

/** The tables of the second FROM: `using()` or `from()`, and the joins after it. */
function secondFrom(
  tables: readonly OperationNode[],
  joins: DeleteQueryNode['joins'],
  what: string,
): Named[] {
  const all = [...tables, ...(joins ?? []).map((join) => join.table)].map(named)
  if (all.some((table) => table.raw)) {
    throw new IrisUnsupportedError(
      `raw SQL in ${what} hides whether it names the table written again, which IRIS reads by its own alias rules; list the tables by name`,
    )
  }
  return all
}

/** Refuses a DELETE whose second FROM IRIS would read otherwise than PostgreSQL reads USING. */
export function checkDeleteSecondFrom(node: DeleteQueryNode): void {
  const { froms } = node.from
  if (froms.length !== 1) {
    throw new IrisUnsupportedError(
      'IRIS deletes from one table per DELETE; pass deleteFrom() one table and name the others in using()',
    )
  }
  if (!node.using) {
    if (node.joins) {
      throw new IrisUnsupportedError(
        'a join in DELETE needs the tables it joins in using(): deleteFrom(t).using(u).innerJoin(v, ...)',
      )
    }
    return
  }
  // Read only here: most DELETEs have no second FROM to compare the target with.
  const target = named(froms[0] as OperationNode)
  const again = secondFrom(node.using.tables, node.joins, 'using()').find(
    (table) => sameTable(table, target) && (!target.alias || table.alias === target.alias),
  )
  if (again) {
    throw new IrisUnsupportedError(
      `using() names ${quoted(target)} again: with the target unaliased, or under the target's own alias, IRIS can read that as the row being deleted rather than the second instance PostgreSQL's USING joins; alias the target, deleteFrom('${target.name} as x'), to join the table with itself`,
    )
  }
}

/** Refuses an UPDATE whose FROM names the table updated again, which IRIS does not define. */
export function checkUpdateSecondFrom(node: UpdateQueryNode): void {
  if (!node.table || !node.from) return
  const target = named(node.table)
  if (secondFrom(node.from.froms, node.joins, 'from()').some((table) => sameTable(table, target))) {
    throw new IrisUnsupportedError(
      `from() names ${quoted(target)}, the table being updated, again: IRIS does not document whether that is the updated row or a second instance; filter with where(... in subquery) or whereExists() instead`,
    )
  }
}
