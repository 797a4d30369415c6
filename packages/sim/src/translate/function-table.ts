/**
 * Every SQL function the simulator knows, in one table: IRIS's documented functions, each with its
 * source and how the simulator runs it (docs/iris-sql.md#functions lists the same table). A call to
 * a name that is not here fails with SQLCODE -359, as on IRIS; a documented IRIS function the
 * simulator cannot compute as IRIS does is refused too, saying so, rather than run with
 * PostgreSQL's different meaning (docs/iris-sql.md#simulator-limits).
 */
import { ISNULL_FUNCTION, NVL_FUNCTION } from './nvl.js'

/** How the simulator runs a call. */
export type FunctionRun =
  /** PostgreSQL's function of the same name computes what IRIS documents. */
  | { kind: 'postgres' }
  /** Called under another name: PostgreSQL's, or the runtime's (runtime.ts, schema `iris_sim`). */
  | { kind: 'renamed'; to: string }
  /** Rewritten whole by functions.ts (`%EXACT`, `TO_VECTOR`, the datepart functions of date-parts.ts). */
  | { kind: 'rewritten' }
  /** IRIS has it; the simulator does not compute it as IRIS does, so it refuses the call. */
  | { kind: 'unmodelled' }

export interface IrisFunction {
  /** InterSystems documentation page (`RSQL_...`), or the reference's own section. */
  source: string
  run: FunctionRun
  /** The argument counts the simulator runs; a call with another count is refused. */
  args?: readonly [min: number, max: number]
  /**
   * Words IRIS takes among the arguments that the simulator does not model: a call that holds one
   * at its own depth (`LIST(DISTINCT x)`) is refused.
   */
  unmodelledWords?: readonly string[]
  /**
   * A string function: IRIS gives its result EXACT collation, whatever the collation of its
   * arguments (docs/iris-sql.md#collation), so functions.ts collates the call `iris_sim.exact`.
   * (The string functions that may take a number or bytes are runtime functions whose string
   * argument drops its collation instead: engine/exact-string-functions.ts.)
   */
  exactString?: true
  /**
   * A runtime function of those: of a string, its result has the default collation, which
   * compares as EXACT, and an ORDER BY sorts it in EXACT order (exact-order.ts).
   */
  exactUncollated?: true
  /** An aggregate: a call groups the rows, so its select list cannot become a GROUP BY (distinct-groups.ts). */
  aggregate?: true
}

const postgres = (source: string, args?: readonly [number, number]): IrisFunction => ({
  source,
  run: { kind: 'postgres' },
  ...(args ? { args } : {}),
})
const renamed = (
  source: string,
  to: string,
  args?: readonly [number, number],
  unmodelledWords?: readonly string[],
): IrisFunction => ({
  source,
  run: { kind: 'renamed', to },
  ...(args ? { args } : {}),
  ...(unmodelledWords ? { unmodelledWords } : {}),
})
const rewritten = (source: string, args?: readonly [number, number]): IrisFunction => ({
  source,
  run: { kind: 'rewritten' },
  ...(args ? { args } : {}),
})
const unmodelled = (source: string): IrisFunction => ({ source, run: { kind: 'unmodelled' } })
/** A string function: its result has EXACT collation (docs/iris-sql.md#collation). */
const exactString = (fn: IrisFunction): IrisFunction => ({ ...fn, exactString: true })
/** A string function whose string result is EXACT by the default collation (engine/exact-string-functions.ts). */
const exactUncollated = (fn: IrisFunction): IrisFunction => ({ ...fn, exactUncollated: true })
const aggregate = (fn: IrisFunction): IrisFunction => ({ ...fn, aggregate: true })

/** Keyed by the upper-case name. */
export const IRIS_FUNCTIONS: ReadonlyMap<string, IrisFunction> = new Map<string, IrisFunction>([
  // Aggregates (doc RSQL_aggregatefunctions).
  ['AVG', aggregate(postgres('RSQL_avg', [1, 1]))],
  ['COUNT', aggregate(postgres('RSQL_count', [1, 1]))],
  ['MAX', aggregate(postgres('RSQL_max', [1, 1]))],
  ['MIN', aggregate(postgres('RSQL_min', [1, 1]))],
  ['SUM', aggregate(postgres('RSQL_sum', [1, 1]))],
  ['STDDEV', aggregate(postgres('RSQL_stddev', [1, 1]))],
  ['STDDEV_SAMP', aggregate(postgres('RSQL_stddev', [1, 1]))],
  ['STDDEV_POP', aggregate(postgres('RSQL_stddev', [1, 1]))],
  ['VARIANCE', aggregate(postgres('RSQL_variance', [1, 1]))],
  ['VAR_SAMP', aggregate(postgres('RSQL_variance', [1, 1]))],
  ['VAR_POP', aggregate(postgres('RSQL_variance', [1, 1]))],
  // docs/iris-sql.md#functions: LIST of text or integers; DISTINCT compares under the collation,
  // and %FOREACH and %AFTERHAVING regroup, none of which the simulator models.
  [
    'LIST',
    aggregate(
      renamed('RSQL_list', 'iris_sim.list', [1, 1], ['DISTINCT', '%FOREACH', '%AFTERHAVING']),
    ),
  ],
  ['%DLIST', unmodelled('RSQL_dlist')],
  ['JSON_ARRAYAGG', unmodelled('RSQL_jsonarrayagg')],
  ['XMLAGG', unmodelled('RSQL_xmlagg')],
  ['APPROX_COUNT_DISTINCT', unmodelled('RSQL_approxcountdistinct')],
  // Window functions (doc RSQL_windowfunctions).
  ['ROW_NUMBER', postgres('RSQL_windowfunctions', [0, 0])],
  ['RANK', postgres('RSQL_windowfunctions', [0, 0])],
  ['DENSE_RANK', postgres('RSQL_windowfunctions', [0, 0])],
  ['PERCENT_RANK', postgres('RSQL_windowfunctions', [0, 0])],
  ['CUME_DIST', postgres('RSQL_windowfunctions', [0, 0])],
  ['NTILE', postgres('RSQL_windowfunctions', [1, 1])],
  ['LAG', postgres('RSQL_windowfunctions', [1, 3])],
  ['LEAD', postgres('RSQL_windowfunctions', [1, 3])],
  ['FIRST_VALUE', postgres('RSQL_windowfunctions', [1, 1])],
  ['LAST_VALUE', postgres('RSQL_windowfunctions', [1, 1])],
  ['NTH_VALUE', postgres('RSQL_windowfunctions', [2, 2])],
  // Numbers.
  ['ABS', postgres('RSQL_abs', [1, 1])],
  ['ACOS', postgres('RSQL_acos', [1, 1])],
  ['ASIN', postgres('RSQL_asin', [1, 1])],
  ['ATAN', postgres('RSQL_atan', [1, 1])],
  ['ATAN2', postgres('RSQL_atan2', [2, 2])],
  ['CEILING', postgres('RSQL_ceiling', [1, 1])],
  ['COS', postgres('RSQL_cos', [1, 1])],
  ['COT', postgres('RSQL_cot', [1, 1])],
  ['DEGREES', postgres('RSQL_degrees', [1, 1])],
  ['EXP', postgres('RSQL_exp', [1, 1])],
  ['FLOOR', postgres('RSQL_floor', [1, 1])],
  // IRIS's LOG is the natural logarithm; PostgreSQL's log(x) is base 10.
  ['LOG', renamed('RSQL_log', 'ln', [1, 1])],
  ['LOG10', postgres('RSQL_log10', [1, 1])],
  ['PI', postgres('RSQL_pi', [0, 0])],
  ['POWER', postgres('RSQL_power', [2, 2])],
  ['RADIANS', postgres('RSQL_radians', [1, 1])],
  ['ROUND', renamed('RSQL_round', 'iris_sim.round', [2, 2])],
  ['SIGN', postgres('RSQL_sign', [1, 1])],
  ['SIN', postgres('RSQL_sin', [1, 1])],
  ['SQRT', postgres('RSQL_sqrt', [1, 1])],
  ['TAN', postgres('RSQL_tan', [1, 1])],
  ['TRUNCATE', renamed('RSQL_truncate', 'iris_sim.truncate', [2, 2])],
  // With ANSI operator precedence (IRIS's default), MOD's result takes the dividend's sign.
  ['MOD', postgres('RSQL_mod', [2, 2])],
  // Of the type x * x has (docs/iris-sql.md#functions).
  ['SQUARE', renamed('RSQL_square', 'iris_sim.square', [1, 1])],
  ['%PLUS', unmodelled('RSQL_plus')],
  ['%MINUS', unmodelled('RSQL_minus')],
  // Strings.
  ['ASCII', postgres('RSQL_ascii', [1, 1])],
  ['CHAR', exactString(renamed('RSQL_char', 'chr', [1, 1]))],
  ['CHAR_LENGTH', postgres('RSQL_charlength', [1, 1])],
  ['CHARACTER_LENGTH', postgres('RSQL_charlength', [1, 1])],
  // IRIS's LENGTH leaves trailing blanks out of the count (docs/iris-sql.md#functions).
  ['LENGTH', renamed('RSQL_length', 'iris_sim.length', [1, 1])],
  ['LEN', renamed('RSQL_len', 'iris_sim.len', [1, 1])],
  // Not exactString: of a number they return the number (docs/iris-sql.md#implicit-conversion),
  // which takes no COLLATE; the runtime's functions drop a string argument's collation, leaving
  // the default, which compares as EXACT (engine/exact-string-functions.ts).
  ['LOWER', exactUncollated(renamed('RSQL_lower', 'iris_sim.lower', [1, 1]))],
  ['UPPER', exactUncollated(renamed('RSQL_upper', 'iris_sim.upper', [1, 1]))],
  ['LCASE', exactUncollated(renamed('RSQL_lcase', 'iris_sim.lower', [1, 1]))],
  ['UCASE', exactUncollated(renamed('RSQL_ucase', 'iris_sim.upper', [1, 1]))],
  ['LTRIM', exactString(postgres('RSQL_ltrim', [1, 1]))],
  ['RTRIM', exactString(postgres('RSQL_rtrim', [1, 1]))],
  ['TRIM', exactString(postgres('RSQL_trim', [1, 1]))],
  ['LEFT', exactString(postgres('RSQL_left', [2, 2]))],
  ['RIGHT', exactString(postgres('RSQL_right', [2, 2]))],
  // Likewise, of a VARBINARY they return bytes; `SUBSTRING(s FROM start FOR length)` is one
  // argument here, which functions.ts writes with commas.
  ['SUBSTRING', exactUncollated(renamed('RSQL_substring', 'iris_sim.substring', [1, 3]))],
  ['SUBSTR', exactUncollated(renamed('RSQL_substr', 'iris_sim.substr', [2, 3]))],
  ['POSITION', postgres('RSQL_position', [1, 1])],
  ['INSTR', renamed('RSQL_instr', 'strpos', [2, 2])],
  ['REPLACE', exactString(postgres('RSQL_replace', [3, 3]))],
  ['REPEAT', exactString(postgres('RSQL_repeat', [2, 2]))],
  ['REPLICATE', exactString(renamed('RSQL_replicate', 'repeat', [2, 2]))],
  ['REVERSE', exactUncollated(renamed('RSQL_reverse', 'iris_sim.reverse', [1, 1]))],
  ['%SQLUPPER', renamed('RSQL_sqlupper', 'iris_sim.sqlupper', [1, 1])],
  ['%SQLSTRING', renamed('RSQL_sqlstring', 'iris_sim.sqlstring', [1, 1])],
  ['%STRING', unmodelled('RSQL_string_pct')],
  ['%UPPER', exactUncollated(renamed('RSQL_upper', 'iris_sim.upper', [1, 1]))],
  ['%EXACT', rewritten('RSQL_exact')],
  // CHARINDEX takes the substring first (INSTR the string); STUFF, LPAD, RPAD (docs/iris-sql.md#string-functions).
  ['CHARINDEX', renamed('RSQL_charindex', 'iris_sim.charindex', [2, 3])],
  // Of two strings only: IRIS writes a number in canonical form first (docs/iris-sql.md#functions).
  ['CONCAT', exactString(renamed('RSQL_concat', 'iris_sim.concat', [2, 2]))],
  ['LPAD', exactString(renamed('RSQL_lpad', 'iris_sim.lpad', [2, 3]))],
  ['RPAD', exactString(renamed('RSQL_rpad', 'iris_sim.rpad', [2, 3]))],
  ['SPACE', exactString(renamed('RSQL_space', 'iris_sim.space', [1, 1]))],
  ['STUFF', exactString(renamed('RSQL_stuff', 'iris_sim.stuff', [4, 4]))],
  // Up to PostgreSQL's 100 arguments; functions.ts writes numbers in canonical form, as IRIS does.
  ['STRING', exactString(renamed('RSQL_string', 'iris_sim.string_concat', [1, 100]))],
  ['%TRUNCATE', unmodelled('RSQL_truncatefunc')],
  // NULLs and conversion.
  ['CAST', postgres('RSQL_cast', [1, 1])],
  ['COALESCE', postgres('RSQL_coalesce', [1, Number.POSITIVE_INFINITY])],
  ['NULLIF', postgres('RSQL_nullif', [2, 2])],
  // The replacement takes the checked expression's type; a number replacing a string is written
  // in canonical form (nvl.ts, docs/iris-sql.md#implicit-conversion).
  ['NVL', renamed('RSQL_nvl', NVL_FUNCTION, [2, 2])],
  ['IFNULL', rewritten('RSQL_ifnull', [2, 3])],
  ['ISNULL', renamed('RSQL_isnull', ISNULL_FUNCTION, [2, 2])],
  ['CONVERT', unmodelled('RSQL_convert')],
  ['DECODE', unmodelled('RSQL_decode')],
  // NULL when any argument is NULL, unlike PostgreSQL's (docs/iris-sql.md#functions); up to 140 arguments.
  ['GREATEST', renamed('RSQL_greatest', 'iris_sim.greatest', [1, 140])],
  ['LEAST', renamed('RSQL_least', 'iris_sim.least', [1, 140])],
  ['ISNUMERIC', unmodelled('RSQL_isnumeric')],
  ['%INTERNAL', unmodelled('RSQL_internal')],
  ['%EXTERNAL', unmodelled('RSQL_external')],
  ['%ODBCIN', unmodelled('RSQL_odbcin')],
  ['%ODBCOUT', unmodelled('RSQL_odbcout')],
  // Dates and times. iris-pgwire writes date literals as TO_DATE('YYYY-MM-DD', 'YYYY-MM-DD')
  // (docs/iris-sql.md#text-rewrites); PostgreSQL's to_date reads that format as IRIS does.
  ['TO_DATE', postgres('RSQL_todate', [2, 2])],
  ['GETDATE', renamed('RSQL_getdate', 'iris_sim.getdate', [0, 1])],
  // CURRENT_TIMESTAMP(p) and CURRENT_TIME(p); without parentheses they are keywords (value-keywords.ts).
  [
    'CURRENT_TIMESTAMP',
    renamed('RSQL_currenttimestamp', 'iris_sim.current_timestamp_value', [1, 1]),
  ],
  ['CURRENT_TIME', unmodelled('RSQL_currenttime')],
  ['NOW', renamed('RSQL_now', 'iris_sim.getdate', [0, 0])],
  ['CURDATE', renamed('RSQL_curdate', 'iris_sim.curdate', [0, 0])],
  ['CURTIME', renamed('RSQL_curtime', 'iris_sim.curtime', [0, 0])],
  ['GETUTCDATE', renamed('RSQL_getutcdate', 'iris_sim.getutcdate', [0, 1])],
  ['DATEADD', rewritten('RSQL_dateadd', [3, 3])],
  ['DATEDIFF', rewritten('RSQL_datediff', [3, 3])],
  ['DATENAME', rewritten('RSQL_datename', [2, 2])],
  ['DATEPART', rewritten('RSQL_datepart', [2, 2])],
  // Only as {fn TIMESTAMPADD(...)}, which odbc-escapes.ts rewrites to DATEADD.
  ['TIMESTAMPADD', rewritten('RSQL_timestampadd', [3, 3])],
  ['TIMESTAMPDIFF', unmodelled('RSQL_timestampdiff')],
  // What DATEPART returns for one part (date-parts.ts, docs/iris-sql.md#date-functions).
  ['DAY', rewritten('RSQL_day', [1, 1])],
  ['DAYOFMONTH', rewritten('RSQL_dayofmonth', [1, 1])],
  ['DAYOFWEEK', rewritten('RSQL_dayofweek', [1, 1])],
  ['DAYOFYEAR', rewritten('RSQL_dayofyear', [1, 1])],
  ['HOUR', rewritten('RSQL_hour', [1, 1])],
  ['MINUTE', rewritten('RSQL_minute', [1, 1])],
  ['MONTH', rewritten('RSQL_month', [1, 1])],
  ['QUARTER', rewritten('RSQL_quarter', [1, 1])],
  ['YEAR', rewritten('RSQL_year', [1, 1])],
  // Unlike DATEPART: names, seconds with their fraction, weeks of the year (docs/iris-sql.md#date-functions).
  ['DAYNAME', renamed('RSQL_dayname', 'iris_sim.dayname', [1, 1])],
  ['MONTHNAME', renamed('RSQL_monthname', 'iris_sim.monthname', [1, 1])],
  ['SECOND', renamed('RSQL_second', 'iris_sim.second', [1, 1])],
  ['WEEK', renamed('RSQL_week', 'iris_sim.week', [1, 1])],
  ['LAST_DAY', renamed('RSQL_lastday', 'iris_sim.last_day', [1, 1])],
  ['TO_CHAR', unmodelled('RSQL_tochar')],
  ['TO_TIMESTAMP', unmodelled('RSQL_totimestamp')],
  ['TO_NUMBER', unmodelled('RSQL_tonumber')],
  ['TO_POSIXTIME', unmodelled('RSQL_toposixtime')],
  ['UNIX_TIMESTAMP', unmodelled('RSQL_unixtimestamp')],
  // JSON.
  ['JSON_OBJECT', unmodelled('RSQL_jsonobject')],
  ['JSON_ARRAY', unmodelled('RSQL_jsonarray')],
  // Identity and vectors.
  ['LAST_IDENTITY', renamed('RSQL_lastidentity', 'iris_sim.last_identity', [0, 0])],
  ['TO_VECTOR', rewritten('RSQL_tovector')],
  ['VECTOR_COSINE', renamed('RSQL_vectorcosine', 'iris_sim.vector_cosine', [2, 2])],
  ['VECTOR_DOT_PRODUCT', renamed('RSQL_vectordotproduct', 'iris_sim.vector_dot_product', [2, 2])],
  ['EMBEDDING', unmodelled('RSQL_embedding')],
  // The front end's identity, as iris-pgwire answers it (bootstrap.ts defines it).
  ['VERSION', renamed('docs/iris-sql.md#server-identity', 'iris_sim_overrides.version', [0, 0])],
])
