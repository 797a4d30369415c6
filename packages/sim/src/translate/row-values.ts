/**
 * Row values, which IRIS does not have (docs/iris-sql.md#operators): IN and the comparisons take
 * one scalar expression, so `(a, b) IN (...)` and `(a, b) = (1, 2)` are refused, where PostgreSQL
 * would run them.
 */
import { irisError } from './iris-error.js'
import { isComparison, isWord, type Token } from './tokenizer.js'

/** Words after which a parenthesis opens a condition's operand, not a call's arguments or a list. */
const CONDITION_STARTS = ['WHERE', 'AND', 'OR', 'NOT', 'ON', 'WHEN', 'HAVING']

/** Throws for a parenthesised list of values (`(a, b)`) compared with IN or an operator. */
export function rejectRowValues(significant: readonly Token[]): void {
  const open: { index: number; hasComma: boolean }[] = []
  significant.forEach((token, i) => {
    if (token.type !== 'punct') return
    if (token.text === '(') open.push({ index: i, hasComma: false })
    else if (token.text === ',' && open.length > 0) open[open.length - 1]!.hasComma = true
    else if (token.text === ')') {
      const group = open.pop()
      if (
        group?.hasComma &&
        opensOperand(significant[group.index - 1]) &&
        isCompared(significant, i + 1)
      ) {
        throw irisError(
          -1,
          'a row value (a, b) is not IRIS SQL: IN and comparisons take one value; compare the values one by one',
        )
      }
    }
  })
}

function opensOperand(before: Token | undefined): boolean {
  if (before === undefined) return false
  if (before.type === 'punct') return before.text === '(' || before.text === ','
  if (before.type === 'op') return true
  return CONDITION_STARTS.some((word) => isWord(before, word))
}

function isCompared(significant: readonly Token[], at: number): boolean {
  const next = significant[at]
  if (next?.type === 'op') return isComparison(next)
  return isWord(next, 'IN') || (isWord(next, 'NOT') && isWord(significant[at + 1], 'IN'))
}
