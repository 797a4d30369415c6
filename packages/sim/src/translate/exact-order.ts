/**
 * EXACT collation's order (docs/iris-sql.md#collation): canonical numbers (`'-2'`, `'.5'`, `'9'`,
 * `'10'`) first, in numeric order, then every other string (`'01'`, `'1.0'`, `'a'`) character by
 * character. No PostgreSQL collation orders so (ICU's numeric ordering also reorders the digits
 * inside strings), so an ORDER BY item known to be EXACT sorts by a key of the runtime's
 * (runtime.ts), `iris_sim.exact_order(x)`: NULL for NULL, else the row (is not a canonical
 * number, the number, the string), compared field by field. The ORDER BY item keeps its ASC /
 * DESC and the NULLS FIRST / LAST of null-order.ts.
 *
 * Known EXACT are the expressions the function rewrite collates `iris_sim.exact` (functions.ts:
 * `%EXACT(x)` and the string functions), as the item itself or as the select item its alias or
 * number names. Not in a SELECT DISTINCT, where PostgreSQL takes only select items as ORDER BY
 * items, nor after a set operation, whose ORDER BY names result columns only: those keep
 * character order (docs/iris-sql.md#simulator-limits).
 */
import { EXACT_COLLATION } from '../catalog/metadata.js'
import { identifierName, isIdentifier } from './names.js'
import { isDistinctSelect, itemExpression, SET_OPERATORS, selectListItems } from './select-parts.js'
import { starQualifier } from './star-columns.js'
import {
  closingParen,
  isPunct,
  isTrivia,
  isWord,
  nextSignificant,
  openingParen,
  previousSignificant,
  type Token,
  token,
  tokenize,
} from './tokenizer.js'

/**
 * IRIS's canonical number as a string (docs/iris-sql.md#implicit-conversion, canonical form): an
 * optional minus, then an integer without leading zeros, or a fraction without trailing zeros and
 * without a zero integer part; `0` alone, never `-0`.
 */
export const CANONICAL_PATTERN = '^-?([1-9][0-9]*([.][0-9]*[1-9])?|[.][0-9]*[1-9])$|^0$'

/** The runtime's sort key of a string in EXACT order, and its type. */
export const EXACT_ORDER_KEY = 'iris_sim.exact_order'
export const EXACT_ORDER_KEY_TYPE = 'iris_sim.exact_order_key'

const COLLATED_EXACT = ['COLLATE', ...EXACT_COLLATION.split(/(\.)/)]

/** True when `[first, last]` is `( ... COLLATE iris_sim.exact )`, an expression functions.ts collated EXACT. */
function isExactCollated(tokens: readonly Token[], first: number, last: number): boolean {
  if (!isPunct(tokens[first], '(') || closingParen(tokens, first) !== last) return false
  let at = last
  for (const part of [...COLLATED_EXACT].reverse()) {
    at = previousSignificant(tokens, at - 1)
    if (at <= first || (tokens[at] as Token).text.toUpperCase() !== part.toUpperCase()) return false
  }
  return true
}

/**
 * The SELECT of the ORDER BY at `order`: its index; -1 for a window's ORDER BY; undefined where
 * no item may become a key (DISTINCT, a set operation).
 */
function orderedSelect(tokens: readonly Token[], order: number): number | undefined {
  const depth = (tokens[order] as Token).depth
  let select = -1
  for (let i = openingParen(tokens, order) + 1; i < order; i++) {
    const t = tokens[i] as Token
    if (t.depth !== depth) continue
    if (SET_OPERATORS.some((word) => isWord(t, word))) return undefined
    if (select < 0 && isWord(t, 'SELECT')) select = i
  }
  return select >= 0 && isDistinctSelect(tokens, select) ? undefined : select
}

/**
 * The expression of the select item that an ORDER BY item `name` names by alias or by number;
 * undefined when it names none, or counts past a `*`, which stands for an unknown number of items.
 */
function namedSelectItem(
  tokens: readonly Token[],
  select: number,
  name: Token,
): readonly Token[] | undefined {
  const items = selectListItems(tokens, select) ?? []
  const position = name.type === 'number' && /^[1-9][0-9]*$/.test(name.text) ? Number(name.text) : 0
  const expressions = items.map((item) => itemExpression(tokens, item))
  const named =
    position > 0
      ? position - 1
      : items.findIndex(([, end], k) => {
          const alias = previousSignificant(tokens, end - 1)
          return (
            isIdentifier(name) &&
            alias !== expressions[k]?.[1] &&
            identifierName(tokens[alias] as Token) === identifierName(name)
          )
        })
  const range = expressions[named]
  if (!range) return undefined
  const isStar = ([first, last]: readonly [number, number]) => {
    const significant: number[] = []
    for (let i = first; i <= last; i++) if (!isTrivia(tokens[i])) significant.push(i)
    return starQualifier(tokens, significant) !== undefined
  }
  if (position > 0 && expressions.slice(0, named).some(isStar)) return undefined
  return tokens.slice(range[0], range[1] + 1)
}

/** `iris_sim.exact_order(expression)` at `depth`. */
function keyOf(expression: readonly Token[], depth: number): Token[] {
  const shift = depth + 1 - (expression[0] as Token).depth
  return [
    ...tokenize(EXACT_ORDER_KEY).map((t) => ({ ...t, depth })),
    token('punct', '(', depth),
    ...expression.map((t) => ({ ...t, depth: t.depth + shift })),
    token('punct', ')', depth),
  ]
}

/**
 * For the ORDER BY at `order` in `tokens` (the statement up to it, at least): what puts one of its
 * items (its tokens, ASC / DESC included) in EXACT order when it is known EXACT, and leaves any
 * other as it is.
 */
export function exactOrdering(
  tokens: readonly Token[],
  order: number,
): (item: readonly Token[]) => Token[] {
  const select = orderedSelect(tokens, order)
  return (item) => {
    const first = nextSignificant(item, 0)
    if (first < 0 || select === undefined) return [...item]
    let last = previousSignificant(item, item.length - 1)
    if (isWord(item[last], 'ASC') || isWord(item[last], 'DESC'))
      last = previousSignificant(item, last - 1)
    let expression: readonly Token[] | undefined
    if (isExactCollated(item, first, last)) {
      expression = item.slice(first, last + 1)
    } else if (first === last && select >= 0) {
      // A copy of the select item's expression: one with a parameter would take another.
      const named = namedSelectItem(tokens, select, item[first] as Token)
      const exact = named && isExactCollated(named, 0, named.length - 1)
      if (exact && !named.some((t) => t.type === 'param')) expression = named
    }
    if (!expression) return [...item]
    const depth = (item[first] as Token).depth
    return [...item.slice(0, first), ...keyOf(expression, depth), ...item.slice(last + 1)]
  }
}
