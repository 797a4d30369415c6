/**
 * Arithmetic on dates and times with `+` and `-` (docs/iris-sql.md#date-functions): PostgreSQL adds
 * days to a DATE (`CURRENT_DATE + 1` is tomorrow's date), subtracts two DATEs into a day count, two
 * TIMESTAMPs or TIMEs into an interval and adds a TIME to a DATE, while IRIS documents no such
 * operators: its logical DATE is a day count, its TIME a second count and its TIMESTAMP a string,
 * and what `+` and `-` give on them is [unverified]. So the overrides schema, which the search
 * path puts ahead of pg_catalog, holds operators of the same argument types that refuse (SQLSTATE
 * IR001, SQLCODE -1), naming DATEADD and DATEDIFF. IRIS SQL has no INTERVAL, which the
 * translator refuses, but PostgreSQL reads a parameter or a string literal as one (`ts + ?`,
 * `ts + '1 day'`), so its operators adding or subtracting an interval are refused too. The
 * simulator's own SQL adds and subtracts with `operator(pg_catalog.+)` and `operator(pg_catalog.-)`.
 *
 * The refusal comes when PostgreSQL plans the statement, before any row, wherever the operator
 * stands: each operator's function is an SQL function, which the planner inlines, and its body
 * calls an immutable function with only a constant argument, which the planner then folds, that
 * is runs, and that raises. An operator the planner never reaches is not refused: a branch of a
 * CASE whose condition folds to false, the select list of an EXISTS subquery (the planner drops
 * it) (docs/iris-sql.md#simulator-limits).
 */

/** PostgreSQL's date and time operators (those of a time zone type aside), and what each returns. */
const DATE_OPERATORS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['+', 'date', 'integer', 'date'],
  ['+', 'integer', 'date', 'date'],
  ['-', 'date', 'integer', 'date'],
  ['-', 'date', 'date', 'integer'],
  ['+', 'date', 'time', 'timestamp'],
  ['+', 'time', 'date', 'timestamp'],
  ['-', 'time', 'time', 'interval'],
  ['-', 'timestamp', 'timestamp', 'interval'],
  ['+', 'date', 'interval', 'timestamp'],
  ['+', 'interval', 'date', 'timestamp'],
  ['-', 'date', 'interval', 'timestamp'],
  ['+', 'time', 'interval', 'time'],
  ['+', 'interval', 'time', 'time'],
  ['-', 'time', 'interval', 'time'],
  ['+', 'timestamp', 'interval', 'timestamp'],
  ['+', 'interval', 'timestamp', 'timestamp'],
  ['-', 'timestamp', 'interval', 'timestamp'],
]

/** The refusal's message, also for a `d + ?` PostgreSQL cannot type (error-mapping.ts). */
export const DATE_ARITHMETIC_REFUSED =
  "+ and - on a DATE, TIME or TIMESTAMP are not documented IRIS SQL (IRIS's dates are day counts, its times second counts); use DATEADD(part, n, value) and DATEDIFF(part, start, end)"

export function dateArithmeticSql(schema: string): string {
  const refuse = `
create or replace function ${schema}.refuse_date_arithmetic(anyelement) returns anyelement language plpgsql immutable as
$f$ begin raise exception using errcode = 'IR001', message = '${DATE_ARITHMETIC_REFUSED.replaceAll("'", "''")}'; end $f$;`
  // Not STRICT, and not using its arguments: the planner inlines only such an SQL function.
  const operators = DATE_OPERATORS.map(
    ([op, left, right, returns]) => `
create or replace function ${schema}.date_arithmetic(${left}, ${right}) returns ${returns} language sql immutable as
$f$ select ${schema}.refuse_date_arithmetic(null::${returns}) $f$;
create operator ${schema}.${op} (leftarg = ${left}, rightarg = ${right}, function = ${schema}.date_arithmetic);`,
  )
  return refuse + operators.join('')
}
