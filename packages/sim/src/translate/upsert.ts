/**
 * `INSERT OR UPDATE [INTO] t (cols) VALUES (...)[, (...)]` (docs/iris-sql.md#upsert): the engine
 * updates the row any unique key (primary key included) matches, else inserts. No ON CONFLICT
 * exists in IRIS.
 */
import { irisError } from './iris-error.js'
import { identifierName, isIdentifier, readQualifiedName } from './names.js'
import type { UpsertPlan } from './plan.js'
import {
  closingParen,
  commaSeparated,
  isTrivia,
  isWord,
  nextSignificant,
  type Token,
  trimmedText,
} from './tokenizer.js'

/** True for `INSERT OR UPDATE`. */
export function isInsertOrUpdate(tokens: readonly Token[]): boolean {
  const insert = nextSignificant(tokens, 0)
  const or = nextSignificant(tokens, insert + 1)
  return (
    isWord(tokens[insert], 'INSERT') &&
    isWord(tokens[or], 'OR') &&
    isWord(tokens[nextSignificant(tokens, or + 1)], 'UPDATE')
  )
}

export function upsertPlan(
  tokens: readonly Token[],
  base: { source: string; paramCount: number },
): UpsertPlan {
  let i = nextSignificant(tokens, nextSignificant(tokens, nextSignificant(tokens, 0) + 1) + 1) // after UPDATE
  i = nextSignificant(tokens, i + 1)
  if (isWord(tokens[i], 'INTO')) i = nextSignificant(tokens, i + 1)
  const name = readQualifiedName(tokens, i)
  if (!name) throw irisError(-1, 'INSERT OR UPDATE needs a table name')
  const open = nextSignificant(tokens, name.end)
  if (tokens[open]?.text !== '(')
    throw irisError(
      -1,
      'INSERT OR UPDATE needs a column list: INSERT OR UPDATE t (cols) VALUES (...)',
    )
  const close = closingParen(tokens, open)
  const columns = commaSeparated(tokens, open, close).map((item) => {
    const significant = item.filter((token) => !isTrivia(token))
    if (significant.length !== 1 || !isIdentifier(significant[0]))
      throw irisError(-1, 'a column name is expected')
    return identifierName(significant[0])
  })
  let at = nextSignificant(tokens, close + 1)
  if (!isWord(tokens[at], 'VALUES')) throw irisError(-1, 'INSERT OR UPDATE takes VALUES (...) rows')
  const rows: string[][] = []
  for (;;) {
    const rowOpen = nextSignificant(tokens, at + 1)
    if (tokens[rowOpen]?.text !== '(') throw irisError(-12, 'a row of values is expected')
    const rowClose = closingParen(tokens, rowOpen)
    const row = commaSeparated(tokens, rowOpen, rowClose).map(trimmedText)
    if (row.length !== columns.length)
      throw irisError(-1, `${columns.length} columns but ${row.length} values`)
    rows.push(row)
    at = nextSignificant(tokens, rowClose + 1)
    if (at < 0) break
    if (tokens[at]?.text !== ',')
      throw irisError(-25, `unexpected ${tokens[at]?.text} after the VALUES rows`)
  }
  return { ...base, type: 'upsert', kind: 'insert', target: name.table, columns, rows }
}
