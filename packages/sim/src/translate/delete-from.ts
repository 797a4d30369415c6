/**
 * `DELETE t ...`: IRIS's DELETE takes its table with or without the FROM keyword
 * (docs/iris-sql.md#insert-update-and-delete); the simulator writes the FROM PostgreSQL needs.
 */
import { isWord, nextSignificant, type Token, token } from './tokenizer.js'

/** The DELETE with `FROM` before its table; any other statement as it is. */
export function rewriteDeleteFrom(tokens: readonly Token[]): Token[] {
  const first = nextSignificant(tokens, 0)
  if (!isWord(tokens[first], 'DELETE')) return [...tokens]
  // DELETE's keyword options (%NOLOCK, ...) are gone by now (keyword-options.ts).
  const table = nextSignificant(tokens, first + 1)
  if (table < 0 || isWord(tokens[table], 'FROM')) return [...tokens]
  return [
    ...tokens.slice(0, table),
    token('word', 'FROM', 0),
    token('space', ' ', 0),
    ...tokens.slice(table),
  ]
}
