/**
 * IRIS `LIKE` has no escape character unless the statement names one with `ESCAPE` (doc
 * `RSQL_like`, docs/iris-sql.md#like): `\` is an ordinary pattern character, so any value matches
 * itself as a pattern. PostgreSQL's LIKE escapes with `\` by default; `ESCAPE ''` turns that off.
 * So every `[NOT] LIKE` without an ESCAPE clause gets `ESCAPE ''` right after its pattern operand.
 */
import {
  caseEnd,
  closingParen,
  isComparison,
  isPunct,
  isWord,
  nextSignificant,
  type Token,
  token,
} from './tokenizer.js'

/** The operands a pattern can start with (after any unary sign). */
const PRIMARY_TYPES = new Set(['word', 'quoted', 'string', 'number', 'param'])

/**
 * Index just past the pattern operand of the LIKE (or another string predicate, such as
 * `%STARTSWITH`) at `like`, or -1 when what follows is not an operand (the statement is then left
 * as written, for PostgreSQL to judge). An operand is primaries
 * (names, literals, parameters, calls, parenthesized expressions, CASE … END) joined by operators
 * that bind tighter than LIKE (`||`, arithmetic, `::`).
 */
export function patternEnd(tokens: readonly Token[], like: number): number {
  let end = -1
  let expectOperand = true
  let i = nextSignificant(tokens, like + 1)
  while (i >= 0) {
    const t = tokens[i] as Token
    if (expectOperand) {
      if (t.type === 'op' && (t.text === '-' || t.text === '+')) {
        i = nextSignificant(tokens, i + 1)
        continue
      }
      const last = isPunct(t, '(')
        ? closingParen(tokens, i)
        : isWord(t, 'CASE')
          ? caseEnd(tokens, i)
          : i
      if (last < 0 || (last === i && !PRIMARY_TYPES.has(t.type))) return -1
      end = last + 1
      expectOperand = false
    } else if (isPunct(t, '(')) {
      end = closingParen(tokens, i) + 1 // a call: `f(x)`, `varchar(10)`
      if (end === 0) return -1
    } else if (isPunct(t, '.')) {
      expectOperand = true
    } else if (t.type === 'op' && !isComparison(t)) {
      // Any other operator continues the pattern; a comparison binds looser than LIKE (as in
      // PostgreSQL), so it ends it (below).
      expectOperand = true
    } else {
      break
    }
    i = nextSignificant(tokens, end > i ? end : i + 1)
  }
  return expectOperand ? -1 : end
}

const isLike = (t: Token) => isWord(t, 'LIKE')

/**
 * The `[first, last]` token ranges of the patterns after the operators `isOperator` picks: LIKE's
 * by default, and so the `%STARTSWITH` prefixes, which become LIKE patterns. LIKE matches under
 * its value's collation (docs/iris-sql.md#like), so the rewrites that give an expression an
 * explicit collation leave a LIKE pattern alone: there it would override the value's.
 */
export function patternRanges(
  tokens: readonly Token[],
  isOperator: (t: Token) => boolean = isLike,
): [number, number][] {
  const ranges: [number, number][] = []
  tokens.forEach((t, i) => {
    if (!isOperator(t)) return
    const end = patternEnd(tokens, i)
    if (end > i) ranges.push([i + 1, end - 1])
  })
  return ranges
}

export function rewriteLikeEscape(tokens: readonly Token[]): Token[] {
  const inserts = new Map<number, number>() // index the ESCAPE goes before → LIKE's depth
  tokens.forEach((t, i) => {
    if (!isWord(t, 'LIKE')) return
    const end = patternEnd(tokens, i)
    if (end < 0 || isWord(tokens[nextSignificant(tokens, end)], 'ESCAPE')) return
    inserts.set(end, t.depth)
  })
  if (inserts.size === 0) return [...tokens]
  const out: Token[] = []
  for (let i = 0; i <= tokens.length; i++) {
    const depth = inserts.get(i)
    if (depth !== undefined) {
      out.push(token('space', ' ', depth), token('word', 'ESCAPE', depth))
      out.push(token('space', ' ', depth), token('string', "''", depth))
    }
    if (i < tokens.length) out.push(tokens[i] as Token)
  }
  return out
}
