import type { CompiledQuery, InsertQueryNode, RootOperationNode } from 'kysely'
import { type RowKeys, rowKeysOf, type SelectedNames, selectedNames } from './result-labels.js'

/**
 * What the connection needs to know of a compiled query to run it and key its rows, worked out
 * once, by the compiler, from the node it compiled: the connection never walks the query tree.
 */
export interface IrisQueryPlan {
  /** The row keys the select list names (docs/iris-sql.md#iris-pgwire-result-quirks). */
  readonly selected: SelectedNames
  /** The last result column is `%VID`, which the connection drops (docs/iris-sql.md#vid-paging). */
  readonly vidPaged: boolean
  /** Whether pg's own row objects, keyed by the result labels, can be the rows (./result-labels.ts). */
  readonly rowKeys: RowKeys
  /** After this statement a table's columns may differ: the cached names behind `*` are stale. */
  readonly changesColumns: boolean
  /**
   * A single-row `insertInto().values()`, after which `LAST_IDENTITY()` names its row
   * (docs/iris-sql.md#returning-and-last_identity).
   */
  readonly insertsOneRow: boolean
  /** A multi-row `insertInto().values([...])`, which the connection may split into chunks. */
  readonly insertsRows: boolean
}

const CHANGES_COLUMNS = new Set([
  'CreateTableNode',
  'AlterTableNode',
  'DropTableNode',
  'CreateViewNode',
  'DropViewNode',
])

/** Where the plan rides on its compiled query: a non-enumerable key, invisible to equality. */
const PLAN = Symbol('kysely-iris query plan')

/** The plan of a query compiled from `node`. */
export function planQuery(node: RootOperationNode, vidPaged: boolean): IrisQueryPlan {
  const insert = node as InsertQueryNode
  const rows =
    insert.kind === 'InsertQueryNode' && insert.values?.kind === 'ValuesNode'
      ? (insert.values as unknown as { values: readonly unknown[] }).values.length
      : 0
  const selected = selectedNames(node)
  return Object.freeze({
    selected,
    vidPaged,
    rowKeys: rowKeysOf(selected, vidPaged),
    changesColumns: CHANGES_COLUMNS.has(node.kind),
    insertsOneRow: rows === 1 && !insert.replace,
    insertsRows: rows > 0,
  })
}

/** `compiled` carrying `plan`, as the compiler hands it on. */
export function withPlan(compiled: CompiledQuery, plan: IrisQueryPlan): CompiledQuery {
  const carrier = { ...compiled }
  Object.defineProperty(carrier, PLAN, { value: plan })
  return Object.freeze(carrier)
}

/**
 * Whether the IRIS compiler wrote `query`. Statements built elsewhere (the driver's BEGIN, COMMIT
 * and savepoints, `CompiledQuery.raw`) are not worth a prepared statement and run unnamed.
 */
export function compiledByIris(query: CompiledQuery): boolean {
  return PLAN in query
}

/**
 * The plan of a compiled query: the one its compiler attached, else (a query compiled elsewhere,
 * e.g. a copy) one worked out now, without `%VID` paging, which only this compiler writes.
 */
export function planOf(query: CompiledQuery): IrisQueryPlan {
  return (query as { [PLAN]?: IrisQueryPlan })[PLAN] ?? planQuery(query.query, false)
}
