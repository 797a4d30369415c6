/**
 * A SELECT DISTINCT as the same query grouped by every select item, for EXACT order
 * (docs/iris-sql.md#collation, "Where EXACT order applies"): PostgreSQL takes only select items
 * as the ORDER BY items of a SELECT DISTINCT, so no sort key, but any expression of the grouped
 * items after a GROUP BY. `SELECT DISTINCT a, b FROM t ORDER BY a` becomes
 * `SELECT a, b FROM t GROUP BY 1, 2 ORDER BY ...`: the same rows (GROUP BY and DISTINCT compare
 * with the same equality, NULLs as one value), the same result columns, labels and row limits,
 * and each select item written once, so no parameter is repeated.
 *
 * Only where that holds for sure: a plain DISTINCT (not DISTINCT BY), no `*` in the select list,
 * no aggregate or window in it, no GROUP BY or HAVING of its own, and every ORDER BY item a select
 * item (by its expression, alias or number), so that the GROUP BY neither admits nor refuses an
 * ORDER BY item that the DISTINCT refuses or admits.
 */
import { AGGREGATE_CALLS } from './functions.js'
import { itemExpression, selectListItems } from './select-parts.js'
import { starQualifier } from './star-columns.js'
import {
  isPunct,
  isTrivia,
  isWord,
  nextSignificant,
  previousSignificant,
  type Token,
  tokenize,
} from './tokenizer.js'

/** True when the select item expression [first, last] is a `*` or a `t.*`. */
export function isStarItem(tokens: readonly Token[], [first, last]: readonly [number, number]) {
  const significant: number[] = []
  for (let i = first; i <= last; i++) if (!isTrivia(tokens[i])) significant.push(i)
  return starQualifier(tokens, significant) !== undefined
}

/** The name a call at its `(` calls, lower case: `count`, `iris_sim.list`. */
function calledName(tokens: readonly Token[], open: number): string {
  const name = previousSignificant(tokens, open - 1)
  if (tokens[name]?.type !== 'word') return ''
  const dot = previousSignificant(tokens, name - 1)
  const schema = previousSignificant(tokens, dot - 1)
  const qualified = isPunct(tokens[dot], '.') && tokens[schema]?.type === 'word'
  return `${qualified ? `${tokens[schema]?.text}.` : ''}${tokens[name]?.text}`.toLowerCase()
}

/** The significant text of [first, last], to compare two expressions as written. */
function textOf(tokens: readonly Token[], first: number, last: number): string {
  return tokens
    .slice(first, last + 1)
    .filter((t) => !isTrivia(t))
    .map((t) => t.text)
    .join(' ')
}

/**
 * True when the SELECT DISTINCT at `select`, whose ORDER BY at `order` has the items `orderItems`
 * ([first, last] each, ASC / DESC left out), may become a GROUP BY of its select items; `names`
 * tells whether a one-token item names a select item by alias or number.
 */
export function isGroupableDistinct(
  tokens: readonly Token[],
  select: number,
  order: number,
  orderItems: ReadonlyArray<readonly [number, number]>,
  names: (item: Token) => boolean,
): boolean {
  const depth = (tokens[select] as Token).depth
  const distinct = nextSignificant(tokens, select + 1)
  if (!isWord(tokens[distinct], 'DISTINCT')) return false
  const after = nextSignificant(tokens, distinct + 1)
  if (isWord(tokens[after], 'BY') || isWord(tokens[after], 'ON')) return false
  const items = selectListItems(tokens, select)
  if (!items) return false
  const expressions = items.map((item) => itemExpression(tokens, item))
  if (expressions.some((range) => isStarItem(tokens, range))) return false
  const listEnd = (items.at(-1) as [number, number])[1]
  for (let i = items[0]?.[0] ?? select; i < listEnd; i++) {
    const t = tokens[i] as Token
    if (isWord(t, 'OVER')) return false
    if (isPunct(t, '(') && AGGREGATE_CALLS.has(calledName(tokens, i))) return false
  }
  for (let i = listEnd; i < order; i++) {
    const t = tokens[i] as Token
    if (t.depth === depth && (isWord(t, 'GROUP') || isWord(t, 'HAVING'))) return false
  }
  const selected = new Set(expressions.map(([first, last]) => textOf(tokens, first, last)))
  return orderItems.every(
    ([first, last]) =>
      (first === last && names(tokens[first] as Token)) ||
      selected.has(textOf(tokens, first, last)),
  )
}

/**
 * The SELECT DISTINCT at `select` (isGroupableDistinct) grouped by each of its select items, by
 * number, before its ORDER BY at `order`.
 */
export function groupDistinct(tokens: readonly Token[], select: number, order: number): Token[] {
  const depth = (tokens[select] as Token).depth
  const count = selectListItems(tokens, select)?.length ?? 0
  const positions = Array.from({ length: count }, (_, k) => k + 1).join(', ')
  const groupBy = tokenize(`GROUP BY ${positions} `).map((t) => ({ ...t, depth }))
  const out = [...tokens]
  out.splice(order, 0, ...groupBy)
  const distinct = nextSignificant(tokens, select + 1)
  out.splice(distinct, isTrivia(tokens[distinct + 1]) ? 2 : 1)
  return out
}
