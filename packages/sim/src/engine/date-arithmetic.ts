/**
 * Arithmetic on dates with `+` and `-` (docs/iris-sql.md#date-functions): PostgreSQL adds days to
 * a DATE (`CURRENT_DATE + 1` is tomorrow's date) and subtracts two DATEs into a day count, while
 * IRIS documents no such operators: its logical DATE is a day count, and what `+` and `-` give on
 * one is [unverified]. So the overrides schema, which the search path puts ahead of pg_catalog,
 * holds operators of the same argument types that refuse (SQLSTATE IR001, SQLCODE -1), naming
 * DATEADD and DATEDIFF. The simulator's own SQL subtracts dates with `operator(pg_catalog.-)`.
 */

/** PostgreSQL's date operators that take or give a day count, and what each returns. */
const DATE_OPERATORS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['+', 'date', 'integer', 'date'],
  ['+', 'integer', 'date', 'date'],
  ['-', 'date', 'integer', 'date'],
  ['-', 'date', 'date', 'integer'],
]

const MESSAGE =
  "+ and - on a DATE are not documented IRIS SQL (IRIS's dates are day counts); use DATEADD('day', n, date) and DATEDIFF('day', start, end)"

export function dateArithmeticSql(schema: string): string {
  return DATE_OPERATORS.map(
    ([op, left, right, returns]) => `
create or replace function ${schema}.date_arithmetic(${left}, ${right}) returns ${returns} language plpgsql immutable as
$f$ begin raise exception using errcode = 'IR001', message = '${MESSAGE.replaceAll("'", "''")}'; end $f$;
create operator ${schema}.${op} (leftarg = ${left}, rightarg = ${right}, function = ${schema}.date_arithmetic);`,
  ).join('')
}
