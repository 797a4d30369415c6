/**
 * IRIS's CREATE INDEX lists column names, each with ASC or DESC at most, and an index takes each
 * column's own collation (docs/iris-sql.md#create-and-drop): an index on an expression, which
 * Kysely's `expression()` writes, is not IRIS DDL.
 */
import { ColumnNode, type OperationNode, OrderByItemNode, ReferenceNode } from 'kysely'

function isColumnName(node: OperationNode): boolean {
  if (ColumnNode.is(node)) return true
  return ReferenceNode.is(node) && node.table === undefined && ColumnNode.is(node.column)
}

/** True for an index item IRIS takes: a column name, maybe with a direction. */
export function isIndexColumn(node: OperationNode): boolean {
  if (isColumnName(node)) return true
  return (
    OrderByItemNode.is(node) &&
    isColumnName(node.orderBy) &&
    node.nulls === undefined &&
    node.collation === undefined
  )
}
