/**
 * Predicates in a value's place without parentheses, which IRIS SQL does not have
 * (docs/iris-sql.md#booleans): a predicate is a condition, so it goes only where a condition goes
 * (WHERE, HAVING, JOIN ... ON, a searched CASE's WHEN), one to each term that AND, OR and NOT
 * join. PostgreSQL's precedence makes `a = 1 = b`, `a LIKE 'x' = b LIKE 'y'` or
 * `a = 1 IS NULL` a predicate taking another as its operand, and it takes a predicate as a value
 * anywhere (`SET s = a = 1`, `CAST(a = 1 AS INTEGER)`, `ORDER BY a = 1`); this file refuses both.
 * boolean-values.ts refuses the parenthesised forms, and engine/predicate-columns.ts a predicate
 * selected as a column, which is why a select item's own level is not read here: that check names
 * the column.
 *
 * The statement is read once, one parenthesis level at a time: each level is a region whose kind
 * its clause words (WHERE, SET, ORDER BY, ...) and its opening parenthesis set. Subqueries are
 * statements of their own, and a CASE is split into its parts.
 */
import { callAt } from './function-calls.js'
import { irisError } from './iris-error.js'
import { isComparison, isPunct, isWord, type Token } from './tokenizer.js'
import { startsWindowFrame } from './window-frames.js'

/**
 * What a region holds: conditions, values (in `place`), select items (left to the column check),
 * or what this file does not read (table references, DDL, options such as `AS HNSW(M=16)`).
 */
type Mode = 'condition' | 'value' | 'selected' | 'free'

interface Region {
  mode: Mode
  /** Where the values of a value region go, for the message. */
  place: string
  /** The predicate already read in the current term of a condition. */
  predicate: Token | undefined
  /** A BETWEEN read whose AND is still to come. */
  between: boolean
  /** In a SET list: true while the `=` assigning the next column is still to come. */
  assigning: boolean | undefined
  /** A JOIN read at this level: its ON starts a condition. */
  joined: boolean
  /** An UPDATE or INSERT statement, whose SET assigns columns (IRIS's `INSERT ... SET` too). */
  writes: boolean
  /** The function whose arguments this region holds. */
  call: string | undefined
}

/** Predicate words (doc RSQL_predicates); NOT, ESCAPE, ANY, SOME, ALL belong to their predicate. */
const PREDICATE_WORDS: readonly string[] = [
  'LIKE',
  'IN',
  'BETWEEN',
  'IS',
  'EXISTS',
  '%STARTSWITH',
  '%MATCHES',
  '%INLIST',
  '%FIND',
]

const BY_ITEM = 'an ORDER BY, GROUP BY or PARTITION BY item'

/** The words of a CASE that end the part before them. */
const CASE_WORDS: readonly string[] = ['WHEN', 'THEN', 'ELSE', 'END']

const isPredicate = (token: Token) =>
  isComparison(token) || PREDICATE_WORDS.some((word) => isWord(token, word))

function region(mode: Mode, place = '', call?: string): Region {
  return {
    mode,
    place,
    predicate: undefined,
    between: false,
    assigning: undefined,
    joined: false,
    writes: false,
    call,
  }
}

/** The region of a statement (or subquery) whose first word is the token at `start`. */
function statementRegion(tokens: readonly Token[], start: number): Region {
  const statement = region('free')
  statement.writes = isWord(tokens[start], 'UPDATE') || isWord(tokens[start], 'INSERT')
  return statement
}

function enter(into: Region, mode: Mode, place = ''): void {
  into.mode = mode
  into.place = place
  into.predicate = undefined
  into.between = false
  into.assigning = undefined
}

/** Changes the region's kind when `token` starts a clause; true when it did. */
function enterClause(token: Token, into: Region): boolean {
  if (token.type !== 'word') return false
  switch (token.text.toUpperCase()) {
    case 'SELECT':
      enter(into, 'selected')
      return true
    case 'FROM':
    case 'INTO':
    case 'USING':
    case 'UNION':
    case 'INTERSECT':
    case 'EXCEPT':
    case 'WITH': // a CTE, or table options: `WITH STORAGETYPE = ROW`
      enter(into, 'free')
      return true
    case 'JOIN':
      enter(into, 'free')
      into.joined = true
      return true
    case 'ON':
      if (into.joined) enter(into, 'condition')
      return into.joined
    case 'WHERE':
    case 'HAVING':
      enter(into, 'condition')
      return true
    case 'BY':
      enter(into, 'value', BY_ITEM)
      return true
    case 'VALUES':
      enter(into, 'value', 'a VALUES item')
      return true
    case 'SET':
      if (!into.writes) return false
      enter(into, 'value', 'a SET value')
      into.assigning = true
      return true
    default:
      return false
  }
}

function predicateOperandError(first: Token, second: Token): Error {
  return irisError(
    -1,
    `${second.text.toUpperCase()} after ${first.text.toUpperCase()} in one condition: a predicate is a condition in IRIS SQL, not a value another predicate can take; join conditions with AND or OR, and for a predicate's value write CASE WHEN <predicate> THEN 1 ELSE 0 END`,
  )
}

function predicateValueError(predicate: Token, place: string): Error {
  return irisError(
    -1,
    `${predicate.text.toUpperCase()} in ${place}: a predicate is a condition in IRIS SQL, not a value; for its value write CASE WHEN <predicate> THEN 1 ELSE 0 END`,
  )
}

/**
 * Reads a token of a condition: at most one predicate between two ANDs or ORs. A comma ends a term
 * too: after a JOIN's ON it goes back to the FROM list (`FROM a JOIN b ON a.x = b.y, c`).
 */
function readCondition(token: Token, into: Region): void {
  if (isWord(token, 'AND') && into.between) into.between = false
  else if (isWord(token, 'AND') || isWord(token, 'OR') || isPunct(token, ',')) {
    into.predicate = undefined
    into.between = false
  } else if (isPredicate(token)) {
    if (into.predicate) throw predicateOperandError(into.predicate, token)
    into.predicate = token
    into.between = isWord(token, 'BETWEEN')
  }
}

/**
 * Reads a token of a value region: no predicate, but a SET's assigning `=` and the IN of
 * `POSITION(x IN y)` (doc RSQL_position; docs/iris-sql.md#functions).
 */
function readValue(token: Token, into: Region): void {
  if (into.assigning !== undefined && isPunct(token, ',')) into.assigning = true
  else if (into.assigning && token.type === 'op' && token.text === '=') into.assigning = false
  else if (into.call === 'POSITION' && isWord(token, 'IN')) return
  else if (isPredicate(token)) throw predicateValueError(token, into.place)
}

/** The region inside the `(` at `open`, which is no subquery, in the region `outer`. */
function parenthesisedRegion(tokens: readonly Token[], open: number, outer: Region): Region {
  const before = tokens[open - 1]
  // A type's length, a derived table's column list.
  if (isWord(before, 'AS')) return region('free')
  if (isWord(before, 'IN')) return region('value', 'an IN list')
  const call = callAt(tokens, open - 1)
  if (call) {
    return outer.mode === 'free'
      ? region('free')
      : region('value', `the arguments of ${call.name}`, call.name)
  }
  return region(outer.mode, outer.place)
}

/** Reads from the `(` at `open` to its `)`; returns the index of the `)`. */
function readParentheses(tokens: readonly Token[], open: number, outer: Region): number {
  const first = open + 1
  const inner =
    isWord(tokens[first], 'SELECT') || isWord(tokens[first], 'WITH')
      ? statementRegion(tokens, first)
      : parenthesisedRegion(tokens, open, outer)
  return readRegion(tokens, first, inner, false)
}

/** The region after a CASE's WHEN, THEN or ELSE. */
function casePart(word: Token, searched: boolean): Region {
  if (!isWord(word, 'WHEN')) return region('value', 'a CASE result')
  return searched ? region('condition') : region('value', 'a simple CASE WHEN value')
}

/**
 * Reads the CASE at `start` part by part: a simple CASE's operand and WHEN values and every THEN
 * and ELSE are values, a searched CASE's WHEN a condition. Returns the index of its END.
 */
function readCase(tokens: readonly Token[], start: number): number {
  const searched = isWord(tokens[start + 1], 'WHEN')
  let i = searched
    ? start + 1
    : readRegion(tokens, start + 1, region('value', 'a simple CASE operand'), true)
  while (isWord(tokens[i], 'WHEN') || isWord(tokens[i], 'THEN') || isWord(tokens[i], 'ELSE')) {
    i = readRegion(tokens, i + 1, casePart(tokens[i] as Token, searched), true)
  }
  // An unterminated CASE ends where its region does: the engine reports it.
  return isWord(tokens[i], 'END') ? i : i - 1
}

/**
 * Reads one level from `start` to the `)` that closes it (or, in a CASE, to its next WHEN, THEN,
 * ELSE or END); returns that token's index.
 */
function readRegion(
  tokens: readonly Token[],
  start: number,
  into: Region,
  inCase: boolean,
): number {
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (isPunct(token, ')')) return i
    if (inCase && CASE_WORDS.some((word) => isWord(token, word))) return i
    if (isPunct(token, '(')) i = readParentheses(tokens, i, into)
    else if (isWord(token, 'CASE')) i = readCase(tokens, i)
    else if (startsWindowFrame(tokens, i)) enter(into, 'free')
    else if (enterClause(token, into)) continue
    else if (into.mode === 'condition') readCondition(token, into)
    else if (into.mode === 'value') readValue(token, into)
  }
  return tokens.length
}

/** Throws for a predicate used as an operand or a value without parentheses. `tokens` hold no trivia. */
export function rejectPredicateOperands(tokens: readonly Token[]): void {
  readRegion(tokens, 0, statementRegion(tokens, 0), false)
}
