/**
 * PostgreSQL's label for a select item without alias (its FigureColname, for the expressions the
 * VARCHAR rewrites touch): a rewrite that wraps such an item gives it this label as an alias, so
 * that the result is labelled as it was (docs/iris-sql.md#labels-and-row-counts).
 */

import type { TokenRange } from './case-results.js'
import {
  caseEnd,
  closingParen,
  isPunct,
  isTrivia,
  isWord,
  nextSignificant,
  previousSignificant,
  type Token,
} from './tokenizer.js'

/** A label and whether PostgreSQL takes it over a CASE's `case` (a name, not a type's or `?column?`). */
interface Label {
  text: string
  strong: boolean
}

const WEAK = { text: '"?column?"', strong: false }

function labelOf(tokens: readonly Token[], [first, last]: TokenRange): Label {
  const significant = tokens.slice(first, last + 1).filter((token) => !isTrivia(token))
  const head = significant[0]
  const reference = significant.every((token, i) =>
    i % 2 === 0 ? token.type === 'word' || token.type === 'quoted' : isPunct(token, '.'),
  )
  if (reference && significant.length % 2 === 1)
    return { text: (significant.at(-1) as Token).text, strong: true }
  if (isWord(head, 'CASE') && caseEnd(tokens, first) === last) {
    const elseAt = tokens.findLastIndex(
      (t, i) => i > first && i < last && t.depth === head?.depth && isWord(t, 'ELSE'),
    )
    const otherwise = elseAt < 0 ? WEAK : labelOf(tokens, trimmed(tokens, elseAt + 1, last - 1))
    return otherwise.strong ? otherwise : { text: '"case"', strong: false }
  }
  return callLabel(tokens, significant, last)
}

/** A call `[schema.]f(...)` spanning the expression is labelled `f`; a CAST as its operand or type. */
function callLabel(tokens: readonly Token[], significant: readonly Token[], last: number): Label {
  const name = significant.findIndex(
    (t, i) => isPunct(significant[i + 1], '(') && t.type === 'word',
  )
  const open = significant[name + 1]
  const qualified = significant.slice(0, name).every((t, i) => (i % 2 === 1) === isPunct(t, '.'))
  const openAt = open === undefined ? -1 : tokens.indexOf(open)
  if (name < 0 || name % 2 === 1 || !qualified || closingParen(tokens, openAt) !== last) return WEAK
  const head = significant[name] as Token
  if (!isWord(head, 'CAST')) return { text: head.text, strong: true }
  const depth = (open?.depth ?? 0) + 1
  const as = tokens.findIndex((t, i) => i > openAt && t.depth === depth && isWord(t, 'AS'))
  if (as < 0) return WEAK
  const operand = labelOf(tokens, trimmed(tokens, openAt + 1, as - 1))
  const type = tokens.slice(as + 1, last).find((t) => !isTrivia(t))
  return operand.strong || !type ? operand : { text: type.text, strong: false }
}

/** [from, to] without the trivia at either end; the range holds a value, so neither is -1. */
const trimmed = (tokens: readonly Token[], from: number, to: number): TokenRange => [
  nextSignificant(tokens, from),
  previousSignificant(tokens, to),
]

/** PostgreSQL's label for the expression `range` as a select item without alias, quoted as needed. */
export function pgLabel(tokens: readonly Token[], range: TokenRange): string {
  return labelOf(tokens, range).text
}
