/**
 * Row-limit rules (docs/iris-sql.md#row-limits, docs/iris-sql.md#simulator-profiles): TOP, LIMIT
 * and FETCH cannot be mixed in one statement (SQLCODE -386, read strictly: subqueries included);
 * LIMIT or FETCH after ORDER BY inside a subquery is not supported; OFFSET goes with LIMIT or
 * FETCH; before IRIS 2025.1 there is no LIMIT / OFFSET (nor FETCH) at all.
 */
import { irisError } from './iris-error.js'
import type { IrisVersion } from './plan.js'
import { selectIndexes, topIndex } from './select-parts.js'
import { isWord, previousSignificant, type Token } from './tokenizer.js'

const LIMIT_SINCE: IrisVersion = [2025, 1]

function before(version: IrisVersion, than: IrisVersion): boolean {
  return version[0] < than[0] || (version[0] === than[0] && version[1] < than[1])
}

/** Whether an opening `(` starts a subquery rather than a parenthesized top-level query operand. */
function opensSubquery(tokens: readonly Token[], open: number): boolean {
  const previous = tokens[previousSignificant(tokens, open - 1)]
  if (previous === undefined) return false
  return (
    !['UNION', 'INTERSECT', 'EXCEPT', 'ALL', 'DISTINCT'].some((word) => isWord(previous, word)) &&
    previous.text !== '('
  )
}

/** The `(` enclosing index `at`, or -1. */
function enclosingParen(tokens: readonly Token[], at: number): number {
  const depth = tokens[at]?.depth ?? 0
  for (let i = at - 1; i >= 0; i--) {
    const token = tokens[i] as Token
    if (token.text === '(' && token.type === 'punct' && token.depth === depth - 1) return i
  }
  return -1
}

export function checkRowLimits(tokens: readonly Token[], irisVersion: IrisVersion): void {
  // One pass with no allocation per token: statements can be long (a 1000-row bulk insert).
  const limits: number[] = []
  const offsets: number[] = []
  const fetches: number[] = []
  tokens.forEach((token, i) => {
    if (isWord(token, 'LIMIT')) limits.push(i)
    else if (isWord(token, 'OFFSET')) offsets.push(i)
    else if (isWord(token, 'FETCH')) fetches.push(i)
  })
  const tops = selectIndexes(tokens).filter((select) => topIndex(tokens, select) >= 0)
  // OFFSET goes with LIMIT (`LIMIT n OFFSET m`), or with FETCH (`OFFSET m ROWS FETCH NEXT n ROWS ONLY`).
  const limitStyle = limits.length > 0 || (offsets.length > 0 && fetches.length === 0)
  const styles = [tops.length > 0, limitStyle, fetches.length > 0].filter(Boolean)
  if (styles.length > 1) throw irisError(-386) // docs/iris-sql.md#row-limits
  const since = [...limits, ...offsets, ...fetches].map((at) => tokens[at]?.text.toUpperCase())
  if (since.length > 0 && before(irisVersion, LIMIT_SINCE)) {
    // docs/iris-sql.md#vid-paging: before 2025.1 IRIS has only TOP and %VID.
    throw irisError(-25, `${since[0]} is not supported before IRIS 2025.1; use TOP and %VID`)
  }
  if (offsets.length > 0 && limits.length === 0 && fetches.length === 0)
    // docs/iris-sql.md#row-limits: IRIS's OFFSET belongs to a LIMIT or a FETCH clause.
    throw irisError(
      -1,
      'OFFSET alone is not IRIS SQL; write LIMIT n OFFSET m, OFFSET m FETCH n, or page with %VID',
    )
  for (const limit of [...limits, ...fetches]) {
    const open = enclosingParen(tokens, limit)
    if (open < 0 || !opensSubquery(tokens, open)) continue
    const depth = tokens[limit]?.depth
    const ordered = tokens
      .slice(open + 1, limit)
      .some((token) => token.depth === depth && isWord(token, 'ORDER'))
    const clause = tokens[limit]?.text.toUpperCase()
    if (ordered)
      throw irisError(-1, `${clause} after ORDER BY is not supported in a subquery; use TOP`) // docs/iris-sql.md#row-limits
  }
}
