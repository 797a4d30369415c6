/**
 * A FROM item's name used as a value (`WHERE x = x` over `FROM t AS x`, `t IS NULL`, `ORDER BY t`,
 * `COUNT(t)`, `GROUP BY t`) is PostgreSQL's whole-row reference; IRIS has no composite values, and
 * there the name is a field it does not find (SQLCODE -29, docs/iris-sql.md#postgresql-syntax). The
 * engine refuses one that reaches a result column (engine/composite-columns.ts); this finds the
 * rest in the text: a bare name (not qualified, not qualifying, not called, not after AS) equal to a
 * FROM item's alias or unaliased table name, when no FROM item of the statement has such a column.
 * It needs every FROM item's columns (from-item-columns.ts: a table's from the catalog snapshot, a
 * derived table's and a CTE's from its select list, a parenthesised join's from the items it joins),
 * so a statement with a table neither the snapshot nor the catalog views know is left to PostgreSQL.
 */
import { type Cte, ctesOf } from './ctes.js'
import { aliasColumnList, fromItemColumns, selectItemAlias } from './from-item-columns.js'
import { type FromItem, fromClause, joinedItems } from './from-items.js'
import { irisError } from './iris-error.js'
import { identifierName, isIdentifier } from './names.js'
import type { CatalogSnapshot } from './plan.js'
import { isReservedWord } from './reserved-words.js'
import { selectIndexes } from './select-parts.js'
import { selectItems } from './star-columns.js'
import {
  closingParen,
  isPunct,
  isWord,
  nextSignificant,
  previousSignificant,
  type Token,
} from './tokenizer.js'

/** The name a FROM item answers to as a bare word: its alias, else its table's name. */
const itemName = (item: FromItem) =>
  item.alias ? identifierName(item.alias) : (item.table?.name ?? '')

/** Words after which a name is a table or an alias being defined, not a value. */
const TABLE_POSITIONS = ['AS', 'FROM', 'JOIN', 'INTO', 'INSERT', 'UPDATE', 'TABLE']

/** True when the token at `i` is a bare name: no `.` before or after it, no `(` after it, not a table's or alias's place. */
function isBareName(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]
  if (!isIdentifier(token) || isReservedWord(token)) return false
  const before = tokens[previousSignificant(tokens, i - 1)]
  const after = tokens[nextSignificant(tokens, i + 1)]
  return (
    !isPunct(before, '.') &&
    !TABLE_POSITIONS.some((word) => isWord(before, word)) &&
    !isPunct(after, '.') &&
    !isPunct(after, '(')
  )
}

/** The names select items are labelled with (`AS x`, `a x`): ORDER BY may name those. */
function selectAliases(tokens: readonly Token[]): Set<string> {
  const aliases = new Set<string>()
  for (const select of selectIndexes(tokens)) {
    for (const item of selectItems(tokens, select)) {
      const alias = selectItemAlias(tokens, item)
      if (alias !== undefined) aliases.add(alias)
    }
  }
  return aliases
}

/** Indexes of the tokens that define names rather than use them: a table's name, an alias and its column list, a CTE's name and column list. */
function definingTokens(
  tokens: readonly Token[],
  items: readonly FromItem[],
  ctes: readonly Cte[],
) {
  const defining = new Set<number>()
  const addRange = (from: number, to: number) => {
    for (let i = from; i < to; i++) defining.add(i)
  }
  for (const item of items) {
    // A derived table's tokens are its query, whose own FROM items are among `items`.
    if (item.table) addRange(item.start, item.end)
    if (!item.alias) continue
    const alias = tokens.indexOf(item.alias)
    const list = aliasColumnList(tokens, item)
    addRange(alias, list === undefined ? alias + 1 : closingParen(tokens, list) + 1)
  }
  for (const cte of ctes) addRange(cte.nameIndex, cte.open)
  return defining
}

/** The items, each parenthesised join followed by the items it joins (theirs too). */
function withJoinedItems(tokens: readonly Token[], items: readonly FromItem[]): FromItem[] {
  return items.flatMap((item) => [
    item,
    ...withJoinedItems(tokens, joinedItems(tokens, item) ?? []),
  ])
}

/** Throws -29 for the first whole-row reference of the statement the catalog can tell. */
export function rejectWholeRowReferences(
  tokens: readonly Token[],
  catalog?: CatalogSnapshot,
): void {
  if (!catalog?.columns) return
  const items = selectIndexes(tokens).flatMap((select) =>
    withJoinedItems(tokens, fromClause(tokens, select)?.items ?? []),
  )
  if (items.length === 0) return
  const sources = { tokens, catalog, ctes: ctesOf(tokens), read: new Map() }
  const names = new Set<string>()
  const columns = new Set<string>()
  for (const item of items) {
    const known = fromItemColumns(sources, item)
    if (!known) return
    for (const column of known) columns.add(column)
    names.add(itemName(item))
  }
  const defining = definingTokens(tokens, items, sources.ctes)
  for (const alias of selectAliases(tokens)) columns.add(alias)
  for (let i = 0; i < tokens.length; i++) {
    if (defining.has(i) || !isBareName(tokens, i)) continue
    const name = identifierName(tokens[i] as Token)
    if (!names.has(name) || columns.has(name)) continue
    throw irisError(
      -29,
      `field ${(tokens[i] as Token).text} not found: IRIS has no whole-row values, and a table's name is no field; name a column, table.column`,
    )
  }
}
