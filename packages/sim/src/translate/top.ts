/**
 * `SELECT TOP n | TOP ? | TOP ALL` at any nesting level (docs/iris-sql.md#row-limits) → PostgreSQL
 * LIMIT at the end of that SELECT; `TOP ALL` means no limit. A SELECT that is an operand of UNION /
 * INTERSECT / EXCEPT is parenthesized so its LIMIT stays its own.
 */
import { irisError } from './iris-error.js'
import { inSetOperation, selectEnd, selectIndexes, topIndex, trimmedEnd } from './select-parts.js'
import {
  closingParen,
  isWord,
  nextSignificant,
  retokenize,
  type Token,
  token,
} from './tokenizer.js'

function rewriteOne(tokens: Token[], select: number): Token[] {
  const top = topIndex(tokens, select)
  if (top < 0) return tokens
  const argStart = nextSignificant(tokens, top + 1)
  const arg = tokens[argStart]
  let argEnd: number
  if (arg?.type === 'number' || arg?.type === 'param' || isWord(arg, 'ALL')) argEnd = argStart + 1
  else if (arg?.text === '(') argEnd = closingParen(tokens, argStart) + 1
  else throw irisError(-12, 'TOP needs an integer, a parameter or ALL')
  if (arg?.type === 'number' && !/^\d+$/.test(arg.text)) throw irisError(-1, 'TOP needs an integer')
  const limit = isWord(arg, 'ALL')
    ? ''
    : ` LIMIT ${tokens
        .slice(argStart, argEnd)
        .map((t) => t.text)
        .join('')}`
  const end = selectEnd(tokens, select)
  const wrap = inSetOperation(tokens, select, end)
  const bodyEnd = trimmedEnd(tokens, end)
  const depth = tokens[select]?.depth ?? 0
  const afterArg = nextSignificant(tokens, argEnd)
  return [
    ...tokens.slice(0, select),
    ...(wrap ? [token('punct', '(', depth)] : []),
    ...tokens.slice(select, top),
    ...tokens.slice(afterArg < 0 ? argEnd : afterArg, bodyEnd),
    token('word', limit, depth),
    ...(wrap ? [token('punct', ')', depth)] : []),
    ...tokens.slice(bodyEnd),
  ]
}

export function rewriteTop(tokens: readonly Token[]): Token[] {
  let current = [...tokens]
  // Last SELECT first: rewriting one never moves the tokens of an earlier one.
  for (const select of selectIndexes(current).reverse()) {
    if (topIndex(current, select) >= 0) current = retokenize(rewriteOne(current, select))
  }
  return current
}
