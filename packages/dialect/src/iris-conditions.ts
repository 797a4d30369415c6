import {
  type BinaryOperationNode,
  COMPARISON_OPERATORS,
  type OperationNode,
  OperatorNode,
  type ParensNode,
  type UnaryOperationNode,
  type ValueNode,
} from 'kysely'
import { IrisUnsupportedError } from './errors.js'

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

/** Operators whose result is a condition (Kysely's comparisons, BETWEEN, NOT, EXISTS). */
const PREDICATE_OPERATORS = new Set<string>([
  ...COMPARISON_OPERATORS,
  'between',
  'between symmetric',
  'not',
  'exists',
  'not exists',
])

/** True when `node` is a predicate, which IRIS cannot use as a value (parentheses looked through). */
export function isPredicate(node: OperationNode): boolean {
  switch (node.kind) {
    case 'ParensNode':
      return isPredicate((node as ParensNode).node)
    case 'AndNode':
    case 'OrNode':
      return true
    case 'BinaryOperationNode':
    case 'UnaryOperationNode': {
      const { operator } = node as BinaryOperationNode | UnaryOperationNode
      return OperatorNode.is(operator) && PREDICATE_OPERATORS.has(operator.operator)
    }
    default:
      return false
  }
}

/**
 * Throws when `node`, written where a value goes (`place`: an operator's operand, a function's
 * argument, a CASE result, a SET value, a list item), is a predicate: IRIS refuses
 * `(a = 1) = (b = 2)`, `a = 1 IS NULL`, `COALESCE(a = 1, 0)` (docs/iris-sql.md#booleans).
 */
export function refuseConditionAsValue(node: OperationNode | undefined, place: string): void {
  if (node !== undefined && isPredicate(node)) throw conditionAsValueError(place)
}

/**
 * The error for a condition written where a value goes. Call sites whose `place` names the
 * operator or function test `isPredicate` first, so that the hot path builds no message.
 */
export function conditionAsValueError(place: string): IrisUnsupportedError {
  return new IrisUnsupportedError(
    `a condition as ${place} is not IRIS SQL, where conditions are not values: use the condition itself where a condition goes, or its value as a CASE: eb.case().when(condition).then(1).else(0).end()`,
  )
}
