/**
 * `*` and `t.*` leave a hidden RowID out (docs/iris-sql.md#rowid). The simulator's hidden RowID is a
 * column of the PostgreSQL table, so over a table that has one, `t.*` becomes the list of the
 * table's other columns, and `*` the list of every FROM item's columns in order (`d.*` for a derived
 * table or a table without a hidden RowID), which is what PostgreSQL's `*` gives. Over a NATURAL
 * join PostgreSQL would also join on the hidden columns, and over USING its `*` merges the joined
 * columns: both are refused when a table with a hidden RowID takes part.
 */
import { type FromClause, type FromItem, fromClause, fromIndex, isNamedBy } from './from-items.js'
import { irisError } from './iris-error.js'
import { identifierName, isIdentifier, quoteIdentifier, readQualifiedName } from './names.js'
import type { CatalogSnapshot } from './plan.js'
import { selectEnd, selectIndexes, selectListStart } from './select-parts.js'
import { isPunct, isTrivia, isWord, render, retokenize, type Token, token } from './tokenizer.js'

const isStar = (t: Token | undefined) => t?.type === 'op' && t.text === '*'

/** The significant tokens of each item of the select list of the SELECT at `select`. */
export function selectItems(tokens: readonly Token[], select: number): number[][] {
  const depth = (tokens[select] as Token).depth
  const from = fromIndex(tokens, select)
  const end = from < 0 ? selectEnd(tokens, select) : from
  const items: number[][] = [[]]
  for (let i = selectListStart(tokens, select); i >= 0 && i < end; i++) {
    const t = tokens[i] as Token
    if (t.depth === depth && isPunct(t, ',')) items.push([])
    else if (!isTrivia(t)) (items.at(-1) as number[]).push(i)
  }
  return items
}

/** `[q.]*`: the qualifier's names (stored), `[]` for a bare `*`; undefined for any other item. */
export function starQualifier(tokens: readonly Token[], item: number[]): string[] | undefined {
  const parts = item.map((i) => tokens[i] as Token)
  if (!isStar(parts.at(-1))) return undefined
  if (parts.length === 1) return []
  const names = parts.slice(0, -1)
  if (!names.every((t, n) => (n % 2 === 0 ? isIdentifier(t) : isPunct(t, '.'))) || names.length % 2)
    return undefined
  if (names.length === 2) return [identifierName(names[0] as Token)]
  const name = readQualifiedName(tokens, item[0] as number)
  return name && names.length === 4 ? [name.table.schema, name.table.name] : undefined
}

/** The columns of a FROM item as a select list: its own `q.*`, or its visible columns. */
function itemColumns(tokens: readonly Token[], item: FromItem, catalog: CatalogSnapshot): string {
  if (!item.table && !item.alias)
    throw irisError(-1, '* over a derived table without an alias: give the derived table an alias')
  const qualifier = item.alias ? item.alias.text : render(tokens.slice(item.start, item.end)).trim()
  const columns = item.table && catalog.starColumns(item.table)
  if (!columns) return `${qualifier}.*`
  return columns.map((column) => `${qualifier}.${quoteIdentifier(column)}`).join(', ')
}

function hasHiddenRowId(clause: FromClause, catalog: CatalogSnapshot): boolean {
  return clause.items.some((item) => item.table && catalog.starColumns(item.table))
}

/** The text a star item stands for, or undefined to keep it. */
function expansion(
  tokens: readonly Token[],
  clause: FromClause,
  qualifier: string[],
  catalog: CatalogSnapshot,
): string | undefined {
  if (qualifier.length > 0) {
    const item = clause.items.find((candidate) => isNamedBy(candidate, qualifier))
    return item?.table && catalog.starColumns(item.table)
      ? itemColumns(tokens, item, catalog)
      : undefined
  }
  if (clause.using)
    throw irisError(
      -1,
      "* over a join with USING: the simulator's tables carry their hidden RowID as a column, so it cannot give USING's merged columns; name the columns, or join with ON",
    )
  return clause.items.map((item) => itemColumns(tokens, item, catalog)).join(', ')
}

/** Expands the star items of the SELECT at `select` in place; whether any was. */
function expandSelect(tokens: Token[], select: number, catalog: CatalogSnapshot): boolean {
  const clause = fromClause(tokens, select)
  if (!clause || !hasHiddenRowId(clause, catalog)) return false
  if (clause.natural)
    throw irisError(
      -1,
      "NATURAL JOIN: the simulator's tables carry their hidden RowID as a column, which a NATURAL join would compare too; join with ON or USING",
    )
  let expanded = false
  // Last first, so the indexes of the earlier items still hold.
  for (const item of selectItems(tokens, select).reverse()) {
    const qualifier = starQualifier(tokens, item)
    const text = qualifier && expansion(tokens, clause, qualifier, catalog)
    if (text === undefined) continue
    const first = item[0] as number
    const last = item.at(-1) as number
    tokens.splice(first, last - first + 1, token('word', text, (tokens[first] as Token).depth))
    expanded = true
  }
  return expanded
}

/** Expands the `*` items that read a table with a hidden RowID, in every SELECT of the statement; refuses NATURAL joins over one. */
export function expandStars(
  tokens: readonly Token[],
  catalog: CatalogSnapshot | undefined,
): Token[] {
  if (!catalog || !tokens.some((t) => isStar(t) || isWord(t, 'NATURAL'))) return [...tokens]
  const out = [...tokens]
  let expanded = false
  // Last first: expanding a SELECT moves only the tokens after it.
  for (const select of selectIndexes(out).reverse())
    expanded = expandSelect(out, select, catalog) || expanded
  return expanded ? retokenize(out) : out
}
