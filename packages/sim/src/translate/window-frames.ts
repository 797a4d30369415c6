/**
 * Where a window and its frame are, for the checks that read predicates: a window's frame
 * (`ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING`) holds a BETWEEN ... AND that is no predicate
 * (docs/iris-sql.md#window-functions). window-clauses.ts refuses the frames IRIS does not document.
 */
import { isWord, openingParen, previousSignificant, type Token } from './tokenizer.js'

/** The words that start a window's frame. */
export const FRAME_UNITS: readonly string[] = ['ROWS', 'RANGE', 'GROUPS']

/** True when the `(` at `open` follows OVER: it holds a window. */
export function opensWindow(tokens: readonly Token[], open: number): boolean {
  return isWord(tokens[previousSignificant(tokens, open - 1)], 'OVER')
}

/** True when the token at `i` starts the frame of a window: ROWS, RANGE or GROUPS in OVER (...). */
export function startsWindowFrame(tokens: readonly Token[], i: number): boolean {
  if (!FRAME_UNITS.some((unit) => isWord(tokens[i], unit))) return false
  const open = openingParen(tokens, i)
  return open >= 0 && opensWindow(tokens, open)
}
