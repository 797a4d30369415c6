/**
 * The result expressions of a CASE (after each THEN, and after ELSE): the values whose data type
 * IRIS gives the CASE by precedence (docs/iris-sql.md#implicit-conversion).
 */
import { caseEnd, isWord, nextSignificant, previousSignificant, type Token } from './tokenizer.js'

/** A first and a last token index, both included. */
export type TokenRange = readonly [number, number]

/** The results of the CASE at `start`, at the CASE's own depth (a nested CASE is one result). */
export function caseResults(tokens: readonly Token[], start: number): TokenRange[] {
  const depth = tokens[start]?.depth
  const end = caseEnd(tokens, start)
  const results: TokenRange[] = []
  let from = -1
  for (let i = start + 1; i >= 0 && i <= end; i++) {
    const token = tokens[i] as Token
    if (token.depth !== depth) continue
    if (isWord(token, 'CASE')) {
      i = caseEnd(tokens, i)
    } else if (isWord(token, 'WHEN') || isWord(token, 'ELSE') || isWord(token, 'END')) {
      if (from >= 0) results.push([from, previousSignificant(tokens, i - 1)])
      from = isWord(token, 'ELSE') ? nextSignificant(tokens, i + 1) : -1
    } else if (isWord(token, 'THEN')) {
      from = nextSignificant(tokens, i + 1)
    }
  }
  return results
}
