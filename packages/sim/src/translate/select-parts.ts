/**
 * Locating the parts of a SELECT in a token list: where its TOP and its select list start (after DISTINCT [BY
 * (...)] and TOP, docs/iris-sql.md#row-limits, docs/iris-sql.md#distinct-by) and where the SELECT
 * ends.
 */
import {
  closingParen,
  isWord,
  nextSignificant,
  previousSignificant,
  type Token,
} from './tokenizer.js'

const SET_OPERATORS = ['UNION', 'INTERSECT', 'EXCEPT']

/** Index of the TOP keyword of the SELECT at `select`, or -1. Skips `%keyword`s and DISTINCT [BY (...)] / ALL. */
export function topIndex(tokens: readonly Token[], select: number): number {
  const i = afterQuantifier(tokens, select)
  return isWord(tokens[i], 'TOP') ? i : -1
}

/** Index of what follows the `%keyword`s and DISTINCT [BY (...)] / ALL of the SELECT at `select`. */
function afterQuantifier(tokens: readonly Token[], select: number): number {
  let i = nextSignificant(tokens, select + 1)
  while (
    i >= 0 &&
    tokens[i]?.type === 'word' &&
    tokens[i]?.text.startsWith('%') &&
    !isWord(tokens[i], '%VID')
  ) {
    i = nextSignificant(tokens, i + 1)
  }
  if (isWord(tokens[i], 'DISTINCT')) {
    i = nextSignificant(tokens, i + 1)
    if (isWord(tokens[i], 'BY') || isWord(tokens[i], 'ON')) {
      const open = nextSignificant(tokens, i + 1)
      i = nextSignificant(tokens, closingParen(tokens, open) + 1)
    }
  } else if (isWord(tokens[i], 'ALL')) {
    i = nextSignificant(tokens, i + 1)
  }
  return i
}

/** Index of the first token of the select list of the SELECT at `select` (after TOP and its count). */
export function selectListStart(tokens: readonly Token[], select: number): number {
  const top = topIndex(tokens, select)
  if (top < 0) return afterQuantifier(tokens, select)
  const count = nextSignificant(tokens, top + 1)
  const end = tokens[count]?.text === '(' ? closingParen(tokens, count) : count
  return nextSignificant(tokens, end + 1)
}

/** Indexes of every SELECT keyword. */
export function selectIndexes(tokens: readonly Token[]): number[] {
  const indexes: number[] = []
  tokens.forEach((token, i) => {
    if (isWord(token, 'SELECT')) indexes.push(i)
  })
  return indexes
}

/** One past the last token of the SELECT at `select`: a closing `)`, a set operator at its depth, or the end. */
export function selectEnd(tokens: readonly Token[], select: number): number {
  const depth = tokens[select]?.depth ?? 0
  for (let i = select + 1; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (token.depth < depth) return i
    if (token.depth === depth && token.type === 'punct' && token.text === ';') return i
    if (token.depth === depth && SET_OPERATORS.some((word) => isWord(token, word))) return i
  }
  return tokens.length
}

/** True when the SELECT at `select` is an operand of UNION / INTERSECT / EXCEPT at its depth. */
export function inSetOperation(tokens: readonly Token[], select: number, end: number): boolean {
  const next = tokens[end]
  if (next && SET_OPERATORS.some((word) => isWord(next, word))) return true
  let previous = previousSignificant(tokens, select - 1)
  if (isWord(tokens[previous], 'ALL') || isWord(tokens[previous], 'DISTINCT'))
    previous = previousSignificant(tokens, previous - 1)
  return SET_OPERATORS.some((word) => isWord(tokens[previous], word))
}

/** One past the last significant token before `end`. */
export function trimmedEnd(tokens: readonly Token[], end: number): number {
  return previousSignificant(tokens, end - 1) + 1
}
