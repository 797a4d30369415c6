/**
 * NULL collates lowest in IRIS, so it comes first in ascending order and last in descending order;
 * PostgreSQL does the opposite. Every ORDER BY item (of a query, a window or an aggregate) gets
 * the explicit `NULLS FIRST` / `NULLS LAST` that gives IRIS's order (docs/iris-sql.md#collation).
 * A `NULLS FIRST` / `NULLS LAST` written in the SQL is not IRIS SQL and is refused before this
 * runs (reject.ts).
 */
import { orderByLists } from './order-by-items.js'
import { isWord, previousSignificant, type Token } from './tokenizer.js'

function nullsOrder(last: Token | undefined, depth: number): Token[] {
  const order = isWord(last, 'DESC') ? 'LAST' : 'FIRST'
  return [
    { type: 'space', text: ' ', depth },
    { type: 'word', text: 'NULLS', depth },
    { type: 'space', text: ' ', depth },
    { type: 'word', text: order, depth },
  ]
}

export function rewriteNullOrder(tokens: readonly Token[]): Token[] {
  if (!tokens.some((token) => isWord(token, 'ORDER'))) return [...tokens]
  // The words go after each item's last significant token, before its trailing blanks.
  const after = new Map<number, Token[]>()
  for (const { order, items } of orderByLists(tokens)) {
    const depth = (tokens[order] as Token).depth
    for (const [start, end] of items) {
      const last = Math.max(previousSignificant(tokens, end - 1), start - 1)
      after.set(last, nullsOrder(last >= start ? tokens[last] : undefined, depth))
    }
  }
  const out: Token[] = []
  tokens.forEach((token, i) => {
    out.push(token)
    const words = after.get(i)
    if (words) out.push(...words)
  })
  return out
}
