/**
 * An INSERT without a column list fills the columns `*` stands for, never a hidden RowID
 * (docs/iris-sql.md#rowid). The simulator's hidden RowID is a column of the PostgreSQL table, so
 * such an INSERT into a table that has one gets that column list written out.
 */
import { quoteIdentifier, readQualifiedName } from './names.js'
import type { CatalogSnapshot } from './plan.js'
import { isWord, nextSignificant, retokenize, type Token, token } from './tokenizer.js'

const QUERY_STARTS = ['SELECT', 'WITH']

/** Whether the `(` at `open` starts a column list, not a parenthesized query. */
function isColumnList(tokens: readonly Token[], open: number): boolean {
  const first = tokens[nextSignificant(tokens, open + 1)]
  return !QUERY_STARTS.some((word) => isWord(first, word)) && first?.text !== '('
}

/** `INSERT [INTO] t VALUES ... | query` into a table with a hidden RowID gets `t (its columns)`. */
export function insertColumnList(
  tokens: readonly Token[],
  catalog: CatalogSnapshot | undefined,
): Token[] {
  let i = nextSignificant(tokens, 0)
  if (!catalog || !isWord(tokens[i], 'INSERT')) return [...tokens]
  i = nextSignificant(tokens, i + 1)
  if (isWord(tokens[i], 'INTO')) i = nextSignificant(tokens, i + 1)
  const name = readQualifiedName(tokens, i)
  const columns = name && catalog.starColumns(name.table)
  if (!name || !columns) return [...tokens]
  const after = nextSignificant(tokens, name.end)
  const next = tokens[after]
  if (
    isWord(next, 'DEFAULT') ||
    isWord(next, 'SET') ||
    (next?.text === '(' && isColumnList(tokens, after))
  )
    return [...tokens]
  const list = ` (${columns.map(quoteIdentifier).join(', ')})`
  return retokenize([
    ...tokens.slice(0, name.end),
    token('word', list, 0),
    ...tokens.slice(name.end),
  ])
}
