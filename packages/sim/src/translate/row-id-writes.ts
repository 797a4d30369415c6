/**
 * Writing the RowID: IRIS gives each new row its RowID and never changes it, so `%ID` cannot be a
 * column an INSERT fills (SQLCODE -111) or one an UPDATE sets (SQLCODE -107)
 * (docs/iris-sql.md#rowid).
 */
import { irisError } from './iris-error.js'
import { isIdentifier } from './names.js'
import { isPunct, isWord, nextSignificant, previousSignificant, type Token } from './tokenizer.js'

/** Index of the `(` that directly encloses the token at `at`, or -1. */
function enclosingParen(tokens: readonly Token[], at: number): number {
  const depth = (tokens[at] as Token).depth
  for (let i = at - 1; i >= 0; i--) {
    const t = tokens[i] as Token
    if (isPunct(t, '(') && t.depth === depth - 1) return i
    if (t.depth < depth) return -1
  }
  return -1
}

/** `INSERT [INTO] t (..., %ID, ...)`: the `%ID` reference from `start` is an item of the column list. */
function isInsertedColumn(tokens: readonly Token[], start: number): boolean {
  if (!isWord(tokens[nextSignificant(tokens, 0)], 'INSERT')) return false
  const open = enclosingParen(tokens, start)
  // The column list follows the table's name; a VALUES row follows VALUES.
  const before = tokens[previousSignificant(tokens, open - 1)]
  return open >= 0 && isIdentifier(before) && !isWord(before, 'VALUES')
}

/** `UPDATE t SET [t.]%ID = ...`: the `%ID` reference from `start` is an assignment's target. */
function isAssignedColumn(
  tokens: readonly Token[],
  verb: number,
  start: number,
  end: number,
): boolean {
  if (!isWord(tokens[verb], 'UPDATE') || tokens[start]?.depth !== tokens[verb]?.depth) return false
  const before = tokens[previousSignificant(tokens, start - 1)]
  const after = tokens[nextSignificant(tokens, end)]
  return (
    (isWord(before, 'SET') || isPunct(before, ',')) && after?.type === 'op' && after.text === '='
  )
}

/**
 * Refuses the `%ID` reference from `start` to `end` (exclusive) when it is written to; `verb` is the
 * index of its query's SELECT / UPDATE / DELETE, or -1 outside a query.
 */
export function refuseRowIdWrite(
  tokens: readonly Token[],
  verb: number,
  start: number,
  end: number,
): void {
  if (verb < 0 && isInsertedColumn(tokens, start))
    throw irisError(
      -111,
      '%ID is the RowID, which IRIS gives each new row itself: leave it out of the INSERT column list',
    )
  if (verb >= 0 && isAssignedColumn(tokens, verb, start, end))
    throw irisError(
      -107,
      '%ID is the RowID, which never changes once IRIS has given it: an UPDATE cannot set it',
    )
}
