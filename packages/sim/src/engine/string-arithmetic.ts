/**
 * Arithmetic on strings (docs/iris-sql.md#implicit-conversion), as SQL objects made once at
 * bootstrap, so no query pays for them (PostgreSQL has no arithmetic on text):
 * - `iris_sim.numeric_value(s)`: the number a string stands for in arithmetic, by ObjectScript's
 *   rule: its leading numeric part (signs, digits with at most one decimal point, an exponent), 0
 *   when it has none (`'32hut'` is 32, `'fred'` and `''` are 0, `' 5'` is 0: a blank is not numeric).
 * - `+`, `-`, `*`, `/` and `%` (IRIS's `#`, translate/operators.ts) between a string and a number or
 *   two strings, and prefix `-` and `+` of a string: the string becomes its numeric value, which
 *   counts as NUMERIC for the result type (DOUBLE with a DOUBLE, else NUMERIC), as a string operand
 *   of `\` does (division-operators.ts).
 * The operators take `text`, which the sim's string type casts to implicitly; they go in the
 * overrides schema, and each argument pair is one PostgreSQL had no operator for, so no existing
 * expression changes meaning.
 */

/** PostgreSQL's number types, which the sim's operators between strings and numbers take. */
export const NUMBER_TYPES = ['smallint', 'integer', 'bigint', 'numeric', 'double precision']

/**
 * ObjectScript's numeric prefix of a string: any run of signs, then digits with at most one
 * decimal point (at least one digit), then an optional exponent with at most one sign; groups do
 * not capture, as substring() would return a capturing group's match
 * (docs/iris-sql.md#implicit-conversion).
 */
const NUMERIC_PREFIX = '^[+-]*(?:[0-9]+[.]?[0-9]*|[.][0-9]+)(?:[eE][+-]?[0-9]+)?'

/**
 * An odd number of minus signs in the prefix's sign run makes the number negative. The string is
 * matched under "C": a column's collation is nondeterministic, which regular expressions refuse.
 */
function numericValueSql(): string {
  return `create or replace function iris_sim.numeric_value(text) returns numeric language sql immutable strict as $$
select case
  when prefix is null then 0
  when length(regexp_replace(substring(prefix from '^[+-]*'), '[+]', '', 'g')) % 2 = 1
    then -(regexp_replace(prefix, '^[+-]*', '')::numeric)
  else regexp_replace(prefix, '^[+-]*', '')::numeric
end from (select substring($1 collate "C" from '${NUMERIC_PREFIX}') as prefix) as s $$;`
}

/** Each operator and the name of its function; `%` only without a DOUBLE, as between numbers. */
const OPERATORS: ReadonlyArray<readonly [string, string]> = [
  ['+', 'add'],
  ['-', 'subtract'],
  ['*', 'multiply'],
  ['/', 'divide'],
  ['%', 'modulo'],
]

/** The operand as a number: a string through its numeric value, a number as it is. */
export const numericOperand = (type: string, arg: string) =>
  type === 'text' ? `iris_sim.numeric_value(${arg})` : arg

/** DOUBLE with a DOUBLE, else NUMERIC (the string's side counts as NUMERIC). */
const resultType = (left: string, right: string) =>
  left === 'double precision' || right === 'double precision' ? 'double precision' : 'numeric'

/** `/` divides as decimals with no trailing zeros, as the sim's `/` between integers does. */
function bodySql(op: string, left: string, right: string): string {
  const sql = `${numericOperand(left, '$1')} operator(pg_catalog.${op}) ${numericOperand(right, '$2')}`
  return op === '/' && resultType(left, right) === 'numeric' ? `trim_scale(${sql})` : sql
}

function binaryOperatorsSql(schema: string): string {
  const pairs: ReadonlyArray<readonly [string, string]> = [
    ...NUMBER_TYPES.flatMap((number) => [['text', number] as const, [number, 'text'] as const]),
    ['text', 'text'],
  ]
  return pairs
    .flatMap(([left, right]) =>
      OPERATORS.filter(([op]) => op !== '%' || resultType(left, right) === 'numeric').map(
        ([op, name]) => `
create or replace function iris_sim.string_${name}(${left}, ${right}) returns ${resultType(left, right)} language sql immutable strict as $$ select ${bodySql(op, left, right)} $$;
create operator ${schema}.${op} (leftarg = ${left}, rightarg = ${right}, function = iris_sim.string_${name});`,
      ),
    )
    .join('')
}

function prefixOperatorsSql(schema: string): string {
  return [
    ['-', 'negate', '-iris_sim.numeric_value($1)'],
    ['+', 'plus', 'iris_sim.numeric_value($1)'],
  ]
    .map(
      ([op, name, sql]) => `
create or replace function iris_sim.string_${name}(text) returns numeric language sql immutable strict as $$ select ${sql} $$;
create operator ${schema}.${op} (rightarg = text, function = iris_sim.string_${name});`,
    )
    .join('')
}

/** All of it; the operators go in `schema`, the overrides schema. */
export function stringArithmeticSql(schema: string): string {
  return [numericValueSql(), binaryOperatorsSql(schema), prefixOperatorsSql(schema)].join('\n')
}
