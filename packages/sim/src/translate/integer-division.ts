/**
 * IRIS's integer division `a \ b` (docs/iris-sql.md#operators): the quotient truncated toward zero,
 * with `*`'s precedence under ANSI precedence, IRIS's default. PostgreSQL gives an operator of its
 * own making a lower precedence than `*` and `/`, so `\` cannot become one: `1 + 7 \ 2` would
 * parse as `(1 + 7) \ 2`. Instead `a \ b` becomes `a / iris_sim.int_divisor(b)`: `/` already has
 * the right precedence and associativity, and the divisor function wraps `b` in a type of the
 * simulator's whose `/` operators truncate (engine/division-operators.ts). So only the right
 * operand's extent needs finding: one primary, with optional signs.
 */
import { irisError } from './iris-error.js'
import {
  caseEnd,
  closingParen,
  isPunct,
  isWord,
  nextSignificant,
  retokenize,
  type Token,
  token,
} from './tokenizer.js'

const isIntegerDivision = (t: Token | undefined) => t?.type === 'op' && t.text === '\\'
const isSign = (t: Token | undefined) => t?.type === 'op' && (t.text === '+' || t.text === '-')
const isName = (t: Token | undefined) => t?.type === 'word' || t?.type === 'quoted'

/**
 * Index just past the primary starting at or after `from`: signs, then a literal, a parameter, a
 * parenthesised expression, a CASE ... END, or a (qualified) name with an optional call's
 * argument list (which covers CAST(...) and functions); -1 when there is none.
 */
function primaryEnd(tokens: readonly Token[], from: number): number {
  let i = nextSignificant(tokens, from)
  while (isSign(tokens[i])) i = nextSignificant(tokens, i + 1)
  const first = tokens[i]
  if (i < 0 || !first) return -1
  if (isPunct(first, '(')) {
    const close = closingParen(tokens, i)
    return close < 0 ? -1 : close + 1
  }
  if (first.type === 'number' || first.type === 'string' || first.type === 'param') return i + 1
  if (isWord(first, 'CASE')) {
    const end = caseEnd(tokens, i)
    return end < 0 ? -1 : end + 1
  }
  if (!isName(first)) return -1
  let end = i + 1
  for (;;) {
    const dot = nextSignificant(tokens, end)
    const part = nextSignificant(tokens, dot + 1)
    if (!isPunct(tokens[dot], '.') || !isName(tokens[part])) break
    end = part + 1
  }
  const open = nextSignificant(tokens, end)
  if (!isPunct(tokens[open], '(')) return end
  const close = closingParen(tokens, open)
  return close < 0 ? -1 : close + 1
}

export function rewriteIntegerDivision(tokens: readonly Token[]): Token[] {
  if (!tokens.some(isIntegerDivision)) return [...tokens]
  const out = [...tokens]
  // Last first: a later divisor is wrapped before an earlier one takes it into its own extent.
  for (let i = out.length - 1; i >= 0; i--) {
    if (!isIntegerDivision(out[i])) continue
    const end = primaryEnd(out, i + 1)
    if (end < 0) throw irisError(-1, 'integer division \\ needs a right operand')
    const depth = (out[i] as Token).depth
    out.splice(end, 0, token('punct', ')', depth))
    out.splice(nextSignificant(out, i + 1), 0, token('word', 'iris_sim.int_divisor(', depth))
    out.splice(i, 1, token('op', '/', depth))
  }
  return retokenize(out)
}
