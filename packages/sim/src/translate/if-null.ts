/**
 * IRIS's IFNULL (doc RSQL_ifnull, docs/iris-sql.md#implicit-conversion), which is no COALESCE: the
 * SQL function never returns its first argument. `IFNULL(a, b)` is `b` when `a` is NULL, else
 * NULL; `IFNULL(a, b, c)` is `b` when `a` is NULL, else `c`. A literal (number or string) as a
 * returned argument makes the result VARCHAR, as IRIS types it, a number literal written in
 * canonical form; so does NULL as `b` of the two-argument form, while a NULL `b` or `c` of the
 * three-argument form takes the other's type. The ODBC scalar function `{fn IFNULL(a, b)}` is
 * COALESCE's `a` or `b` (odbc-escapes.ts). A select item that is an IFNULL call without alias is
 * labelled `ifnull`, as PostgreSQL labels any other call with its function's name, where it would
 * label the CASE `case` (docs/iris-sql.md#labels-and-row-counts).
 */
import { STRING_TYPE } from '../catalog/metadata.js'
import { type Call, callArguments } from './function-calls.js'
import { isUnaliasedItem } from './select-parts.js'
import { isTrivia, isWord, type Token, trimmedText } from './tokenizer.js'
import { AS_VARCHAR } from './varchar-repair.js'

/** A returned argument: a literal (and NULL when `nullIsVarchar`) as VARCHAR, else as it is. */
function returned(arg: readonly Token[], nullIsVarchar: boolean): string {
  const significant = arg.filter((t) => !isTrivia(t))
  const text = trimmedText(arg)
  const only = significant.at(-1)
  const signs = significant.slice(0, -1)
  if (only?.type === 'number' && signs.every((t) => t.text === '-' || t.text === '+'))
    return `${AS_VARCHAR}(${text})`
  if (signs.length > 0) return text
  if (only?.type === 'string') return `CAST(${text} AS ${STRING_TYPE})`
  if (nullIsVarchar && isWord(only, 'NULL')) return `CAST(NULL AS ${STRING_TYPE})`
  return text
}

/**
 * The checked argument. Only whether it is NULL matters, so a bare parameter, whose type nothing
 * else in `$1 IS NULL` would tell PostgreSQL, is taken as text.
 */
function checkedSql(arg: readonly Token[]): string {
  const significant = arg.filter((t) => !isTrivia(t))
  const text = trimmedText(arg)
  return significant.length === 1 && significant[0]?.type === 'param'
    ? `CAST(${text} AS text)`
    : text
}

/**
 * The CASE the IFNULL call `call`, whose name is the token at `at`, stands for, labelled `ifnull`
 * when it is a select item without alias.
 */
export function ifNullCase(tokens: readonly Token[], at: number, call: Call): string {
  const [checked = [], whenNull = [], otherwise] = callArguments(tokens, call)
  const twoArguments = otherwise === undefined
  const elseSql = twoArguments ? '' : ` ELSE ${returned(otherwise, false)}`
  const label = isUnaliasedItem(tokens, [at, call.close]) ? ' AS ifnull' : ''
  return `(CASE WHEN ${checkedSql(checked)} IS NULL THEN ${returned(whenNull, twoArguments)}${elseSql} END)${label}`
}
