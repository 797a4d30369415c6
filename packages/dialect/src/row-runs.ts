import {
  type InsertQueryNode,
  type OperationNode,
  OperationNodeTransformer,
  type SelectQueryNode,
  ValueListNode,
  type ValuesItemNode,
  ValuesNode,
} from 'kysely'
import { IrisUnsupportedError } from './errors.js'

/**
 * A multi-row insert whose rows name different columns, as Kysely builds it (a column a row lacks
 * is a DEFAULT), runs as one INSERT per run of consecutive rows naming the same columns, each
 * listing only those columns, so that no DEFAULT is sent: IRIS's INSERT takes scalar expressions
 * only (docs/iris-sql.md#insert-update-and-delete, docs/iris-sql.md#multi-row-inserts). A row
 * naming no column is an INSERT ... DEFAULT VALUES of its own.
 */

/** The columns a row names: every one, none, or the positions it gives a value for. */
type NamedColumns = string

const EVERY_COLUMN: NamedColumns = '*'
const NO_COLUMN: NamedColumns = ''

function namedColumns(row: ValuesItemNode): NamedColumns {
  if (row.values.length === 0) return NO_COLUMN
  if (row.kind === 'PrimitiveValueListNode' || !row.values.some(isDefault)) return EVERY_COLUMN
  return row.values.flatMap((value, i) => (isDefault(value) ? [] : [i])).join()
}

function isDefault(value: OperationNode): boolean {
  return value.kind === 'DefaultInsertValueNode'
}

/**
 * The INSERTs that write `node`'s rows in order: `[node]` itself when every row names every column.
 * Each run of rows naming the same columns is one INSERT of those columns; each row naming none
 * is one `INSERT ... DEFAULT VALUES`.
 */
export function rowRuns(node: InsertQueryNode): InsertQueryNode[] {
  const values = node.values
  if (values?.kind !== 'ValuesNode') return [node]
  const rows = (values as ValuesNode).values
  if (!rows.some((row) => namedColumns(row) !== EVERY_COLUMN)) return [node]
  const runs: InsertQueryNode[] = []
  let start = 0
  while (start < rows.length) {
    const named = namedColumns(rows[start] as ValuesItemNode)
    let end = start + 1
    while (
      end < rows.length &&
      named !== NO_COLUMN &&
      namedColumns(rows[end] as ValuesItemNode) === named
    )
      end++
    runs.push(runOf(node, rows.slice(start, end), named))
    start = end
  }
  return runs
}

function runOf(
  node: InsertQueryNode,
  rows: readonly ValuesItemNode[],
  named: NamedColumns,
): InsertQueryNode {
  if (named === NO_COLUMN) {
    return { ...node, columns: undefined, values: undefined, defaultValues: true }
  }
  if (named === EVERY_COLUMN) return { ...node, values: ValuesNode.create(rows) }
  const first = rows[0] as ValueListNode
  const kept = (_: unknown, i: number) => !isDefault(first.values[i] as OperationNode)
  return {
    ...node,
    columns: node.columns?.filter(kept),
    values: ValuesNode.create(
      rows.map((row) => ValueListNode.create((row as ValueListNode).values.filter(kept))),
    ),
  }
}

/**
 * Refuses a row-run insert that would not do what its one statement would: as separate INSERTs,
 * a subquery in a later run sees the rows the earlier runs inserted, and INSERT OR UPDATE leaves a
 * column a row lacks unchanged on a row it updates, where Kysely means the column's default.
 * Raw `sql` fragments are not read.
 */
export function checkRowRuns(node: InsertQueryNode): void {
  if (node.replace) {
    throw new IrisUnsupportedError(
      'replaceInto() rows that name different columns are refused: kysely-iris would send one INSERT OR UPDATE per run of rows naming the same columns, which on a row it updates leaves a column the row lacks unchanged rather than setting its default; give every row the same columns (null, or the default value, where a row has none)',
    )
  }
  if (readsAQuery(node.values as OperationNode)) {
    throw new IrisUnsupportedError(
      'insert rows that name different columns and hold a subquery are refused: kysely-iris sends one INSERT per run of rows naming the same columns, and a subquery in a later one would see the rows the earlier ones inserted; give every row the same columns (null, or the default value, where a row has none), or insert the rows with a subquery on their own',
    )
  }
}

/** Whether a subquery is anywhere under `node`: split into statements, a later one would see the rows earlier ones inserted. */
export function readsAQuery(node: OperationNode): boolean {
  const finder = new QueryFinder()
  finder.transformNode(node)
  return finder.found
}

/** Finds a subquery anywhere under a node (CTEs are already derived tables: ./inline-ctes.ts). */
class QueryFinder extends OperationNodeTransformer {
  found = false

  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    this.found = true
    return node
  }
}
