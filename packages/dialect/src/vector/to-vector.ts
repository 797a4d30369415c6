import { type Expression, isExpression, type RawBuilder, sql } from 'kysely'
import {
  toVectorText,
  type VectorElementType,
  type VectorTextOptions,
  type VectorValues,
} from './vector-text.js'

/** A vector as the helpers take it: values to send, or an expression (another vector column, a `toVector`). */
export type VectorOperand = VectorValues | Expression<unknown>

/**
 * `TO_VECTOR($n, float)`: the vector travels as one text parameter, the element type is written
 * lower case because iris-pgwire rewrites an upper-case `DOUBLE` in parameterized SQL
 * (docs/iris-sql.md#the-double-rewrite, docs/iris-sql.md#to_vector). Invalid vectors throw
 * {@link IrisInputError} here, before anything is sent.
 *
 * @param options the element type (`'float'` by default, `'double'`, …) or `{ elementType, dimensions }`.
 */
export function toVector(
  values: VectorValues,
  options: VectorElementType | VectorTextOptions = 'float',
): RawBuilder<string> {
  const textOptions = typeof options === 'string' ? { elementType: options } : options
  const text = toVectorText(values, textOptions)
  // toVectorText has checked the element type against the fixed list, so it is safe as SQL text.
  return sql<string>`TO_VECTOR(${text}, ${sql.raw(textOptions.elementType ?? 'float')})`
}

/** An expression operand as given; values become `TO_VECTOR($n, type)`. */
export function vectorOperand(
  vector: VectorOperand,
  options: VectorTextOptions = {},
): Expression<unknown> {
  return isExpression(vector) ? vector : toVector(vector as VectorValues, options)
}
