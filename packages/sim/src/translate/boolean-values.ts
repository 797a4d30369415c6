/**
 * Boolean values, which IRIS SQL does not have (docs/iris-sql.md#booleans): TRUE and FALSE are
 * reserved words, not literals, and a predicate is a condition, not a value that an operator or
 * another predicate could take. PostgreSQL has both, so the translator refuses them here:
 * - the words TRUE and FALSE;
 * - a predicate in parentheses, or `EXISTS (...)`, next to an operator (`(a = 1) = (b = 2)`,
 *   `x = EXISTS (...)`, `(a = 1) || 'x'`) or before a predicate word (`(a = 1) IS NULL`).
 * A predicate selected as a column is refused by its result type (engine/predicate-columns.ts),
 * one without parentheses as an operand or in a value's place by predicate-operands.ts; what none
 * of these checks sees is listed in docs/iris-sql.md#simulator-limits.
 */
import { callAt } from './function-calls.js'
import { irisError } from './iris-error.js'
import {
  caseEnd,
  closingParen,
  isComparison,
  isPunct,
  isWord,
  nextSignificant,
  previousSignificant,
  type Token,
} from './tokenizer.js'
import { opensTypeParameters } from './type-classes.js'
import { opensWindow } from './window-frames.js'

/** Words that make a parenthesised expression a condition (doc RSQL_predicates, RSQL_symbols). */
const CONDITION_WORDS: readonly string[] = [
  'AND',
  'OR',
  'NOT',
  'IS',
  'LIKE',
  'IN',
  'BETWEEN',
  'EXISTS',
  '%STARTSWITH',
  '%MATCHES',
  '%INLIST',
  '%FIND',
]

/** Predicate words that take a value on their left, which a predicate is not. */
const TAKES_A_VALUE: readonly string[] = [
  'IS',
  'LIKE',
  'IN',
  'BETWEEN',
  'NOT',
  '%STARTSWITH',
  '%MATCHES',
  '%INLIST',
]

const isCondition = (token: Token) =>
  isComparison(token) || CONDITION_WORDS.some((word) => isWord(token, word))

/** True when the token before the `(` at `open` names a call: then its content is arguments. */
function isCall(tokens: readonly Token[], open: number): boolean {
  return callAt(tokens, previousSignificant(tokens, open - 1)) !== undefined
}

/**
 * True when the parentheses at `open`..`close` hold a condition: a comparison or a predicate word
 * at their own level, outside any CASE ... END and nested call, and they are no subquery.
 */
function holdsCondition(tokens: readonly Token[], open: number, close: number): boolean {
  const depth = (tokens[open] as Token).depth + 1
  if (isWord(tokens[nextSignificant(tokens, open + 1)], 'SELECT')) return false
  for (let i = open + 1; i < close; i++) {
    const token = tokens[i] as Token
    if (token.depth !== depth) continue
    if (isWord(token, 'CASE')) {
      const end = caseEnd(tokens, i)
      if (end < 0) return false
      i = end
    } else if (isPunct(token, '(')) {
      const inner = closingParen(tokens, i)
      if (inner < 0) return false
      if (!isCall(tokens, i) && holdsCondition(tokens, i, inner)) return true
      i = inner
    } else if (isCondition(token)) return true
  }
  return false
}

/** True when the token at `i` takes the predicate next to it as a value. */
function takesValue(token: Token | undefined, after: boolean): boolean {
  if (token?.type === 'op') return true
  return after && TAKES_A_VALUE.some((word) => isWord(token, word))
}

/** The `(`, `)` of the predicate starting at `i`, if one does: a condition in parentheses or EXISTS (...). */
function predicateAt(tokens: readonly Token[], i: number): [number, number] | undefined {
  const token = tokens[i]
  if (isWord(token, 'EXISTS')) {
    const open = nextSignificant(tokens, i + 1)
    const close = isPunct(tokens[open], '(') ? closingParen(tokens, open) : -1
    return close > 0 ? [open, close] : undefined
  }
  if (!isPunct(token, '(') || isCall(tokens, i) || opensWindow(tokens, i)) return undefined
  if (opensTypeParameters(tokens, i)) return undefined
  const close = closingParen(tokens, i)
  return close > 0 && holdsCondition(tokens, i, close) ? [i, close] : undefined
}

/** Throws for TRUE, FALSE, or a predicate used as a value. */
export function rejectBooleanValues(tokens: readonly Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (isWord(token, 'TRUE') || isWord(token, 'FALSE')) {
      throw irisError(
        -1,
        `${token.text} is a reserved word of IRIS SQL, not a value: IRIS has no boolean literals; write 1 or 0 for a BIT value, and a condition such as 1 = 1 where one goes`,
      )
    }
    const predicate = predicateAt(tokens, i)
    if (!predicate) continue
    const before = tokens[previousSignificant(tokens, i - 1)]
    const after = tokens[nextSignificant(tokens, predicate[1] + 1)]
    if (takesValue(before, false) || takesValue(after, true)) {
      throw irisError(
        -1,
        'a predicate is a condition in IRIS SQL, not a value that an operator or another predicate can take; for its value write CASE WHEN <predicate> THEN 1 ELSE 0 END',
      )
    }
  }
}
