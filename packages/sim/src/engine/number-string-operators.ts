/**
 * IRIS's loose typing between strings and numbers (docs/iris-sql.md#implicit-conversion), as SQL
 * objects made once at bootstrap, so no query pays for them (PostgreSQL refuses every one of these
 * mixes):
 * - `iris_sim.canonical_number(x)`: a number's canonical form as text (`1.50` → `1.5`, `0.5` →
 *   `.5`), the form in which IRIS writes a number where a string is wanted.
 * - Comparisons of a string with a number (`=`, `<>`, `<`, `<=`, `>`, `>=`): the number becomes
 *   its canonical form and the two compare as strings under the string's collation (`s = 1`
 *   matches `'1'`, and `'1 '` under `%SQLUPPER`; `s > 5` is string order). Under EXACT collation
 *   (text: `%EXACT(x)`, `COLLATE %EXACT` columns, string expressions) a string holding a canonical
 *   number orders as that number, below every other string.
 * - LENGTH and CONCAT of a number use the canonical form (UPPER and LOWER of a number:
 *   exact-string-functions.ts), and so does `||`, which is CONCAT (`'a' || 1.50` is `'a1.5'`,
 *   `1 || 2` is `'12'`).
 * - `iris_sim.as_varchar(x)` (translate/varchar-repair.ts): a number in canonical form as VARCHAR,
 *   a string as it is, where IRIS gives VARCHAR to a CASE or a set operation mixing the two.
 * The operators go in the overrides schema, on the search path ahead of pg_catalog; each argument
 * pair is one the engine had no operator for, so no existing expression changes meaning.
 */
import { STRING_TYPE } from '../catalog/metadata.js'
import { COMPARISON_OPERATORS } from '../translate/collated-string.js'
import { CANONICAL_PATTERN } from '../translate/exact-order.js'
import { internalFunctionSql, textLayoutTypeSql } from '../translate/text-layout-types.js'
import { AS_VARCHAR } from '../translate/varchar-repair.js'
import { NUMBER_TYPES } from './string-arithmetic.js'

/** A number's canonical text, per PostgreSQL type: integers as they print; decimals trimmed. */
const CANONICAL: ReadonlyArray<readonly [string, string]> = [
  ['smallint', '$1::text'],
  ['integer', '$1::text'],
  ['bigint', '$1::text'],
  ['numeric', `regexp_replace(trim_scale($1)::text, '^(-?)0[.]', '\\1.')`],
  ['double precision', 'iris_sim.canonical_number($1::numeric)'],
]

function canonicalNumberSql(): string {
  return CANONICAL.map(
    ([type, sql]) =>
      `create or replace function iris_sim.canonical_number(${type}) returns text language sql immutable strict as $$ select ${sql} $$;`,
  ).join('\n')
}

/**
 * How a string compares with a number under EXACT collation (docs/iris-sql.md#collation): a
 * string holding a canonical number as that number, any other string above every number. The
 * string's side is `$1` for a (text, number) pair, `$2` for a (number, text) one.
 */
function exactOrderSql(op: string, stringFirst: boolean): string {
  const [str, num] = stringFirst ? ['$1', '$2'] : ['$2', '$1']
  const numeric = stringFirst ? `${str}::numeric ${op} ${num}` : `${num} ${op} ${str}::numeric`
  const stringAbove = stringFirst ? ['>', '>=', '<>'] : ['<', '<=', '<>']
  return `case when ${str} ~ '${CANONICAL_PATTERN}' then ${numeric} else ${stringAbove.includes(op)} end`
}

/**
 * The body of a comparison between a string and a number. The sim's collated string compares
 * through its own bpchar functions (collated-string.ts: pair 1 is (string, text), pair 2
 * (text, string)), called as functions so that the planner never takes the comparison for a
 * merge- or hash-joinable equality of two strings. Text compares in EXACT order.
 */
function comparisonSql(op: string, name: string, stringType: string, stringFirst: boolean): string {
  const canonical = stringFirst ? 'iris_sim.canonical_number($2)' : 'iris_sim.canonical_number($1)'
  const args = stringFirst ? `$1, ${canonical}` : `${canonical}, $2`
  if (stringType === STRING_TYPE) return `iris_sim.string_${name}${stringFirst ? 1 : 2}(${args})`
  if (op === '=' || op === '<>') return `text${name}(${args})`
  return exactOrderSql(op, stringFirst)
}

function comparisonsSql(schema: string): string {
  return [STRING_TYPE, 'text']
    .flatMap((stringType) =>
      NUMBER_TYPES.flatMap((number) =>
        COMPARISON_OPERATORS.flatMap(({ op, name, commutator, negator, restrict, join }) =>
          [true, false].map((stringFirst) => {
            const [left, right] = stringFirst ? [stringType, number] : [number, stringType]
            return `
create or replace function iris_sim.number_string_${name}(${left}, ${right}) returns boolean language sql immutable strict as $$ select ${comparisonSql(op, name, stringType, stringFirst)} $$;
create operator ${schema}.${op} (leftarg = ${left}, rightarg = ${right}, function = iris_sim.number_string_${name}, commutator = operator(${schema}.${commutator}), negator = operator(${schema}.${negator}), restrict = ${restrict}, join = ${join});`
          }),
        ),
      ),
    )
    .join('')
}

/** LENGTH and CONCAT of numbers in canonical form. */
function stringFunctionsSql(): string {
  const length = NUMBER_TYPES.map(
    (type) =>
      `create or replace function iris_sim.length(${type}) returns integer language sql immutable as $$ select char_length(iris_sim.canonical_number($1)) $$;`,
  )
  const kinds = ['text', ...NUMBER_TYPES]
  const text = (type: string, arg: string) =>
    type === 'text' ? arg : `iris_sim.canonical_number(${arg})`
  const concat = kinds.flatMap((left) =>
    kinds
      .filter((right) => left !== 'text' || right !== 'text')
      .map(
        (right) =>
          `create or replace function iris_sim.concat(${left}, ${right}) returns text language sql immutable as $$ select ${text(left, '$1')} || ${text(right, '$2')} $$;`,
      ),
  )
  return [...length, ...concat].join('\n')
}

/**
 * The type a number takes as an operand of `||` between two numbers: text's layout, made from
 * each number type by an implicit cast that writes it in canonical form. No expression has this
 * type, so an operator for (number_text, number_text) has no exact match to steal.
 */
const NUMBER_TEXT = 'iris_sim.number_text'

function numberTextSql(): string {
  return [
    ...textLayoutTypeSql(NUMBER_TEXT, NUMBER_TEXT, "like = text, category = 'S'"),
    // A cast function returning text needs text to be binary-coercible to the target, implicitly.
    `create cast (text as ${NUMBER_TEXT}) without function as implicit;`,
    ...NUMBER_TYPES.map(
      (type) =>
        `create cast (${type} as ${NUMBER_TEXT}) with function iris_sim.canonical_number(${type}) as implicit;`,
    ),
    internalFunctionSql('iris_sim.concat', `${NUMBER_TEXT}, ${NUMBER_TEXT}`, 'text', 'textcat'),
  ].join('\n')
}

/**
 * `||` with a number, which IRIS writes in canonical form, as CONCAT does (docs/iris-sql.md#operators).
 * PostgreSQL's own `text || anynonarray` and `anynonarray || text` would write it as it prints
 * (`1.50`), and it has no `||` of two numbers:
 * - (text, number) and (number, text) for each number type run CONCAT's functions; they win over
 *   PostgreSQL's by matching the number's type exactly, and text is the preferred type for the
 *   string side, so a `%SQLUPPER` column, a VARCHAR, a string literal, a parameter or NULL there
 *   resolves to them too.
 * - two numbers meet as number_text: PostgreSQL takes the unknown side of `'a' || 1` for the other
 *   side's type when an operator has that exact pair (integer, integer), and would read `'a'` as a
 *   number.
 */
function concatOperatorsSql(schema: string): string {
  const pairs = [
    ...NUMBER_TYPES.flatMap((number) => [
      ['text', number],
      [number, 'text'],
    ]),
    [NUMBER_TEXT, NUMBER_TEXT],
  ]
  return pairs
    .map(
      ([left, right]) =>
        `create operator ${schema}.|| (leftarg = ${left}, rightarg = ${right}, function = iris_sim.concat);`,
    )
    .join('\n')
}

/** A number as VARCHAR in canonical form; a string as it is, the sim's own keeping its collation. */
function asVarcharSql(): string {
  const overloads = [
    ...NUMBER_TYPES.map((type) => [type, 'varchar', 'iris_sim.canonical_number($1)']),
    ['text', 'varchar', '$1'],
    [STRING_TYPE, STRING_TYPE, '$1'],
  ]
  return overloads
    .map(
      ([type, result, sql]) =>
        `create or replace function ${AS_VARCHAR}(${type}) returns ${result} language sql immutable strict as $$ select ${sql} $$;`,
    )
    .join('\n')
}

/** All of it; the operators go in `schema`, the overrides schema. */
export function numberStringOperatorsSql(schema: string): string {
  return [
    canonicalNumberSql(),
    comparisonsSql(schema),
    stringFunctionsSql(),
    numberTextSql(),
    concatOperatorsSql(schema),
    asVarcharSql(),
  ].join('\n')
}
