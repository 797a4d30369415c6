/**
 * The SELECTs of one set operation (UNION, INTERSECT, EXCEPT), parenthesised operands included:
 * column k of each gives the set operation's column k its data type, by precedence on IRIS
 * (docs/iris-sql.md#implicit-conversion).
 */
import type { TokenRange } from './case-results.js'
import {
  inSetOperation,
  itemExpression,
  SET_OPERATORS,
  selectEnd,
  selectListItems,
} from './select-parts.js'
import {
  closingParen,
  isPunct,
  isTrivia,
  isWord,
  nextSignificant,
  openingParen,
  previousSignificant,
  type Token,
} from './tokenizer.js'

const isSetOperator = (token: Token | undefined) =>
  SET_OPERATORS.some((word) => isWord(token, word))

/** True when the `(` at `open` holds an operand of a set operation. */
function isOperandParen(tokens: readonly Token[], open: number): boolean {
  let before = previousSignificant(tokens, open - 1)
  if (isWord(tokens[before], 'ALL') || isWord(tokens[before], 'DISTINCT'))
    before = previousSignificant(tokens, before - 1)
  const after = tokens[nextSignificant(tokens, closingParen(tokens, open) + 1)]
  return isSetOperator(tokens[before]) || isSetOperator(after)
}

/**
 * The SELECTs of the operands from `first` on, at `depth`, up to the end of that depth: an operand
 * is a parenthesised query or runs to its first SELECT (`WITH ... SELECT`, `INSERT ... SELECT`).
 */
function operandSelects(tokens: readonly Token[], first: number, depth: number): number[] {
  const selects: number[] = []
  let state: 'start' | 'seeking' | 'found' = 'start'
  for (let i = first; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (token.depth < depth) break
    if (token.depth !== depth || isTrivia(token)) continue
    if (isSetOperator(token)) {
      state = 'start'
      const quantifier = nextSignificant(tokens, i + 1)
      if (isWord(tokens[quantifier], 'ALL') || isWord(tokens[quantifier], 'DISTINCT'))
        i = quantifier
    } else if (state === 'start' && isPunct(token, '(')) {
      selects.push(...operandSelects(tokens, i + 1, depth + 1))
      state = 'found'
      i = closingParen(tokens, i)
    } else if (state !== 'found' && isWord(token, 'SELECT')) {
      selects.push(i)
      state = 'found'
    } else if (state === 'start') {
      state = 'seeking'
    }
  }
  return selects
}

/**
 * Every SELECT of the set operation the SELECT at `select` is an operand of, in order; just
 * `select` when it is none.
 */
export function setOperationSelects(tokens: readonly Token[], select: number): number[] {
  let at = select
  for (let open = openingParen(tokens, at); open >= 0 && isOperandParen(tokens, open); ) {
    at = open
    open = openingParen(tokens, at)
  }
  const open = openingParen(tokens, at)
  const depth = open < 0 ? 0 : (tokens[open] as Token).depth + 1
  const selects = operandSelects(tokens, open + 1, depth)
  return selects.length > 1 ? selects : [select]
}

/** True when the SELECT at `select` is an operand of a set operation, parenthesised or not. */
export function isSetOperand(tokens: readonly Token[], select: number): boolean {
  if (inSetOperation(tokens, select, selectEnd(tokens, select))) return true
  const open = openingParen(tokens, select)
  return open >= 0 && nextSignificant(tokens, open + 1) === select && isOperandParen(tokens, open)
}

/** A value of a set operation's column: a SELECT's item, its expression without alias. */
export interface ColumnValue {
  /** The expression's first and last token. */
  range: TokenRange
  /** The item has no alias. */
  unaliased: boolean
}

/**
 * The columns of the set operation of the SELECTs `selects`, as many as the first SELECT has:
 * column k holds item k of each SELECT that has one.
 */
export function setOperationColumns(
  tokens: readonly Token[],
  selects: readonly number[],
): ColumnValue[][] {
  const lists = selects.map((select) => selectListItems(tokens, select) ?? [])
  return (lists[0] ?? []).map((_, k) =>
    lists.flatMap((items) => {
      const item = items[k]
      if (!item) return []
      const range = itemExpression(tokens, item)
      return [{ range, unaliased: previousSignificant(tokens, item[1] - 1) === range[1] }]
    }),
  )
}
