/** `SELECT DISTINCT BY (a, b)` (docs/iris-sql.md#distinct-by) → PostgreSQL `DISTINCT ON (a, b)`. */
import { isWord, nextSignificant, type Token } from './tokenizer.js'

export function rewriteDistinctBy(tokens: readonly Token[]): Token[] {
  return tokens.map((token, i) => {
    if (!isWord(token, 'BY')) return token
    const previous = tokens.slice(0, i).findLast((t) => t.type !== 'space' && t.type !== 'comment')
    const open = tokens[nextSignificant(tokens, i + 1)]
    return isWord(previous, 'DISTINCT') && open?.text === '(' ? { ...token, text: 'ON' } : token
  })
}
