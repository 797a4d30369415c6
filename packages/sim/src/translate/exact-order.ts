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
 * `%EXACT(x)` and the string functions), the calls of the runtime functions whose string result is
 * EXACT by the default collation (UPPER, SUBSTRING, ...: engine/exact-string-functions.ts, which
 * also gives the key of their number and byte results) and the references to a column collated EXACT
 * (column-references.ts), as the item itself or as the select item its alias or number names. In a
 * SELECT DISTINCT, where PostgreSQL takes only select items as ORDER BY items, a key needs the
 * DISTINCT made a GROUP BY (distinct-groups.ts); where that is not sure to give the same query,
 * and after a set operation, whose ORDER BY names result columns only, the items keep character
 * order (docs/iris-sql.md#simulator-limits).
 */
import { EXACT_COLLATION } from '../catalog/metadata.js'
import { readsExactColumn, referenceNames } from './column-references.js'
import { groupDistinct, isGroupableDistinct, isStarItem } from './distinct-groups.js'
import { EXACT_UNCOLLATED_CALLS } from './functions.js'
import { identifierName, isIdentifier } from './names.js'
import { type OrderByList, orderByLists } from './order-by-items.js'
import type { CatalogSnapshot } from './plan.js'
import { isDistinctSelect, itemExpression, SET_OPERATORS, selectListItems } from './select-parts.js'
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

/** True when `[first, last]` is a call of a runtime function whose string result is EXACT (`iris_sim.upper(x)`). */
function isExactUncollatedCall(tokens: readonly Token[], first: number, last: number): boolean {
  const open = tokens.findIndex((t, i) => i > first && isPunct(t, '('))
  if (open < 0 || closingParen(tokens, open) !== last) return false
  const name = tokens.slice(first, open).filter((t) => !isTrivia(t))
  return EXACT_UNCOLLATED_CALLS.has(name.map((t) => t.text.toLowerCase()).join(''))
}

/**
 * The SELECT an ORDER BY belongs to, whether it is the ORDER BY of a window in its select list,
 * and whether the SELECT is a SELECT DISTINCT.
 */
interface OrderedSelect {
  select: number
  window: boolean
  distinct: boolean
}

/**
 * The SELECT of the ORDER BY at `order` (-1 when none is found); undefined where no item may
 * become a key: the ORDER BY of a set operation.
 */
function orderedSelect(tokens: readonly Token[], order: number): OrderedSelect | undefined {
  const depth = (tokens[order] as Token).depth
  const open = openingParen(tokens, order)
  let select = -1
  for (let i = open + 1; i < order; i++) {
    const t = tokens[i] as Token
    if (t.depth !== depth) continue
    if (SET_OPERATORS.some((word) => isWord(t, word))) return undefined
    if (select < 0 && isWord(t, 'SELECT')) select = i
  }
  if (select >= 0) return { select, window: false, distinct: isDistinctSelect(tokens, select) }
  // A window's: the last SELECT before its `OVER (`, one level out.
  for (let i = openingParen(tokens, open) + 1; i < open; i++)
    if (tokens[i]?.depth === depth - 1 && isWord(tokens[i], 'SELECT')) select = i
  return { select, window: true, distinct: false }
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
  if (position > 0 && expressions.slice(0, named).some((r) => isStarItem(tokens, r)))
    return undefined
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

/** Each ORDER BY item of `items` as [first, last], ASC / DESC left out; an empty item is left out. */
function itemRanges(
  tokens: readonly Token[],
  items: OrderByList['items'],
): Array<[number, number]> {
  return items.flatMap(([start, end]): Array<[number, number]> => {
    const first = nextSignificant(tokens, start)
    if (first < 0 || first >= end) return []
    let last = previousSignificant(tokens, end - 1)
    if (isWord(tokens[last], 'ASC') || isWord(tokens[last], 'DESC'))
      last = previousSignificant(tokens, last - 1)
    return [[first, last]]
  })
}

/**
 * The ORDER BY list at `order`, each item known EXACT (ASC / DESC kept) sorting by its key: the
 * statement with its items replaced, and a SELECT DISTINCT made a GROUP BY for them.
 */
function keyList(
  tokens: readonly Token[],
  { order, items }: OrderByList,
  catalog: CatalogSnapshot | undefined,
): Token[] {
  const ordered = orderedSelect(tokens, order)
  if (ordered === undefined) return [...tokens]
  const readsExact = (reference: readonly Token[]) => {
    const names = referenceNames(reference.filter((t) => !isTrivia(t)))
    return (
      names !== undefined &&
      catalog !== undefined &&
      ordered.select >= 0 &&
      readsExactColumn(tokens, ordered.select, names, catalog)
    )
  }
  const isExact = (expression: readonly Token[]) =>
    isExactCollated(expression, 0, expression.length - 1) ||
    isExactUncollatedCall(expression, 0, expression.length - 1) ||
    readsExact(expression)
  const ranges = itemRanges(tokens, items)
  // An alias or a number names a select item, as PostgreSQL reads it; a window's names none.
  const names = (name: Token) => namedSelectItem(tokens, ordered.select, name) !== undefined
  if (ordered.distinct && !isGroupableDistinct(tokens, ordered.select, order, ranges, names))
    return [...tokens]
  const out = [...tokens]
  let keyed = false
  // Last item first, so that the earlier items' indexes hold.
  for (const [first, last] of [...ranges].reverse()) {
    const written = tokens.slice(first, last + 1)
    const named =
      first === last && !ordered.window
        ? namedSelectItem(tokens, ordered.select, tokens[first] as Token)
        : undefined
    // A copy of the select item's expression: one with a parameter would take another.
    const copyable = named !== undefined && !named.some((t) => t.type === 'param')
    let expression: readonly Token[] | undefined
    if (named) expression = copyable && isExact(named) ? named : undefined
    else if (isExact(written)) expression = written
    if (!expression) continue
    out.splice(first, last - first + 1, ...keyOf(expression, (tokens[first] as Token).depth))
    keyed = true
  }
  // The keys follow the SELECT and its ORDER, whose indexes hold.
  return ordered.distinct && keyed ? groupDistinct(out, ordered.select, order) : out
}

/**
 * Every ORDER BY item known EXACT sorting by its key; `catalog` tells the columns collated EXACT
 * (column-references.ts). The caller runs this only for a statement that has an expression collated
 * EXACT or over a catalog with a column collated EXACT.
 */
export function rewriteExactOrder(
  tokens: readonly Token[],
  catalog: CatalogSnapshot | undefined,
): Token[] {
  let out = [...tokens]
  // In text order, each list found again: a key moves what follows it, and a copied select item
  // may hold an ORDER BY of its own, which the next round keys.
  for (let n = 0; ; n++) {
    const list = orderByLists(out)[n]
    if (!list) return out
    out = keyList(out, list, catalog)
  }
}
