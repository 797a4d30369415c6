/**
 * The ORDER BY lists of a statement, of a query, a window or an aggregate: where each starts and
 * where each of its items is, for the rules that rewrite ORDER BY items (null-order.ts,
 * exact-order.ts).
 */
import { isWord, nextSignificant, type Token } from './tokenizer.js'

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

export interface OrderByList {
  /** Index of the ORDER keyword. */
  order: number
  /** Each item's tokens as [start, end): what lies between `BY` or a comma and the next comma or the list's end, blanks included. */
  items: Array<[number, number]>
}

/** Every ORDER BY list of `tokens`, in order, those nested in another's item (a subquery's) included. */
export function orderByLists(tokens: readonly Token[]): OrderByList[] {
  const lists: OrderByList[] = []
  for (let order = 0; order < tokens.length; order++) {
    if (!isWord(tokens[order], 'ORDER')) continue
    const by = nextSignificant(tokens, order + 1)
    if (!isWord(tokens[by], 'BY')) continue
    const depth = (tokens[order] as Token).depth
    const items: Array<[number, number]> = [[by + 1, by + 1]]
    for (let i = by + 1; i < tokens.length && !endsList(tokens[i] as Token, depth); i++) {
      const t = tokens[i] as Token
      if (t.depth === depth && t.text === ',') items.push([i + 1, i + 1])
      else (items.at(-1) as [number, number])[1] = i + 1
    }
    lists.push({ order, items })
  }
  return lists
}
