/**
 * A column's DEFAULT in CREATE TABLE and ALTER TABLE (docs/iris-sql.md#column-defaults). IRIS takes
 * one value, optionally in parentheses: a literal, NULL, a clock keyword or one of a few functions,
 * a user keyword, or `OBJECTSCRIPT 'code'`. PostgreSQL takes any expression without a column
 * (`'a' || 'b'`, `now() + interval '1 day'`, `gen_random_uuid()`), so every DEFAULT of a DDL
 * statement is read here, as IRIS receives the statement (before the simulator's rewrites and the
 * ODBC escapes), and anything else is refused before it reaches PostgreSQL.
 */
import { IRIS_FUNCTIONS } from './function-table.js'
import { irisError } from './iris-error.js'
import { closingParen, commaSeparated, isPunct, isTrivia, isWord, type Token } from './tokenizer.js'

/** Keywords that stand for the clock when the row is inserted. */
const CLOCK_KEYWORDS: ReadonlySet<string> = new Set([
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
])

/** The calls a DEFAULT takes, with the token type of each argument. */
const DEFAULT_CALLS: ReadonlyMap<string, readonly Token['type'][]> = new Map([
  ['CURRENT_TIMESTAMP', ['number']],
  ['GETDATE', []],
  ['GETUTCDATE', []],
  ['TO_DATE', ['string', 'string']],
])

/** IRIS DEFAULT keywords the simulator does not model, with why. */
const UNMODELLED: ReadonlyMap<string, string> = new Map([
  ...['USER', 'CURRENT_USER', 'SESSION_USER', 'SYSTEM_USER'].map(
    (word) =>
      [
        word,
        `DEFAULT ${word} (the user logged in) is IRIS DDL, but the simulator does not model it: its user is not the one the client logged in as; test it on IRIS`,
      ] as const,
  ),
  [
    'SYSDATE',
    'DEFAULT SYSDATE is IRIS DDL, but the simulator does not model SYSDATE; write CURRENT_TIMESTAMP, or test it on IRIS',
  ],
  [
    'OBJECTSCRIPT',
    "DEFAULT OBJECTSCRIPT 'code' is IRIS DDL, but the simulator runs no ObjectScript; test it on IRIS",
  ],
])

/** What may follow a DEFAULT's value in a column definition: the next constraint or option. */
const FOLLOWING_WORDS: ReadonlySet<string> = new Set([
  'NOT',
  'NULL',
  'UNIQUE',
  'PRIMARY',
  'REFERENCES',
  'COLLATE',
  '%DESCRIPTION',
  'CONSTRAINT',
  'ON',
  'IDENTITY',
  'AUTO_INCREMENT',
  'SERIAL',
  'CHECK',
  'COMPUTECODE',
])

const FORMS =
  "a literal ('text', 12, -1.5), NULL, CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP[(p)], GETDATE(), GETUTCDATE() or TO_DATE('date', 'format')"

/** `found`: the token where the value goes wrong, `name(...)` for a call. */
function notADefault(found: string): Error {
  return irisError(
    -1,
    `a column DEFAULT is one value, ${FORMS}, optionally in parentheses; found ${found}: compute other values in the INSERT`,
  )
}

const shown = (token: Token | undefined) => token?.text ?? 'nothing'

/** False for `DROP DEFAULT` and a foreign key's `ON DELETE | UPDATE SET DEFAULT`. */
function startsDefault(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1]
  if (isWord(previous, 'DROP')) return false
  return !(
    isWord(previous, 'SET') &&
    (isWord(tokens[i - 2], 'DELETE') || isWord(tokens[i - 2], 'UPDATE'))
  )
}

/** The index after the call `name(...)` at `at`, if a DEFAULT takes it. */
function callEnd(tokens: readonly Token[], at: number, name: string): number {
  const open = at + 1
  const close = closingParen(tokens, open)
  const argumentTypes = DEFAULT_CALLS.get(name)
  if (!argumentTypes) {
    if (!IRIS_FUNCTIONS.has(name)) throw irisError(-359, `${name} is not an IRIS SQL function`)
    throw notADefault(`${shown(tokens[at])}(...)`)
  }
  const written = commaSeparated(tokens, open, close).filter((argument) => argument.length > 0)
  const types = written.map((argument) => (argument.length === 1 ? argument[0]?.type : 'op'))
  if (types.join() !== argumentTypes.join()) throw notADefault(`${shown(tokens[at])}(...)`)
  return close + 1
}

/** The index after the value of a DEFAULT starting at `at`, without parentheses. */
function valueEnd(tokens: readonly Token[], at: number): number {
  const token = tokens[at]
  if (token?.type === 'string' || token?.type === 'number') return at + 1
  if (token?.type === 'op' && ['-', '+'].includes(token.text) && tokens[at + 1]?.type === 'number')
    return at + 2
  if (token?.type !== 'word') throw notADefault(shown(token))
  const word = token.text.toUpperCase()
  const unmodelled = UNMODELLED.get(word)
  if (unmodelled) throw irisError(-1, unmodelled)
  if (isPunct(tokens[at + 1], '(')) return callEnd(tokens, at, word)
  if (word === 'NULL' || CLOCK_KEYWORDS.has(word)) return at + 1
  throw notADefault(shown(token))
}

/** The index after the `DEFAULT [(] value [)]` whose value starts at `at`. */
function defaultEnd(tokens: readonly Token[], at: number): number {
  if (!isPunct(tokens[at], '(')) return valueEnd(tokens, at)
  const close = closingParen(tokens, at)
  const end = valueEnd(tokens, at + 1)
  if (end !== close) throw notADefault(shown(tokens[end]))
  return close + 1
}

/** Throws for the first DEFAULT of a DDL statement that is not one IRIS takes, or that the simulator does not model. */
export function checkColumnDefaults(statement: readonly Token[]): void {
  const tokens = statement.filter((token) => !isTrivia(token))
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'DEFAULT') || !startsDefault(tokens, i)) continue
    const end = defaultEnd(tokens, i + 1)
    const next = tokens[end]
    const follows =
      next === undefined ||
      isPunct(next, ',') ||
      isPunct(next, ')') ||
      (next.type === 'word' && FOLLOWING_WORDS.has(next.text.toUpperCase()))
    if (!follows) throw notADefault(shown(next))
  }
}
