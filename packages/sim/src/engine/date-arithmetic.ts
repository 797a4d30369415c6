/**
 * Arithmetic on dates and times with `+` and `-` (docs/iris-sql.md#date-functions): PostgreSQL adds
 * days to a DATE (`CURRENT_DATE + 1` is tomorrow's date), subtracts two DATEs into a day count, two
 * TIMESTAMPs or TIMEs into an interval and adds a TIME to a DATE, while IRIS documents no such
 * operators: its logical DATE is a day count, its TIME a second count and its TIMESTAMP a string,
 * and what `+` and `-` give on them is [unverified]. So the overrides schema, which the search
 * path puts ahead of pg_catalog, holds operators of the same argument types that refuse (SQLSTATE
 * IR001, SQLCODE -1), naming DATEADD and DATEDIFF. PostgreSQL's operators with an interval need
 * an INTERVAL, which IRIS SQL has not and the translator refuses. The simulator's own SQL
 * subtracts dates with `operator(pg_catalog.-)`.
 */

/** PostgreSQL's date and time operators without an interval operand, and what each returns. */
const DATE_OPERATORS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['+', 'date', 'integer', 'date'],
  ['+', 'integer', 'date', 'date'],
  ['-', 'date', 'integer', 'date'],
  ['-', 'date', 'date', 'integer'],
  ['+', 'date', 'time', 'timestamp'],
  ['+', 'time', 'date', 'timestamp'],
  ['-', 'time', 'time', 'interval'],
  ['-', 'timestamp', 'timestamp', 'interval'],
]

const MESSAGE =
  "+ and - on a DATE, TIME or TIMESTAMP are not documented IRIS SQL (IRIS's dates are day counts, its times second counts); use DATEADD(part, n, value) and DATEDIFF(part, start, end)"

export function dateArithmeticSql(schema: string): string {
  return DATE_OPERATORS.map(
    ([op, left, right, returns]) => `
create or replace function ${schema}.date_arithmetic(${left}, ${right}) returns ${returns} language plpgsql immutable as
$f$ begin raise exception using errcode = 'IR001', message = '${MESSAGE.replaceAll("'", "''")}'; end $f$;
create operator ${schema}.${op} (leftarg = ${left}, rightarg = ${right}, function = ${schema}.date_arithmetic);`,
  ).join('')
}
