/**
 * Finding function calls in tokens, and refusing the ones IRIS would not run: a name missing from
 * the function table (function-table.ts) fails with SQLCODE -359 as on IRIS, and so does a call of
 * a documented IRIS function the simulator does not model, with an argument count it does not
 * run, or with an argument word it does not model (`LIST(DISTINCT x)`; docs/iris-sql.md#functions,
 * docs/iris-sql.md#simulator-limits).
 */
import { IRIS_FUNCTIONS } from './function-table.js'
import { irisError } from './iris-error.js'
import { isReservedWord } from './reserved-words.js'
import {
  closingParen,
  commaSeparated,
  isTrivia,
  isWord,
  nextSignificant,
  previousSignificant,
  type Token,
} from './tokenizer.js'

/**
 * Words after which a name followed by `(` is not a call: a qualified name (`.`), a table with its
 * column list (`INTO t (a, b)`, `UPDATE t (...)`, `REFERENCES t (a)`, `IF NOT EXISTS t (...)`), a
 * CTE's (`WITH c (a) AS`), or a type (`CAST(x AS VARCHAR(10))`, `AS t (a, b)`).
 */
const NOT_A_CALL_AFTER = new Set([
  '.',
  'INTO',
  'TABLE',
  'UPDATE',
  'INDEX',
  'REFERENCES',
  'EXISTS',
  'WITH',
  'AS',
])

/**
 * SQL words that a `(` may follow without making a call, and that a call may follow: clauses,
 * predicates and operators (doc RSQL_reservedwords).
 */
const SQL_WORDS = new Set([
  'ALL',
  'AND',
  'ANY',
  'AS',
  'BETWEEN',
  'BY',
  'CASE',
  'DEFAULT',
  'DISTINCT',
  'ELSE',
  'ESCAPE',
  'EXCEPT',
  'EXISTS',
  'FILTER',
  'FOR',
  'FROM',
  'HAVING',
  'IN',
  'INTERSECT',
  'IS',
  'JOIN',
  'LIKE',
  'LIMIT',
  'NOT',
  'OFFSET',
  'ON',
  'OR',
  'OVER',
  'RETURN',
  'SELECT',
  'SET',
  'SOME',
  'THEN',
  'TOP',
  'UNION',
  'USING',
  'VALUES',
  'WHEN',
  'WHERE',
  'WITHIN',
  '%FIND',
  '%INLIST',
  '%MATCHES',
  '%PATTERN',
  '%STARTSWITH',
])

/** An SQL word, or a reserved `%` word of IRIS (`%EXACT`, `%FOREACH`), which is never a name. */
export const isSqlWord = (token: Token) =>
  SQL_WORDS.has(token.text.toUpperCase()) || (token.text.startsWith('%') && isReservedWord(token))

export interface Call {
  /** The upper-case name. */
  name: string
  open: number
  close: number
}

/**
 * The call whose name is the token at `i`, if it is one: an unqualified word, not an SQL word,
 * followed by `(`, and not a type, or a table's, CTE's or derived table's column list.
 */
export function callAt(tokens: readonly Token[], i: number): Call | undefined {
  const token = tokens[i]
  if (token?.type !== 'word') return undefined
  const name = token.text.toUpperCase()
  if (SQL_WORDS.has(name)) return undefined
  const open = nextSignificant(tokens, i + 1)
  if (tokens[open]?.text !== '(') return undefined
  const previous = tokens[previousSignificant(tokens, i - 1)]
  if (previous && NOT_A_CALL_AFTER.has(previous.text.toUpperCase())) return undefined
  // After a name, `name(` is a type (`a CHAR(10)` in a column definition) or a column list; a
  // reserved `%` word is no name: `%EXACT f(x)` calls f (doc RSQL_reservedwords, RSQL_exact).
  if (previous?.type === 'quoted') return undefined
  if (previous?.type === 'word' && !isSqlWord(previous)) return undefined
  const close = closingParen(tokens, open)
  // `, name(a, b) AS (SELECT ...)`: a CTE's column list.
  const after = nextSignificant(tokens, close + 1)
  if (isWord(tokens[after], 'AS') && tokens[nextSignificant(tokens, after + 1)]?.text === '(') {
    return undefined
  }
  return { name, open, close }
}

/** Significant tokens between `(` and `)` split on top-level commas. */
export function callArguments(tokens: readonly Token[], call: Call): Token[][] {
  const args = commaSeparated(tokens, call.open, call.close)
  return args.length === 1 && args[0]?.every(isTrivia) ? [] : args
}

/** The first of `words` among the call's own arguments (not inside a nested parenthesis). */
function unmodelledWordIn(
  tokens: readonly Token[],
  call: Call,
  words: readonly string[],
): string | undefined {
  const depth = (tokens[call.open] as Token).depth + 1
  return tokens
    .slice(call.open + 1, call.close)
    .find((token) => token.depth === depth && words.some((word) => isWord(token, word)))
    ?.text.toUpperCase()
}

/** Throws for the first call IRIS would refuse, or that the simulator cannot run as IRIS does. */
export function checkFunctionCalls(tokens: readonly Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const call = callAt(tokens, i)
    if (!call) continue
    const known = IRIS_FUNCTIONS.get(call.name)
    if (!known) {
      throw irisError(-359, `${call.name} is not an IRIS SQL function`)
    }
    if (known.run.kind === 'unmodelled') {
      throw irisError(
        -359,
        `${call.name} is IRIS SQL, but the simulator does not compute it as IRIS does; test it on IRIS`,
      )
    }
    const word = known.unmodelledWords && unmodelledWordIn(tokens, call, known.unmodelledWords)
    if (word) {
      throw irisError(
        -359,
        `${call.name}(${word} ...) is IRIS SQL, but the simulator does not compute it as IRIS does; test it on IRIS`,
      )
    }
    const count = callArguments(tokens, call).length
    if (known.args && (count < known.args[0] || count > known.args[1])) {
      const [min, max] = known.args
      const expected = min === max ? `${min}` : `${min} to ${max}`
      throw irisError(
        -359,
        `${call.name} with ${count} argument(s): the simulator runs it with ${expected}`,
      )
    }
  }
}
