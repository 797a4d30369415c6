/**
 * A FROM item's name used as a value (`WHERE x = x` over `FROM t AS x`, `t IS NULL`, `ORDER BY t`,
 * `COUNT(t)`, `GROUP BY t`) is PostgreSQL's whole-row reference; IRIS has no composite values, and
 * there the name is a field it does not find (SQLCODE -29, docs/iris-sql.md#postgresql-syntax). The
 * engine refuses one that reaches a result column (engine/composite-columns.ts); this finds the
 * rest in the text: a bare name (not qualified, not qualifying, not called, not after AS) equal to a
 * FROM item's alias or unaliased table name, when no table of the statement has such a column. It
 * needs every FROM item's columns from the catalog snapshot, so a statement with a derived table, a
 * CTE or a table the snapshot does not know is left to PostgreSQL.
 */
import { type FromItem, fromClause } from './from-items.js'
import { irisError } from './iris-error.js'
import { identifierName, isIdentifier } from './names.js'
import type { CatalogSnapshot } from './plan.js'
import { isReservedWord } from './reserved-words.js'
import { selectIndexes } from './select-parts.js'
import { selectItems } from './star-columns.js'
import { isPunct, isWord, nextSignificant, previousSignificant, type Token } from './tokenizer.js'

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

/** Tokens that end a value, so that a name after one is a select item's alias (`SELECT a x`). */
const endsValue = (token: Token | undefined) =>
  ['word', 'quoted', 'number', 'string', 'param'].includes(token?.type ?? '') || isPunct(token, ')')

/** The names select items are labelled with (`AS x`, `a x`): ORDER BY may name those. */
function selectAliases(tokens: readonly Token[]): Set<string> {
  const aliases = new Set<string>()
  for (const select of selectIndexes(tokens)) {
    for (const item of selectItems(tokens, select)) {
      const last = item.at(-1) as number
      const before = tokens[item.at(-2) as number]
      if (
        item.length > 1 &&
        isIdentifier(tokens[last]) &&
        (isWord(before, 'AS') || endsValue(before))
      )
        aliases.add(identifierName(tokens[last] as Token))
    }
  }
  return aliases
}

/** Throws -29 for the first whole-row reference of the statement the catalog can tell. */
export function rejectWholeRowReferences(
  tokens: readonly Token[],
  catalog?: CatalogSnapshot,
): void {
  const columnsOf = catalog?.columns
  if (!columnsOf) return
  const items = selectIndexes(tokens).flatMap((select) => fromClause(tokens, select)?.items ?? [])
  if (items.length === 0) return
  const names = new Set<string>()
  const columns = new Set<string>()
  const inItems = new Set<number>()
  for (const item of items) {
    const known = item.table && columnsOf.call(catalog, item.table)
    if (!known) return
    for (const column of known) columns.add(column)
    names.add(itemName(item))
    for (let i = item.start; i < item.end; i++) inItems.add(i)
    if (item.alias) inItems.add(tokens.indexOf(item.alias))
  }
  for (const alias of selectAliases(tokens)) columns.add(alias)
  for (let i = 0; i < tokens.length; i++) {
    if (inItems.has(i) || !isBareName(tokens, i)) continue
    const name = identifierName(tokens[i] as Token)
    if (!names.has(name) || columns.has(name)) continue
    throw irisError(
      -29,
      `field ${(tokens[i] as Token).text} not found: IRIS has no whole-row values, and a table's name is no field; name a column, table.column`,
    )
  }
}
