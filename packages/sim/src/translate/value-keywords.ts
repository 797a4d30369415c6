/**
 * Keywords that stand for a value, written without parentheses (docs/iris-sql.md#functions).
 * PostgreSQL has more of them than IRIS, and computes two of IRIS's differently:
 * - `CURRENT_TIMESTAMP` and `CURRENT_TIME` → the runtime's clock (runtime.ts), which keeps IRIS's
 *   default of no fractional seconds and gives a local `TIME`, where PostgreSQL keeps microseconds and
 *   gives a `TIME WITH TIME ZONE`. With a precision, `CURRENT_TIMESTAMP(p)` is a call (function-table.ts).
 * - `CURRENT_DATE` is PostgreSQL's: the local date.
 * - `USER` is IRIS SQL, but PostgreSQL's is the engine's user, not the one the client logged in as:
 *   refused as not modelled.
 * - PostgreSQL's other value keywords are not IRIS SQL: IRIS reads such a word as a field name.
 */
import { irisError } from './iris-error.js'
import { nextSignificant, previousSignificant, retokenize, type Token } from './tokenizer.js'

const RUNTIME_FORMS: ReadonlyMap<string, string> = new Map([
  ['CURRENT_TIMESTAMP', 'iris_sim.current_timestamp_value()'],
  ['CURRENT_TIME', 'iris_sim.current_time_value()'],
])

/** PostgreSQL's value keywords that IRIS lacks, with what to write instead. */
const NOT_IRIS: ReadonlyMap<string, string> = new Map([
  ['LOCALTIME', 'CURRENT_TIME'],
  ['LOCALTIMESTAMP', 'GETDATE()'],
  ['CURRENT_USER', 'USER'],
  ['SESSION_USER', 'USER'],
  ['SYSTEM_USER', 'USER'],
  ['CURRENT_ROLE', 'USER'],
  ['CURRENT_CATALOG', 'the namespace name'],
  ['CURRENT_SCHEMA', 'the schema name'],
])

/** The upper-case keyword at `i`, if the word there is one: not qualified, not an alias, not a call. */
function keywordAt(tokens: readonly Token[], i: number): string | undefined {
  const token = tokens[i]
  if (token?.type !== 'word') return undefined
  const previous = tokens[previousSignificant(tokens, i - 1)]?.text.toUpperCase()
  if (previous === '.' || previous === 'AS') return undefined
  if (tokens[nextSignificant(tokens, i + 1)]?.text === '(') return undefined
  return token.text.toUpperCase()
}

/** Throws for a value keyword IRIS lacks, or one the simulator does not model. Not for DDL (`CREATE USER`). */
export function checkValueKeywords(tokens: readonly Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const keyword = keywordAt(tokens, i)
    if (keyword === 'USER') {
      throw irisError(
        -1,
        'USER is IRIS SQL, but the simulator does not model it: its user is not the one the client logged in as; test it on IRIS',
      )
    }
    const instead = keyword === undefined ? undefined : NOT_IRIS.get(keyword)
    if (instead !== undefined) {
      throw irisError(
        -29,
        `${keyword} is not an IRIS SQL keyword, so IRIS reads it as a field name; write ${instead} instead`,
      )
    }
  }
}

/** `CURRENT_TIMESTAMP` and `CURRENT_TIME` → the runtime's clock, in every statement (a column default too). */
export function rewriteValueKeywords(tokens: readonly Token[]): Token[] {
  let out: Token[] | undefined
  for (let i = 0; i < tokens.length; i++) {
    const keyword = keywordAt(tokens, i)
    const form = keyword === undefined ? undefined : RUNTIME_FORMS.get(keyword)
    if (form === undefined) continue
    out ??= [...tokens]
    out[i] = { ...(tokens[i] as Token), text: form }
  }
  return out ? retokenize(out) : (tokens as Token[])
}
