import type { OperationNode, ParensNode, ValueNode } from 'kysely'

/**
 * Nodes that are values, never predicates. IRIS has no boolean expressions: a predicate is not a
 * value and a value (a BIT column, `CASE ... END`, `1`) is not a condition
 * (docs/iris-sql.md#booleans), so a value used as a condition is compared with 1.
 */
const VALUE_KINDS = new Set([
  'ValueNode',
  'ReferenceNode',
  'ColumnNode',
  'CaseNode',
  'FunctionNode',
  'AggregateFunctionNode',
  'CastNode',
  'SelectQueryNode',
])

/** Leaves that need no parentheses before `= 1`. */
const LEAF_VALUE_KINDS = new Set(['ValueNode', 'ReferenceNode', 'ColumnNode'])

/** True when `node` is a value, not a predicate (parentheses looked through). */
export function isValueExpression(node: OperationNode): boolean {
  if (node.kind === 'ParensNode') return isValueExpression((node as ParensNode).node)
  return VALUE_KINDS.has(node.kind)
}

/** True when `node` is a value that can stand before `= 1` without parentheses. */
export function isLeafValue(node: OperationNode): boolean {
  return LEAF_VALUE_KINDS.has(node.kind)
}

/** The boolean of an `is true` / `is false` operand, else undefined. */
export function booleanOperand(node: OperationNode): boolean | undefined {
  if (node.kind !== 'ValueNode') return undefined
  const { value } = node as ValueNode
  return typeof value === 'boolean' ? value : undefined
}
