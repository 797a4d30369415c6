/**
 * ODBC escapes (docs/iris-sql.md#odbc-escapes), rewritten to the IRIS SQL they stand for before any
 * other rule reads the statement:
 * - `{fn NAME(args)}`, an ODBC scalar function, → `NAME(args)`, then checked and run as any call
 *   (docs/iris-sql.md#functions); `{fn TIMESTAMPADD(type, n, ts)}`, an ODBC function only, →
 *   `DATEADD(part, n, ts)` (date-parts.ts, docs/iris-sql.md#date-parts); `{fn IFNULL(a, b)}` →
 *   `COALESCE(a, b)` (docs/iris-sql.md#implicit-conversion);
 * - `{d 'yyyy-mm-dd'}`, `{t 'hh:mm:ss'}`, `{ts 'yyyy-mm-dd [hh:mm:ss[.fff]]'}` (or
 *   `'mm/dd/yyyy ...'`) → `CAST('...' AS DATE | TIME | TIMESTAMP)`, after the checks IRIS makes
 *   (SQLCODE -146 for a date or timestamp, -147 for a time).
 * Inner escapes are rewritten first, so `{fn UCASE({fn LCASE(x)})}` works.
 */
import { timestampAddAsDateAdd } from './date-parts.js'
import { callArguments, callAt } from './function-calls.js'
import { irisError } from './iris-error.js'
import {
  isPunct,
  isTrivia,
  nextSignificant,
  retokenize,
  type Token,
  token,
  trimmedText,
} from './tokenizer.js'

/** ODBC 3's scalar functions (ODBC Appendix E); IRIS's list is taken to be the same [unverified]. */
const ODBC_SCALAR_FUNCTIONS = new Set(
  [
    'ASCII BIT_LENGTH CHAR CHAR_LENGTH CHARACTER_LENGTH CONCAT DIFFERENCE INSERT LCASE LEFT LENGTH',
    'LOCATE LTRIM OCTET_LENGTH POSITION REPEAT REPLACE RIGHT RTRIM SOUNDEX SPACE SUBSTRING UCASE',
    'ABS ACOS ASIN ATAN ATAN2 CEILING COS COT DEGREES EXP FLOOR LOG LOG10 MOD PI POWER RADIANS RAND',
    'ROUND SIGN SIN SQRT TAN TRUNCATE CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURDATE CURTIME',
    'DAYNAME DAYOFMONTH DAYOFWEEK DAYOFYEAR EXTRACT HOUR MINUTE MONTH MONTHNAME NOW QUARTER SECOND',
    'TIMESTAMPADD TIMESTAMPDIFF WEEK YEAR DATABASE IFNULL USER CONVERT',
  ]
    .join(' ')
    .split(' '),
)

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day) // not Date.UTC, which reads years 0-99 as 1900-1999
  return year >= 1 && year <= 9999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** `yyyy-mm-dd` or `mm/dd/yyyy` as `yyyy-mm-dd`, or undefined when it is not a valid date. */
function isoDate(text: string, slashesAllowed: boolean): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const us = slashesAllowed ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text) : null
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : us
      ? [us[3], us[1], us[2]]
      : [undefined, undefined, undefined]
  if (year === undefined || month === undefined || day === undefined) return undefined
  return validDate(Number(year), Number(month), Number(day)) ? `${year}-${month}-${day}` : undefined
}

/** `hh:mm:ss[.f...]`, valid, or undefined. */
function validTime(text: string): { time: string; fraction: string } | undefined {
  const match = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text)
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3]) > 59) {
    return undefined
  }
  return { time: `${match[1]}:${match[2]}:${match[3]}`, fraction: match[4] ?? '' }
}

const notModelled = (what: string) =>
  irisError(-1, `${what} is IRIS SQL, but the simulator does not model it; test it on IRIS`)

/** The IRIS SQL for `{d|t|ts 'value'}`. */
function dateTimeConstruct(kind: string, value: string): string {
  const [datePart = '', timePart, ...rest] = value.trim().split(/\s+/)
  const date = isoDate(datePart, kind === 'TS')
  const time = timePart === undefined ? undefined : validTime(timePart)
  const badTimestamp = date === undefined || rest.length > 0 || (timePart !== undefined && !time)
  if (kind === 'T') {
    const only = validTime(value)
    if (!only) throw irisError(-147, `'${value}' is an invalid ODBC/JDBC Time value`)
    // docs/iris-sql.md#odbc-escapes: IRIS keeps the fraction but shows a time without it.
    if (only.fraction !== '') throw notModelled('{t} with fractional seconds')
    return `CAST('${only.time}' AS TIME)`
  }
  if (badTimestamp) {
    throw irisError(
      -146,
      `'${value}' is an invalid ODBC/JDBC ${kind === 'D' ? 'Date' : 'Timestamp'} value`,
    )
  }
  if (kind === 'D') return `CAST('${date}' AS DATE)`
  if ((time?.fraction.length ?? 0) > 6) throw notModelled('{ts} with more than 6 fractional digits')
  const clock = time ? ` ${time.time}${time.fraction ? `.${time.fraction}` : ''}` : ''
  return `CAST('${date}${clock}' AS TIMESTAMP)`
}

/**
 * `{fn IFNULL(a, b)}`, the ODBC scalar function, returns `a` unless it is NULL, unlike the SQL
 * function (if-null.ts, doc RSQL_ifnull): COALESCE, whose typing of a string with a number
 * stands in for the ODBC function's, which is [unverified].
 */
function odbcIfNull(body: readonly Token[], nameAt: number): string {
  const call = callAt(body, nameAt)
  const args = call ? callArguments(body, call) : []
  if (args.length !== 2)
    throw irisError(
      -359,
      '{fn IFNULL(a, b)} takes two arguments; the SQL function IFNULL(a, b, c) takes three',
    )
  return `COALESCE(${args.map(trimmedText).join(', ')})`
}

/** The replacement for the escape whose `{` is at `open` and `}` at `close`. */
function escapeSql(tokens: readonly Token[], open: number, close: number): string {
  const keywordAt = nextSignificant(tokens, open + 1)
  const keyword = tokens[keywordAt]
  const kind = keyword?.type === 'word' ? keyword.text.toUpperCase() : ''
  const body = tokens.slice(keywordAt + 1, close)
  if (kind === 'FN') {
    const nameAt = nextSignificant(body, 0)
    const name = body[nameAt]?.type === 'word' ? (body[nameAt] as Token).text.toUpperCase() : ''
    const after = nextSignificant(body, nameAt + 1)
    if (!ODBC_SCALAR_FUNCTIONS.has(name) || (after >= 0 && !isPunct(body[after], '('))) {
      throw irisError(-359, `{fn ${trimmedText(body)}} does not call an ODBC scalar function`)
    }
    const call = name === 'TIMESTAMPADD' ? callAt(body, nameAt) : undefined
    if (call) return timestampAddAsDateAdd(callArguments(body, call))
    if (name === 'IFNULL') return odbcIfNull(body, nameAt)
    // docs/iris-sql.md#odbc-escapes: the parentheses of an argumentless call are optional ({fn NOW}).
    return after < 0 ? `${name}()` : trimmedText(body)
  }
  if (kind === 'D' || kind === 'T' || kind === 'TS') {
    const value = body.filter((t) => !isTrivia(t))
    if (value.length === 1 && value[0]?.type === 'string') {
      return dateTimeConstruct(kind, (value[0] as Token).text.slice(1, -1).replaceAll("''", "'"))
    }
    // `{d 64000}` ($HOROLOG integers), or a literal iris-pgwire rewrote to TO_DATE(...)
    // (docs/iris-sql.md#text-rewrites).
    throw notModelled(`{${keyword?.text} ${trimmedText(body)}}`)
  }
  throw notModelled(`the ODBC escape {${trimmedText(tokens.slice(open + 1, close))}}`)
}

export function rewriteOdbcEscapes(tokens: readonly Token[]): Token[] {
  if (!tokens.some((t) => isPunct(t, '{') || isPunct(t, '}'))) return [...tokens]
  const out = [...tokens]
  // Innermost first: from the last `{`, whose `}` is then the next one.
  for (let open = out.length - 1; open >= 0; open--) {
    if (!isPunct(out[open], '{')) continue
    const close = out.findIndex((t, i) => i > open && isPunct(t, '}'))
    if (close < 0) throw irisError(-1, 'an ODBC escape { ... } is not closed')
    const depth = (out[open] as Token).depth
    out.splice(open, close - open + 1, token('word', escapeSql(out, open, close), depth))
  }
  if (out.some((t) => isPunct(t, '}'))) throw irisError(-1, '} without an ODBC escape to close')
  return retokenize(out)
}
