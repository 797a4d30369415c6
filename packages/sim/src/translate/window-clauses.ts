/**
 * Window functions as IRIS documents them (docs/iris-sql.md#window-functions): sixteen functions
 * take `OVER ( [PARTITION BY ...] [ORDER BY ...] [ROWS BETWEEN n PRECEDING|FOLLOWING AND n
 * PRECEDING|FOLLOWING] )`, in a select list. PostgreSQL's wider window grammar (other aggregates
 * with OVER, named windows, RANGE and GROUPS frames, UNBOUNDED and CURRENT ROW bounds, EXCLUDE,
 * windows outside the select list) is refused rather than run: SQLCODE -359 for a function IRIS
 * does not document with OVER, -1 for the rest.
 */
import { callAt } from './function-calls.js'
import { irisError } from './iris-error.js'
import {
  closingParen,
  isPunct,
  isTrivia,
  isWord,
  nextSignificant,
  previousSignificant,
  type Token,
} from './tokenizer.js'
import { FRAME_UNITS } from './window-frames.js'

interface WindowFunction {
  /** True for the functions that only exist with OVER; the aggregates also run without it. */
  needsOver: boolean
  /** True when a ROWS frame means something to the function (it reads the frame's rows). */
  framed: boolean
}

const windowOnly = (framed = false): WindowFunction => ({ needsOver: true, framed })
const aggregate: WindowFunction = { needsOver: false, framed: true }

/**
 * The functions of doc RSQL_WINDOW_FUNCTIONS, keyed by the upper-case name; each has a page of its
 * own (`RSQL_windowrownumber`, ..., `RSQL_windowsum`).
 */
export const WINDOW_FUNCTIONS: ReadonlyMap<string, WindowFunction> = new Map([
  ['ROW_NUMBER', windowOnly()],
  ['RANK', windowOnly()],
  ['DENSE_RANK', windowOnly()],
  ['PERCENT_RANK', windowOnly()],
  ['CUME_DIST', windowOnly()],
  ['NTILE', windowOnly()],
  ['LAG', windowOnly()],
  ['LEAD', windowOnly()],
  ['FIRST_VALUE', windowOnly(true)],
  ['LAST_VALUE', windowOnly(true)],
  ['NTH_VALUE', windowOnly(true)],
  ['AVG', aggregate],
  ['COUNT', aggregate],
  ['MAX', aggregate],
  ['MIN', aggregate],
  ['SUM', aggregate],
])

const NAMES = [...WINDOW_FUNCTIONS.keys()].join(', ')

/**
 * Frame words outside the documented `ROWS BETWEEN n PRECEDING|FOLLOWING AND n
 * PRECEDING|FOLLOWING`, each with the fact and the fix.
 */
const UNDOCUMENTED_FRAME_WORDS: readonly (readonly [word: string, message: string])[] = [
  [
    'RANGE',
    'a RANGE frame is not in IRIS documentation, whose windows are framed with ROWS; write ROWS BETWEEN n PRECEDING AND n FOLLOWING',
  ],
  [
    'GROUPS',
    'a GROUPS frame is not in IRIS documentation, whose windows are framed with ROWS; write ROWS BETWEEN n PRECEDING AND n FOLLOWING',
  ],
  [
    'UNBOUNDED',
    'UNBOUNDED PRECEDING and UNBOUNDED FOLLOWING are not in IRIS documentation, whose frame bounds are n PRECEDING and n FOLLOWING; count rows instead, as in ROWS BETWEEN 1000000 PRECEDING AND 0 FOLLOWING, or leave the frame out',
  ],
  [
    'CURRENT',
    'CURRENT ROW is not in IRIS documentation, whose frame bounds are n PRECEDING and n FOLLOWING; write 0 PRECEDING or 0 FOLLOWING for the current row',
  ],
  [
    'EXCLUDE',
    'a frame EXCLUDE clause is not in IRIS documentation; filter the rows in a subquery instead',
  ],
]

/** The words a window may start with: its parts, in this order. */
const WINDOW_PARTS = ['PARTITION', 'ORDER', ...FRAME_UNITS]

/** The clause words that place a window call: SELECT's list allows it, the others do not. */
const PLACES = new Set(['SELECT', 'WHERE', 'HAVING', 'ON', 'BY', 'SET', 'VALUES'])

/** The significant tokens between `open` and `close`. */
function significantBetween(tokens: readonly Token[], open: number, close: number): Token[] {
  return tokens.slice(open + 1, close).filter((token) => !isTrivia(token))
}

/**
 * The clause the call at `name` sits in: the nearest placing word before it at its own level,
 * leaving each parenthesis around it. `BY` is named with the word before it (`ORDER BY`), but for
 * SELECT's own `DISTINCT BY (...)` (docs/iris-sql.md#distinct-by).
 */
function placeOf(tokens: readonly Token[], name: number): string | undefined {
  let depth = (tokens[name] as Token).depth
  for (let i = name - 1; i >= 0; i--) {
    const token = tokens[i] as Token
    if (token.depth < depth) depth = token.depth
    if (token.depth !== depth || token.type !== 'word') continue
    const word = token.text.toUpperCase()
    if (!PLACES.has(word)) continue
    if (word !== 'BY') return word
    const before = tokens[previousSignificant(tokens, i - 1)]?.text.toUpperCase()
    if (before !== 'DISTINCT') return `${before} BY`
  }
  return undefined
}

/** Throws unless the frame is `ROWS BETWEEN n PRECEDING|FOLLOWING AND n PRECEDING|FOLLOWING`. */
function checkFrame(frame: readonly Token[], name: string, ordered: boolean): void {
  for (const [word, message] of UNDOCUMENTED_FRAME_WORDS) {
    if (frame.some((token) => isWord(token, word))) throw irisError(-1, message)
  }
  const isBound = (count: Token | undefined, side: Token | undefined) =>
    count?.type === 'number' &&
    /^\d+$/.test(count.text) &&
    (isWord(side, 'PRECEDING') || isWord(side, 'FOLLOWING'))
  const [, between, from, fromSide, and, to, toSide, ...rest] = frame
  const documented =
    isWord(between, 'BETWEEN') &&
    isBound(from, fromSide) &&
    isWord(and, 'AND') &&
    isBound(to, toSide) &&
    rest.length === 0
  if (!documented) {
    throw irisError(
      -1,
      'IRIS documents one window frame, ROWS BETWEEN n PRECEDING|FOLLOWING AND n PRECEDING|FOLLOWING, with n an integer literal; write the frame that way, or leave it out',
    )
  }
  if (!ordered) {
    throw irisError(
      -1,
      `a frame in the window of ${name} without ORDER BY: IRIS documents a frame after the window's ORDER BY; order the rows, or leave the frame out`,
    )
  }
  if (!WINDOW_FUNCTIONS.get(name)?.framed) {
    throw irisError(
      -1,
      `${name} reads no frame, and IRIS documents none for it; leave ROWS BETWEEN ... out of its window`,
    )
  }
}

/**
 * Throws unless the window `( ... )` from `open` to `close` is `[PARTITION BY ...] [ORDER BY ...]
 * [frame]` (doc RSQL_windowfunctions).
 */
function checkWindowSpecification(
  tokens: readonly Token[],
  open: number,
  close: number,
  name: string,
): void {
  const depth = (tokens[open] as Token).depth + 1
  const parts = significantBetween(tokens, open, close)
  const own = parts.filter((token) => token.depth === depth)
  const first = own[0]
  if (first && !WINDOW_PARTS.some((word) => isWord(first, word))) {
    throw irisError(
      -1,
      `${first.text} at the start of the window of ${name}: IRIS windows are written OVER ([PARTITION BY ...] [ORDER BY ...] [ROWS BETWEEN ...]), without a window name`,
    )
  }
  const frameAt = parts.findIndex(
    (token) => token.depth === depth && FRAME_UNITS.some((unit) => isWord(token, unit)),
  )
  if (frameAt < 0) return
  const ordered = own.some((token) => isWord(token, 'ORDER'))
  checkFrame(parts.slice(frameAt), name, ordered)
}

/** Throws for the window of the call `name(...)` followed by OVER at `over`. */
function checkWindowCall(
  tokens: readonly Token[],
  nameAt: number,
  name: string,
  over: number,
): void {
  if (!WINDOW_FUNCTIONS.has(name)) {
    throw irisError(-359, `${name} takes no OVER clause in IRIS: its window functions are ${NAMES}`)
  }
  const open = nextSignificant(tokens, over + 1)
  if (!isPunct(tokens[open], '(')) {
    throw irisError(
      -1,
      `OVER ${tokens[open]?.text ?? ''}: IRIS has no named windows; write the window after OVER in parentheses`,
    )
  }
  checkWindowSpecification(tokens, open, closingParen(tokens, open), name)
  const place = placeOf(tokens, nameAt)
  if (place !== 'SELECT') {
    throw irisError(
      -1,
      `${name}(...) OVER (...) in ${place ?? 'this statement'}: IRIS documents window functions in a select list; select it in a subquery and filter or sort on its alias outside`,
    )
  }
}

/** True when `WINDOW name AS (` starts at `i`: PostgreSQL's clause naming a window. */
function isWindowClause(tokens: readonly Token[], i: number): boolean {
  if (!isWord(tokens[i], 'WINDOW')) return false
  const name = nextSignificant(tokens, i + 1)
  if (name < 0 || !['word', 'quoted'].includes((tokens[name] as Token).type)) return false
  const as = nextSignificant(tokens, name + 1)
  return as >= 0 && isWord(tokens[as], 'AS')
}

/** Throws for the first window IRIS does not document (docs/iris-sql.md#window-functions). */
export function checkWindows(tokens: readonly Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (isWindowClause(tokens, i)) {
      throw irisError(
        -1,
        'a WINDOW clause is not IRIS SQL, which has no named windows; write each window after its OVER',
      )
    }
    const call = callAt(tokens, i)
    if (!call) continue
    const over = nextSignificant(tokens, call.close + 1)
    if (isWord(tokens[over], 'OVER')) checkWindowCall(tokens, i, call.name, over)
    else if (WINDOW_FUNCTIONS.get(call.name)?.needsOver) {
      throw irisError(-1, `${call.name} is a window function: write ${call.name}(...) OVER (...)`)
    }
  }
}
