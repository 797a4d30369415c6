/**
 * The FROM clause of one SELECT, read as far as `*` needs it (docs/iris-sql.md#rowid): its items
 * in order (tables by name, derived tables by alias) and whether it joins with NATURAL or USING
 * (docs/iris-sql.md#joins).
 */
import { CLAUSE_WORDS, JOIN_WORDS } from './clause-words.js'
import { identifierName, isIdentifier, readQualifiedName } from './names.js'
import type { TableRef } from './plan.js'
import { SET_OPERATORS, selectEnd } from './select-parts.js'
import { closingParen, isPunct, isWord, nextSignificant, type Token } from './tokenizer.js'

/** Words that end a FROM clause, and so a FROM item. */
const FROM_ENDS = [...CLAUSE_WORDS, 'FOR']
/** Words after a FROM item that are no alias. */
export const NOT_AN_ALIAS = [...FROM_ENDS, ...JOIN_WORDS, 'ON', 'USING', 'SET']

export interface FromItem {
  /** The table read, when the item names one (not a derived table). */
  table?: TableRef
  /** The alias as written, if any. */
  alias?: Token
  /** Index of the item's first token and one past its name (alias excluded). */
  start: number
  end: number
}

export interface FromClause {
  items: FromItem[]
  natural: boolean
  using: boolean
}

/** Index of the FROM of the SELECT at `select`, or -1. */
export function fromIndex(tokens: readonly Token[], select: number): number {
  const depth = (tokens[select] as Token).depth
  const end = selectEnd(tokens, select)
  for (let i = select + 1; i < end; i++) {
    const t = tokens[i] as Token
    if (t.depth === depth && isWord(t, 'FROM')) return i
  }
  return -1
}

/**
 * The `[AS] alias` after a FROM item (or DELETE / UPDATE table) that ends at `itemEnd`: the alias
 * token and the index after it, or no alias and `itemEnd`.
 */
export function aliasAfter(
  tokens: readonly Token[],
  itemEnd: number,
  notAnAlias: readonly string[] = NOT_AN_ALIAS,
): { alias?: Token; end: number } {
  let at = nextSignificant(tokens, itemEnd)
  if (isWord(tokens[at], 'AS')) at = nextSignificant(tokens, at + 1)
  const alias = tokens[at]
  if (!isIdentifier(alias) || notAnAlias.some((word) => isWord(alias, word)))
    return { end: itemEnd }
  return { alias, end: at + 1 }
}

/** The item at `at` and the index after it (alias included). */
function readItem(
  tokens: readonly Token[],
  at: number,
  end: number,
): { item: FromItem; next: number } {
  let item: FromItem
  if (isPunct(tokens[at], '(')) {
    item = { start: at, end: closingParen(tokens, at) + 1 }
  } else {
    const name = readQualifiedName(tokens, at)
    item = name ? { table: name.table, start: at, end: name.end } : { start: at, end: at + 1 }
  }
  const { alias, end: next } = aliasAfter(tokens, item.end)
  if (alias && next <= end) return { item: { ...item, alias }, next }
  return { item, next: item.end }
}

/** The FROM items from `first` up to `end` or a word that ends a FROM clause, at `depth`. */
function readItems(
  tokens: readonly Token[],
  first: number,
  end: number,
  depth: number,
): FromClause {
  const clause: FromClause = { items: [], natural: false, using: false }
  let expectItem = true
  for (let i = first; i >= 0 && i < end; ) {
    const t = tokens[i] as Token
    if (t.depth === depth && FROM_ENDS.some((word) => isWord(t, word))) break
    if (t.depth === depth && expectItem) {
      const { item, next } = readItem(tokens, i, end)
      clause.items.push(item)
      expectItem = false
      i = nextSignificant(tokens, next)
      continue
    }
    if (t.depth === depth) {
      if (isPunct(t, ',') || isWord(t, 'JOIN')) expectItem = true
      clause.natural ||= isWord(t, 'NATURAL')
      clause.using ||= isWord(t, 'USING')
    }
    i = nextSignificant(tokens, i + 1)
  }
  return clause
}

/** The FROM clause of the SELECT at `select`, or undefined when it has none. */
export function fromClause(tokens: readonly Token[], select: number): FromClause | undefined {
  const from = fromIndex(tokens, select)
  if (from < 0) return undefined
  const depth = (tokens[from] as Token).depth
  return readItems(tokens, nextSignificant(tokens, from + 1), selectEnd(tokens, select), depth)
}

/**
 * Whether the parentheses opened at `open` hold a query (`(SELECT ...)`, `((SELECT ...) UNION
 * SELECT ...)`) rather than a join (`(t JOIN u ON ...)`, `((SELECT ...) AS d JOIN u ON ...)`).
 */
function holdsQuery(tokens: readonly Token[], open: number): boolean {
  const first = nextSignificant(tokens, open + 1)
  if (isWord(tokens[first], 'SELECT') || isWord(tokens[first], 'WITH')) return true
  if (!isPunct(tokens[first], '(') || !holdsQuery(tokens, first)) return false
  const after = tokens[nextSignificant(tokens, closingParen(tokens, first) + 1)]
  return isPunct(after, ')') || [...SET_OPERATORS, 'ORDER'].some((word) => isWord(after, word))
}

/** The items a parenthesised join (`FROM (t JOIN u ON ...)`) joins, or undefined for any other FROM item. */
export function joinedItems(tokens: readonly Token[], item: FromItem): FromItem[] | undefined {
  const open = item.start
  if (!isPunct(tokens[open], '(') || holdsQuery(tokens, open)) return undefined
  const depth = (tokens[open] as Token).depth + 1
  return readItems(tokens, nextSignificant(tokens, open + 1), item.end - 1, depth).items
}

/** Whether a FROM item is the one `qualifier` (a name or `schema.name`, stored) names. */
export function isNamedBy(item: FromItem, qualifier: readonly string[]): boolean {
  if (item.alias) return qualifier.length === 1 && qualifier[0] === identifierName(item.alias)
  if (!item.table) return false
  const [first, second] = qualifier
  return second === undefined
    ? first === item.table.name
    : first === item.table.schema && second === item.table.name
}
