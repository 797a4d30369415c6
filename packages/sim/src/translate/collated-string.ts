/**
 * `iris_sim.string(n)`: the type of VARCHAR and CHAR columns under `%SQLUPPER` and `%SQLSTRING`,
 * which compare blind to trailing blanks (docs/iris-sql.md#collation): `'abc '` = `'ABC'` in `=`,
 * `<>`, `<`, IN, joins, DISTINCT, GROUP BY, ORDER BY and unique keys, while the value stored and
 * returned keeps its blanks. Case is the column's PostgreSQL collation's business, as for any
 * string (case-insensitive `iris_sim.sqlupper`, exact `iris_sim.exact`); a PostgreSQL collation
 * cannot make only trailing blanks ignorable, hence a type of its own.
 *
 * Everything is PostgreSQL's own code, so it costs what varchar costs: input, output, typmod and
 * the length check are varchar's; comparisons and hashing are `character(n)`'s (bpchar), which
 * ignore trailing spaces and honour the collation, the case-insensitive one included. Operators
 * exist for (string, string), (string, text) and (text, string) in one btree and one hash family,
 * so a parameter or a literal compares under the column's collation and an index still serves it.
 * They live in the overrides schema, which is on the search path. Clients never see this type:
 * the engine shows it as VARCHAR (engine/shown-types.ts).
 */
import { OVERRIDES_SCHEMA, STRING_TYPE } from '../catalog/metadata.js'
import { internalFunctionSql, textLayoutTypeSql } from './text-layout-types.js'

const T = STRING_TYPE
const O = OVERRIDES_SCHEMA

/** The argument pairs every comparison operator is defined for. */
const PAIRS: readonly (readonly [string, string])[] = [
  [T, T],
  [T, 'text'],
  ['text', T],
]

/**
 * The comparison operators, each with its name in function names (PostgreSQL's `bpchar<name>` is
 * its bpchar function), commutator, negator, restriction and join selectivity. The number-string
 * comparisons (engine/number-string-operators.ts) are made from the same table.
 */
export const COMPARISON_OPERATORS = [
  { op: '=', name: 'eq', commutator: '=', negator: '<>', restrict: 'eqsel', join: 'eqjoinsel' },
  { op: '<>', name: 'ne', commutator: '<>', negator: '=', restrict: 'neqsel', join: 'neqjoinsel' },
  {
    op: '<',
    name: 'lt',
    commutator: '>',
    negator: '>=',
    restrict: 'scalarltsel',
    join: 'scalarltjoinsel',
  },
  {
    op: '<=',
    name: 'le',
    commutator: '>=',
    negator: '>',
    restrict: 'scalarlesel',
    join: 'scalarlejoinsel',
  },
  {
    op: '>',
    name: 'gt',
    commutator: '<',
    negator: '<=',
    restrict: 'scalargtsel',
    join: 'scalargtjoinsel',
  },
  {
    op: '>=',
    name: 'ge',
    commutator: '<=',
    negator: '<',
    restrict: 'scalargesel',
    join: 'scalargejoinsel',
  },
] as const

/** The name of one of the type's support functions or operator families. */
const SUPPORT = 'iris_sim.string'
const named = (name: string) => `${SUPPORT}_${name}`

/** An internal (C) function of PostgreSQL's under a signature of ours: same varlena layout. */
const internal = (name: string, args: string, returns: string, symbol: string) =>
  internalFunctionSql(named(name), args, returns, symbol)

const io = [
  ...textLayoutTypeSql(
    T,
    SUPPORT,
    "typmod_in = varchartypmodin, typmod_out = varchartypmodout, like = varchar, category = 'S', collatable = true",
  ),
  // The length check of an assignment to string(n), as varchar(n)'s.
  internalFunctionSql(T, `${T}, integer, boolean`, T, 'varchar'),
  `create cast (${T} as ${T}) with function ${T}(${T}, integer, boolean) as implicit;`,
  // String functions and text parameters work on it both ways, as on varchar.
  ...['text', 'varchar'].flatMap((other) => [
    `create cast (${T} as ${other}) without function as implicit;`,
    `create cast (${other} as ${T}) without function as implicit;`,
  ]),
]

/**
 * `=` hashes for every pair (the hash family has text's hash functions), but merges only between
 * two strings: a merge join sorts each side by the family's `<` for its own type, and the family
 * has none for (text, text), which would have to be PostgreSQL's (blind to nothing) or one of ours
 * shadowing it. So `a.name = LEFT(b.name, 3)` joins by hash or nested loop.
 */
const joinMethods = (op: string, pair: number) =>
  op !== '=' ? '' : pair === 0 ? ', hashes, merges' : ', hashes'

const comparisons = PAIRS.flatMap(([left, right], pair) => [
  internal(`cmp${pair}`, `${left}, ${right}`, 'integer', 'bpcharcmp'),
  ...COMPARISON_OPERATORS.map(({ name }) =>
    internal(`${name}${pair}`, `${left}, ${right}`, 'boolean', `bpchar${name}`),
  ),
  ...COMPARISON_OPERATORS.map(
    ({ op, name, commutator, negator, restrict, join }) =>
      `create operator ${O}.${op} (leftarg = ${left}, rightarg = ${right}, function = ${named(`${name}${pair}`)}, commutator = operator(${O}.${commutator}), negator = operator(${O}.${negator}), restrict = ${restrict}, join = ${join}${joinMethods(op, pair)});`,
  ),
])

const btreeOperators = (left: string, right: string) =>
  ['<', '<=', '=', '>=', '>']
    .map((op, i) => `operator ${i + 1} ${O}.${op} (${left}, ${right})`)
    .join(', ')

const families = [
  internal('sortsupport', 'internal', 'void', 'bpchar_sortsupport'),
  ...[T, 'text'].flatMap((type) => [
    internal('hash', type, 'integer', 'hashbpchar'),
    internal('hash_extended', `${type}, bigint`, 'bigint', 'hashbpcharextended'),
  ]),
  `create operator family ${named('ops')} using btree;`,
  `create operator family ${named('ops')} using hash;`,
  `create operator class ${named('ops')} default for type ${T} using btree family ${named('ops')} as
  ${btreeOperators(T, T)}, function 1 ${named('cmp0')}(${T}, ${T}), function 2 ${named('sortsupport')}(internal);`,
  ...PAIRS.slice(1).map(
    ([left, right], i) =>
      `alter operator family ${named('ops')} using btree add ${btreeOperators(left, right)}, function 1 (${left}, ${right}) ${named(`cmp${i + 1}`)}(${left}, ${right});`,
  ),
  `create operator class ${named('ops')} default for type ${T} using hash family ${named('ops')} as
  operator 1 ${O}.= (${T}, ${T}), function 1 ${named('hash')}(${T}), function 2 ${named('hash_extended')}(${T}, bigint);`,
  `alter operator family ${named('ops')} using hash add operator 1 ${O}.= (${T}, text), operator 1 ${O}.= (text, ${T}),
  function 1 (text, text) ${named('hash')}(text), function 2 (text, text) ${named('hash_extended')}(text, bigint);`,
]

/**
 * LIKE matches the value without its trailing blanks against the pattern without its own, as
 * collating both the same way would ([unverified] on IRIS, docs/iris-sql.md#like); a blank the
 * escape character makes literal stays. The translator always gives LIKE an escape, which
 * PostgreSQL hands over as a backslash (like_escape).
 */
const like = [
  `create function ${named('like')}(value ${T}, pattern text) returns boolean language plpgsql immutable strict parallel safe as $f$
declare
  trimmed text := rtrim(pattern, ' ');
begin
  -- an odd number of backslashes before the cut escapes the first blank: keep it.
  if char_length(trimmed) < char_length(pattern) and (char_length(trimmed) - char_length(rtrim(trimmed, chr(92)))) % 2 = 1 then
    trimmed := left(pattern, char_length(trimmed) + 1);
  end if;
  return rtrim(value, ' ') like trimmed;
end $f$;`,
  `create function ${named('not_like')}(value ${T}, pattern text) returns boolean language sql immutable strict parallel safe as $f$ select not ${named('like')}(value, pattern) $f$;`,
  `create operator ${O}.~~ (leftarg = ${T}, rightarg = text, function = ${named('like')}, negator = operator(${O}.!~~));`,
  `create operator ${O}.!~~ (leftarg = ${T}, rightarg = text, function = ${named('not_like')}, negator = operator(${O}.~~));`,
]

/** Creates the type and its operators once (a persistent data directory runs the bootstrap again only if it never finished). */
export const COLLATED_STRING_SQL = `create schema if not exists ${O};
do $do$ begin
if to_regtype('${T}') is null then
${[...io, ...comparisons, ...families, ...like].join('\n')}
end if;
end $do$;`
