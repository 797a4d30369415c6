import {
  AndNode,
  BinaryOperationNode,
  type OperationNode,
  OperatorNode,
  OrNode,
  ParensNode,
  TupleNode,
  UnaryOperationNode,
  ValueListNode,
} from 'kysely'
import { IrisInputError, IrisUnsupportedError } from './errors.js'

/**
 * IRIS's IN compares one scalar expression with a list or a one-column subquery
 * (docs/iris-sql.md#operators), so `(a, b) [NOT] IN ((1, 2), (3, 4))` is written as what the row
 * comparison means: `(a = 1 and b = 2) or (a = 3 and b = 4)`, negated for NOT IN, with the same
 * result when a value is NULL. A tuple against a subquery has no such form and is refused.
 */
export function tupleInCondition(
  left: TupleNode,
  list: OperationNode,
  isIn: boolean,
): OperationNode {
  if (!ValueListNode.is(list) || !list.values.every(TupleNode.is)) {
    throw new IrisUnsupportedError(
      `a tuple ${isIn ? 'in' : 'not in'} a subquery is not IRIS SQL, whose IN compares a single value; compare one column with 'in' (a one-column subquery), or use exists() with the columns compared in its where`,
    )
  }
  const rows = list.values.map((row) => {
    if (row.values.length !== left.values.length) {
      throw new IrisInputError(
        `a tuple of ${left.values.length} values cannot be compared with a tuple of ${row.values.length}; give every tuple in the list ${left.values.length} values`,
      )
    }
    const equalities = row.values.map((value, i) =>
      BinaryOperationNode.create(left.values[i]!, OperatorNode.create('='), value),
    )
    return ParensNode.create(joined(equalities, AndNode.create))
  })
  const anyRow = ParensNode.create(joined(rows, OrNode.create))
  return isIn ? anyRow : UnaryOperationNode.create(OperatorNode.create('not'), anyRow)
}

/** The nodes joined left to right (`a and b and c`); the caller's list is never empty. */
function joined(
  nodes: readonly OperationNode[],
  join: (left: OperationNode, right: OperationNode) => OperationNode,
): OperationNode {
  return nodes.slice(1).reduce(join, nodes[0]!)
}
