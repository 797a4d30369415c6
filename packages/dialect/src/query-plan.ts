import {
  type CompiledQuery,
  type InsertQueryNode,
  type QueryId,
  RawNode,
  type RootOperationNode,
  type ValuesNode,
} from 'kysely'
import { type RowKeys, rowKeysOf, type SelectedNames, selectedNames } from './result-labels.js'
import { rowRuns } from './row-runs.js'

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
  /**
   * For a multi-row `insertInto().values([...])` whose rows name different columns (or none): the
   * INSERTs the connection sends instead, one per run of rows naming the same columns
   * (./row-runs.ts). Undefined for every other query.
   */
  readonly rowRuns: readonly InsertQueryNode[] | undefined
}

const CHANGES_COLUMNS = new Set([
  'CreateTableNode',
  'AlterTableNode',
  'DropTableNode',
  'CreateViewNode',
  'DropViewNode',
])

/** The plan of a query compiled from `node`. */
export function planQuery(node: RootOperationNode, vidPaged: boolean): IrisQueryPlan {
  const insert = node as InsertQueryNode
  const values =
    insert.kind === 'InsertQueryNode' && insert.values?.kind === 'ValuesNode'
      ? (insert.values as ValuesNode)
      : undefined
  const rows = values?.values.length ?? 0
  const runs = values === undefined ? undefined : rowRuns(insert)
  const selected = selectedNames(node)
  return Object.freeze({
    selected,
    vidPaged,
    rowKeys: rowKeysOf(selected, vidPaged),
    changesColumns: CHANGES_COLUMNS.has(node.kind),
    insertsOneRow: rows === 1 && !insert.replace,
    rowRuns: runs !== undefined && runs.length > 1 ? runs : undefined,
  })
}

/**
 * A compiled query carrying its plan, as the compiler hands it on: the plan is a private field,
 * invisible to equality, and a copy of the query (e.g. a spread) does not carry it. The plan is
 * worked out when first asked for, so that a query only compiled (`compile()`, e.g. for its SQL
 * text) costs none; the node it is read from is frozen, so it is the same plan whenever it is made.
 */
class PlannedQuery implements CompiledQuery {
  readonly query: RootOperationNode
  readonly queryId: QueryId
  readonly sql: string
  readonly parameters: readonly unknown[]
  readonly #vidPaged: boolean
  #plan: IrisQueryPlan | undefined

  constructor(compiled: CompiledQuery, vidPaged: boolean) {
    this.query = compiled.query
    this.queryId = compiled.queryId
    this.sql = compiled.sql
    this.parameters = compiled.parameters
    this.#vidPaged = vidPaged
    // Freezing leaves private fields writable: the plan can still be filled in.
    Object.freeze(this)
  }

  static planOf(query: CompiledQuery): IrisQueryPlan | undefined {
    if (!(#plan in query)) return undefined
    query.#plan ??= planQuery(query.query, query.#vidPaged)
    return query.#plan
  }
}

/**
 * `compiled` carrying its plan, as the compiler hands it on; `vidPaged`: the compiler wrote the
 * trailing `%VID` column of a root `%VID` page (docs/iris-sql.md#vid-paging).
 */
export function withPlan(compiled: CompiledQuery, vidPaged: boolean): CompiledQuery {
  return new PlannedQuery(compiled, vidPaged)
}

/**
 * Whether the IRIS compiler wrote `query`. Statements built elsewhere (the driver's BEGIN, COMMIT
 * and savepoints, `CompiledQuery.raw`) are not worth a prepared statement and run unnamed.
 */
export function compiledByIris(query: CompiledQuery): boolean {
  return query instanceof PlannedQuery
}

/**
 * The plan of every raw statement (`CompiledQuery.raw`, e.g. the driver's transaction statements):
 * it selects nothing by name, so its rows are keyed by their labels.
 */
const RAW_PLAN = planQuery(RawNode.createWithSql(''), false)

/**
 * The plan of a compiled query: the one its compiler attached, else (a query compiled elsewhere,
 * e.g. a copy) one worked out now, without `%VID` paging, which only this compiler writes.
 */
export function planOf(query: CompiledQuery): IrisQueryPlan {
  return (
    PlannedQuery.planOf(query) ??
    (query.query.kind === 'RawNode' ? RAW_PLAN : planQuery(query.query, false))
  )
}
