/**
 * DATEADD, DATEDIFF, DATEPART and DATENAME (docs/iris-sql.md#date-parts): their datepart names and
 * abbreviations, which parts the simulator computes as IRIS does, and the calls in the runtime's
 * spelling (`iris_sim.dateadd(part, n, date)` and so on, runtime.ts). The datepart is a name,
 * quoted or not, or a parameter: a name is checked here, as IRIS checks a literal when it compiles
 * (an unknown one fails with SQLCODE -8); a parameter is checked by the runtime.
 * Also the date functions that return one part as DATEPART does: `YEAR(d)` is `DATEPART(year, d)`
 * (docs/iris-sql.md#date-functions).
 */
import { irisError } from './iris-error.js'
import { isTrivia, type Token, trimmedText } from './tokenizer.js'

export type DatePart =
  | 'year'
  | 'quarter'
  | 'month'
  | 'week'
  | 'weekday'
  | 'dayofyear'
  | 'day'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'microsecond'
  | 'nanosecond'
  | 'sqltimestamp'

/** Every datepart name and abbreviation, in lower case (doc `RSQL_datepart`, `RSQL_datediff`). */
export const DATE_PART_NAMES: ReadonlyMap<string, DatePart> = new Map(
  (
    [
      ['year', 'yyyy', 'yy'],
      ['quarter', 'qq', 'q'],
      ['month', 'mm', 'm'],
      ['week', 'wk', 'ww'],
      ['weekday', 'dw', 'w'],
      ['dayofyear', 'dy', 'y'],
      ['day', 'dd', 'd'],
      ['hour', 'hh', 'h'],
      ['minute', 'mi', 'n'],
      ['second', 'ss', 's'],
      ['millisecond', 'ms'],
      ['microsecond', 'mcs'],
      ['nanosecond', 'ns'],
      ['sqltimestamp', 'sts'],
    ] as const
  ).flatMap(([part, ...abbreviations]) =>
    [part, ...abbreviations].map((name) => [name, part] as const),
  ),
)

export type DateFunction = 'DATEADD' | 'DATEDIFF' | 'DATEPART' | 'DATENAME'

export function isDateFunction(name: string): name is DateFunction {
  return name === 'DATEADD' || name === 'DATEDIFF' || name === 'DATEPART' || name === 'DATENAME'
}

const ALL_BUT_SQLTIMESTAMP = [...new Set(DATE_PART_NAMES.values())].filter(
  (part) => part !== 'sqltimestamp',
)

/** The parts each function takes: only DATEPART and DATENAME take sqltimestamp. */
export const DATE_PARTS_TAKEN: Readonly<Record<DateFunction, readonly DatePart[]>> = {
  DATEADD: ALL_BUT_SQLTIMESTAMP,
  DATEDIFF: ALL_BUT_SQLTIMESTAMP,
  DATEPART: [...ALL_BUT_SQLTIMESTAMP, 'sqltimestamp'],
  DATENAME: [...ALL_BUT_SQLTIMESTAMP, 'sqltimestamp'],
}

/**
 * What the simulator computes for each part it models, as IRIS does (docs/iris-sql.md#date-parts),
 * in SQL over the runtime function's arguments: `n` and `d` for DATEADD, `s` and `e` for DATEDIFF,
 * `d` for DATEPART and DATENAME. DATEADD adds whole units (`n` truncated) and keeps a valid date (January 31 plus
 * one month is February's last day); DATEDIFF counts the part's boundaries crossed, not the time
 * elapsed; DATEPART's weekday counts from Sunday = 1; DATENAME names months and weekdays in English and
 * writes the other parts' numbers as strings. Left out: quarters of DATEADD and DATEDIFF
 * (DATEDIFF's page says it does not handle them), weeks of DATEDIFF and DATEPART (IRIS's week
 * boundaries and numbering are configurable and not documented precisely enough), micro- and
 * nanoseconds (IRIS keeps up to 9 fractional digits, PostgreSQL 6), sqltimestamp, and DATENAME's
 * seconds and milliseconds (how it writes a fraction is not documented).
 */
export const DATE_PART_SQL: Readonly<
  Record<DateFunction, Readonly<Partial<Record<DatePart, string>>>>
> = {
  DATEADD: {
    year: "interval '1 year'",
    month: "interval '1 month'",
    week: "interval '7 days'",
    weekday: "interval '1 day'",
    dayofyear: "interval '1 day'",
    day: "interval '1 day'",
    hour: "interval '1 hour'",
    minute: "interval '1 minute'",
    second: "interval '1 second'",
    millisecond: "interval '1 millisecond'",
  },
  DATEDIFF: {
    year: 'extract(year from e) - extract(year from s)',
    month:
      '(extract(year from e) - extract(year from s)) * 12 + extract(month from e) - extract(month from s)',
    // pg_catalog's `-`: the simulator refuses `-` between dates, times and timestamps written in a
    // query (docs/iris-sql.md#date-functions).
    weekday: 'e::date operator(pg_catalog.-) s::date',
    dayofyear: 'e::date operator(pg_catalog.-) s::date',
    day: 'e::date operator(pg_catalog.-) s::date',
    hour: "extract(epoch from date_trunc('hour', e) operator(pg_catalog.-) date_trunc('hour', s)) / 3600",
    minute:
      "extract(epoch from date_trunc('minute', e) operator(pg_catalog.-) date_trunc('minute', s)) / 60",
    second:
      "extract(epoch from date_trunc('second', e) operator(pg_catalog.-) date_trunc('second', s))",
    millisecond:
      "extract(epoch from date_trunc('milliseconds', e) operator(pg_catalog.-) date_trunc('milliseconds', s)) * 1000",
  },
  DATEPART: {
    year: 'extract(year from d)',
    quarter: 'extract(quarter from d)',
    month: 'extract(month from d)',
    weekday: 'extract(dow from d) + 1',
    dayofyear: 'extract(doy from d)',
    day: 'extract(day from d)',
    hour: 'extract(hour from d)',
    minute: 'extract(minute from d)',
    second: 'floor(extract(second from d))',
    millisecond: 'floor(extract(milliseconds from d)) - floor(extract(second from d)) * 1000',
  },
  DATENAME: {
    year: 'extract(year from d)::text',
    quarter: 'extract(quarter from d)::text',
    month: 'iris_sim.monthname(d)',
    weekday: 'iris_sim.dayname(d)',
    dayofyear: 'extract(doy from d)::text',
    day: 'extract(day from d)::text',
    hour: 'extract(hour from d)::text',
    minute: 'extract(minute from d)::text',
  },
}

/** The message for a part IRIS takes and the simulator does not compute; the runtime says the same. */
export function unmodelledDatePart(fn: string, part: string): string {
  return `${fn} with datepart ${part} is IRIS SQL, but the simulator does not compute it as IRIS does; test it on IRIS`
}

/** The datepart argument as SQL: a checked name as a string literal, or the parameter as written. */
function datePartSql(fn: DateFunction, argument: Token[]): string {
  const significant = argument.filter((t) => !isTrivia(t))
  const only = significant.length === 1 ? significant[0] : undefined
  if (only?.type === 'param') return only.text
  const name =
    only?.type === 'word'
      ? only.text
      : only?.type === 'string' || only?.type === 'quoted'
        ? only.text.slice(1, -1)
        : undefined
  if (name === undefined) {
    throw irisError(-359, `${fn} takes a datepart name (such as dd or 'month') or a parameter`)
  }
  const part = DATE_PART_NAMES.get(name.toLowerCase())
  if (part === undefined || !DATE_PARTS_TAKEN[fn].includes(part)) {
    // docs/iris-sql.md#date-parts: an invalid datepart literal fails with SQLCODE -8.
    throw irisError(-8, `${name} is not a datepart of ${fn}`)
  }
  if (DATE_PART_SQL[fn][part] === undefined) throw irisError(-359, unmodelledDatePart(fn, part))
  return `'${part}'`
}

/** `DATEADD(part, n, date)`, `DATEDIFF(part, start, end)`, `DATEPART(part, date)` or `DATENAME(part, date)` in the runtime's spelling. */
export function dateFunctionCall(fn: DateFunction, args: Token[][]): string {
  const [part, ...rest] = args
  const sql = [datePartSql(fn, part ?? []), ...rest.map(trimmedText)]
  return `iris_sim.${fn.toLowerCase()}(${sql.join(', ')})`
}

/**
 * The functions that return what DATEPART returns for one part, an INTEGER
 * (docs/iris-sql.md#date-functions): DAY and DAYOFMONTH are the same function, DAYOFWEEK counts
 * from Sunday = 1 as DATEPART's weekday does.
 */
const DATE_PART_FUNCTIONS: ReadonlyMap<string, DatePart> = new Map([
  ['YEAR', 'year'],
  ['QUARTER', 'quarter'],
  ['MONTH', 'month'],
  ['DAY', 'day'],
  ['DAYOFMONTH', 'day'],
  ['DAYOFWEEK', 'weekday'],
  ['DAYOFYEAR', 'dayofyear'],
  ['HOUR', 'hour'],
  ['MINUTE', 'minute'],
])

/** The part a one-part date function (`YEAR`, `DAYOFWEEK`, ...) returns, if `name` is one. */
export function partOfDateFunction(name: string): DatePart | undefined {
  return DATE_PART_FUNCTIONS.get(name)
}

/** `YEAR(d)` and the like as the runtime's DATEPART of that part. */
export function datePartFunctionCall(part: DatePart, args: Token[][]): string {
  return `iris_sim.datepart('${part}', ${trimmedText(args[0] ?? [])})`
}

/**
 * ODBC's interval types as DATEADD's dateparts: `{fn TIMESTAMPADD(type, n, ts)}` adds as DATEADD
 * does, and SQL_TSI_FRAC_SECOND counts thousandths of a second (docs/iris-sql.md#date-parts).
 */
const ODBC_INTERVAL_PARTS: ReadonlyMap<string, DatePart> = new Map([
  ['SQL_TSI_FRAC_SECOND', 'millisecond'],
  ['SQL_TSI_SECOND', 'second'],
  ['SQL_TSI_MINUTE', 'minute'],
  ['SQL_TSI_HOUR', 'hour'],
  ['SQL_TSI_DAY', 'day'],
  ['SQL_TSI_WEEK', 'week'],
  ['SQL_TSI_MONTH', 'month'],
  ['SQL_TSI_QUARTER', 'quarter'],
  ['SQL_TSI_YEAR', 'year'],
])

/** The arguments of `{fn TIMESTAMPADD(type, n, ts)}` as the IRIS SQL `DATEADD(part, n, ts)`. */
export function timestampAddAsDateAdd(args: Token[][]): string {
  const [interval = [], n, timestamp] = args
  const significant = interval.filter((t) => !isTrivia(t))
  const only = significant.length === 1 ? significant[0] : undefined
  // Quoted with ' or " or not at all, in any case.
  const name = only?.type === 'word' ? only.text : only?.text.slice(1, -1)
  const part = ODBC_INTERVAL_PARTS.get(name?.toUpperCase() ?? '')
  if (args.length !== 3 || n === undefined || timestamp === undefined) {
    throw irisError(-359, 'TIMESTAMPADD takes (intervaltype, n, timestamp)')
  }
  if (part === undefined) {
    // docs/iris-sql.md#date-parts: as an unknown datepart of DATEADD [unverified].
    throw irisError(-8, `${trimmedText(interval)} is not an interval type of TIMESTAMPADD`)
  }
  return `DATEADD(${part}, ${trimmedText(n)}, ${trimmedText(timestamp)})`
}
