/**
 * NULL collates lowest in IRIS, so it comes first in ascending order and last in descending order;
 * PostgreSQL does the opposite. Every ORDER BY item (of a query, a window or an aggregate) gets
 * the explicit `NULLS FIRST` / `NULLS LAST` that gives IRIS's order (docs/iris-sql.md#collation).
 * A `NULLS FIRST` / `NULLS LAST` written in the SQL is not IRIS SQL and is refused before this
 * runs (reject.ts). In the same pass, given `exactCollated` (the statement has an expression
 * collated EXACT, functions.ts), an item known EXACT sorts in EXACT order (exact-order.ts).
 */
import { exactOrdering } from './exact-order.js'
import { isTrivia, isWord, nextSignificant, type Token } from './tokenizer.js'

/** Words that end an ORDER BY list at its depth. */
const LIST_ENDS = [
  'LIMIT',
  'OFFSET',
  'FETCH',
  'FOR',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'ROWS',
  'RANGE',
  'GROUPS',
]

function endsList(token: Token, depth: number): boolean {
  if (token.depth < depth) return true
  if (token.depth > depth) return false
  return token.text === ';' || LIST_ENDS.some((word) => isWord(token, word))
}

function nullsOrder(item: readonly Token[], depth: number): Token[] {
  const last = [...item].reverse().find((token) => !isTrivia(token))
  const order = isWord(last, 'DESC') ? 'LAST' : 'FIRST'
  return [
    { type: 'space', text: ' ', depth },
    { type: 'word', text: 'NULLS', depth },
    { type: 'space', text: ' ', depth },
    { type: 'word', text: order, depth },
  ]
}

export function rewriteNullOrder(tokens: readonly Token[], exactCollated: boolean): Token[] {
  if (!tokens.some((token) => isWord(token, 'ORDER'))) return [...tokens]
  const out: Token[] = []
  let i = 0
  while (i < tokens.length) {
    const token = tokens[i] as Token
    out.push(token)
    i++
    if (!isWord(token, 'ORDER')) continue
    const by = nextSignificant(tokens, i)
    if (!isWord(tokens[by], 'BY')) continue
    const ordered = exactCollated ? exactOrdering(out, out.length - 1) : undefined
    out.push(...tokens.slice(i, by + 1))
    i = by + 1
    const depth = token.depth
    let item: Token[] = []
    const closeItem = () => {
      // Trailing blanks stay after the inserted words.
      if (ordered) item = ordered(item)
      const end = item.length - [...item].reverse().findIndex((t) => !isTrivia(t))
      out.push(...item.slice(0, end), ...nullsOrder(item, depth), ...item.slice(end))
      item = []
    }
    while (i < tokens.length && !endsList(tokens[i] as Token, depth)) {
      const next = tokens[i] as Token
      if (next.depth === depth && next.text === ',') {
        closeItem()
        out.push(next)
      } else {
        item.push(next)
      }
      i++
    }
    closeItem()
  }
  return out
}
