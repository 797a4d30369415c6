import type { AggregateFunctionNode, OperationNode } from 'kysely'
import { IrisUnsupportedError } from './errors.js'

/**
 * The functions IRIS documents with OVER (docs/iris-sql.md#window-functions): the window functions
 * and five aggregates. Kysely's over() builder writes `fn(...) over(partition by ... order by ...)`,
 * which IRIS takes for these alone.
 */
const WINDOW_FUNCTIONS = new Set([
  'row_number',
  'rank',
  'dense_rank',
  'percent_rank',
  'cume_dist',
  'ntile',
  'lag',
  'lead',
  'first_value',
  'last_value',
  'nth_value',
  'avg',
  'count',
  'max',
  'min',
  'sum',
])

/**
 * The nodes that place a window: a select item takes one, the other clauses and statements do not
 * (docs/iris-sql.md#window-functions).
 */
const PLACES = new Set([
  'SelectionNode',
  'WhereNode',
  'HavingNode',
  'OnNode',
  'GroupByNode',
  'OrderByNode',
  'OverNode',
  'ValuesNode',
  'ColumnUpdateNode',
  'SelectQueryNode',
  'InsertQueryNode',
  'UpdateQueryNode',
  'DeleteQueryNode',
  'MergeQueryNode',
])

/** Where IRIS would refuse a window, said for the message. */
const PLACE_NAMES: Readonly<Record<string, string>> = {
  WhereNode: 'where()',
  HavingNode: 'having()',
  OnNode: 'a join condition',
  GroupByNode: 'groupBy()',
  OrderByNode: 'an orderBy()',
  OverNode: "another window's over()",
  ValuesNode: 'values()',
  ColumnUpdateNode: 'set()',
}

/**
 * Refuses `node.over(...)` where IRIS documents no window: on an aggregate other than AVG, COUNT,
 * MAX, MIN and SUM, or outside a select list. `ancestors` are the nodes around `node`, outermost
 * first.
 */
export function refuseUndocumentedWindow(
  node: AggregateFunctionNode,
  ancestors: readonly OperationNode[],
): void {
  if (!WINDOW_FUNCTIONS.has(node.func.toLowerCase())) {
    throw new IrisUnsupportedError(
      `${node.func}(...).over() is not IRIS SQL: IRIS documents OVER for ${[...WINDOW_FUNCTIONS].join(', ')} only; compute ${node.func} per group in a derived table and join it back`,
    )
  }
  const place = ancestors.findLast((ancestor) => PLACES.has(ancestor.kind))
  if (place?.kind !== 'SelectionNode') {
    throw new IrisUnsupportedError(
      `${node.func}(...).over() in ${PLACE_NAMES[place?.kind ?? ''] ?? 'this statement'} is not IRIS SQL, which documents windows in a select list; select it with an alias in a subquery, and filter or sort on that alias outside`,
    )
  }
}
