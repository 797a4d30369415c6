/**
 * IRIS's two divisions in PostgreSQL (docs/iris-sql.md#operators), as operators in the overrides
 * schema, which the search path puts ahead of pg_catalog (PostgreSQL picks the earliest operator on
 * the path for exact argument types):
 * - `/` divides as decimals, so `7/2` is 3.5, also between integers.
 * - `\` truncates toward zero. The translator writes `a \ b` as `a / iris_sim.int_divisor(b)`
 *   (translate/integer-division.ts); `int_divisor` wraps `b` in a divisor type of its kind, and
 *   `/` between any number and a divisor type divides and truncates, its result typed as IRIS
 *   types it: DOUBLE with a DOUBLE on either side, else NUMERIC with a NUMERIC on either side, else
 *   INTEGER between two SMALLINTs and BIGINT between any other integers. A text operand (an untyped
 *   parameter, a string) is taken as NUMERIC, its value by ObjectScript's rule
 *   (`iris_sim.numeric_value`, string-arithmetic.ts). A zero divisor fails as `/` by zero does
 *   (SQLSTATE 22012).
 */
import { SIM_SCHEMA } from '../catalog/metadata.js'
import { numericOperand } from './string-arithmetic.js'

const INTEGER_TYPES = ['smallint', 'integer', 'bigint']

function decimalDivisionSql(schema: string): string {
  return INTEGER_TYPES.flatMap((left) =>
    INTEGER_TYPES.map(
      (right) => `
create or replace function ${schema}.divide(${left}, ${right}) returns numeric language sql immutable strict as
$$ select trim_scale($1::numeric / $2) $$;
create operator ${schema}./ (leftarg = ${left}, rightarg = ${right}, function = ${schema}.divide);`,
    ),
  ).join('')
}

/** What an operand of `\` counts as for the result type (docs/iris-sql.md#operators). */
type Kind = 'smallint' | 'integer' | 'numeric' | 'double'

/** PostgreSQL argument types → their kind; `text` takes the unknown type of a parameter. */
const OPERAND_KINDS: ReadonlyArray<readonly [string, Kind]> = [
  ['smallint', 'smallint'],
  ['integer', 'integer'],
  ['bigint', 'integer'],
  ['numeric', 'numeric'],
  ['double precision', 'double'],
  ['text', 'numeric'],
]

/** The divisor type of each kind, and the PostgreSQL type its value keeps. */
const DIVISOR_VALUE: Record<Kind, string> = {
  smallint: 'smallint',
  integer: 'bigint',
  numeric: 'numeric',
  double: 'double precision',
}
const divisorType = (kind: Kind) => `${SIM_SCHEMA}.divisor_${kind}`

function quotient(type: string, left: Kind, right: Kind): { returns: string; sql: string } {
  const value = numericOperand(type, '$1')
  if (left === 'double' || right === 'double')
    return {
      returns: 'double precision',
      sql: `trunc(${value}::float8 operator(pg_catalog./) ($2).value::float8)`,
    }
  // div() truncates toward zero and raises 22012 for a zero divisor.
  const sql = `div(${value}::numeric, ($2).value::numeric)`
  if (left === 'numeric' || right === 'numeric') return { returns: 'numeric', sql }
  const returns = left === 'smallint' && right === 'smallint' ? 'integer' : 'bigint'
  return { returns, sql: `${sql}::${returns}` }
}

function integerDivisionSql(schema: string): string {
  const kinds = Object.keys(DIVISOR_VALUE) as Kind[]
  const types = kinds.map(
    (kind) =>
      `do $do$ begin if to_regtype('${divisorType(kind)}') is null then create type ${divisorType(kind)} as (value ${DIVISOR_VALUE[kind]}); end if; end $do$;`,
  )
  const divisors = OPERAND_KINDS.map(
    ([type, kind]) =>
      `create or replace function ${SIM_SCHEMA}.int_divisor(${type}) returns ${divisorType(kind)} language sql immutable strict as $$ select row(${numericOperand(type, '$1')})::${divisorType(kind)} $$;`,
  )
  const operators = OPERAND_KINDS.flatMap(([left, leftKind]) =>
    kinds.map((rightKind) => {
      const { returns, sql } = quotient(left, leftKind, rightKind)
      return `
create or replace function ${schema}.int_divide(${left}, ${divisorType(rightKind)}) returns ${returns} language sql immutable strict as $$ select ${sql} $$;
create operator ${schema}./ (leftarg = ${left}, rightarg = ${divisorType(rightKind)}, function = ${schema}.int_divide);`
    }),
  )
  return [...types, ...divisors, ...operators].join('\n')
}

/** Both divisions' SQL objects; the operators go in `schema`, the overrides schema. */
export function divisionOperatorsSql(schema: string): string {
  return `${decimalDivisionSql(schema)}\n${integerDivisionSql(schema)}`
}
