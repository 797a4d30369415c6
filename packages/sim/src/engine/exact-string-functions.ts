/**
 * The string functions whose argument may be something other than a string: UPPER and LOWER (and
 * LCASE, UCASE, %UPPER) of a number return the number (docs/iris-sql.md#implicit-conversion), and
 * SUBSTRING, SUBSTR and REVERSE of a VARBINARY return bytes. Of a string, IRIS gives their result
 * EXACT collation (docs/iris-sql.md#collation). functions.ts collates the other string functions'
 * calls explicitly (`COLLATE iris_sim.exact`), which PostgreSQL refuses for a type that takes no
 * collation (a number, bytea); these are functions of the simulator's own instead, made once at
 * bootstrap, one per argument type:
 * - a string argument arrives as `iris_sim.uncollated`, a type laid out as text that takes no
 *   collation, so the argument's collation (case-insensitive for a `%SQLUPPER` column) stops at it.
 *   PostgreSQL derives a call's collation from its collatable arguments and, when none has one,
 *   gives it its result type's (parse_collate.c): text's, the database default, "C", which compares
 *   as `iris_sim.exact` does (case and trailing blanks count, byte order).
 * - a number: UPPER and LOWER return it, canonical.
 * - bytea: SUBSTRING, SUBSTR and REVERSE return bytea, as PostgreSQL's own do.
 * A number given to SUBSTRING, SUBSTR or REVERSE converts implicitly to `iris_sim.uncollated`, in
 * canonical form (number-string-functions.ts).
 * An ORDER BY sorts such a call by its EXACT order key (translate/exact-order.ts), which has an
 * overload here for the number and byte results.
 * The default collation is the weakest: against a column (`name = UPPER(?)`, `UPPER(a.name) =
 * b.name`) the column's collation is used, as IRIS uses the field's in most WHERE comparisons
 * (for `=` and joins [unverified]: docs/iris-sql.md#collation, docs/iris-sql.md#simulator-limits).
 * A parameter (`UPPER(?)`) is typed `iris_sim.uncollated`, which clients are shown as TEXT
 * (shown-types.ts), as before.
 */
import { STRING_TYPE } from '../catalog/metadata.js'
import { EXACT_ORDER_KEY } from '../translate/exact-order.js'
import { textLayoutTypeSql } from '../translate/text-layout-types.js'
import { NUMBER_TYPES } from './string-arithmetic.js'

/** The argument type of a string: text's layout, no collation. */
export const UNCOLLATED_TYPE = 'iris_sim.uncollated'

const U = UNCOLLATED_TYPE

const types = [
  // Category S: an unknown literal or parameter (`UPPER('abc')`, `UPPER(?)`) resolves to it.
  ...textLayoutTypeSql(U, U, "like = text, category = 'S'"),
  ...['text', 'varchar', STRING_TYPE].map(
    (from) => `create cast (${from} as ${U}) without function as implicit;`,
  ),
  `create cast (${U} as text) without function;`,
]

const fn = (name: string, args: string, returns: string, body: string) =>
  `create function iris_sim.${name}(${args}) returns ${returns} language sql immutable strict parallel safe as $$ select ${body} $$;`

/** UPPER and LOWER: of a string, EXACT; of a number, the number in canonical form. */
const cases = ['upper', 'lower'].flatMap((name) => [
  fn(name, U, 'text', `${name}($1::text)`),
  ...NUMBER_TYPES.map((type) => fn(name, type, type, type === 'numeric' ? 'trim_scale($1)' : '$1')),
])

/** SUBSTRING and SUBSTR with and without a length, and REVERSE: of a string, EXACT; of bytes, bytes. */
const parts = ['substring', 'substr'].flatMap((name) =>
  ['integer', 'integer, integer'].flatMap((counts) => {
    const rest = counts === 'integer' ? '$2' : '$2, $3'
    return [
      fn(name, `${U}, ${counts}`, 'text', `${name}($1::text, ${rest})`),
      fn(name, `bytea, ${counts}`, 'bytea', `${name}($1, ${rest})`),
    ]
  }),
)
const reverse = [
  fn('reverse', U, 'text', 'reverse($1::text)'),
  fn('reverse', 'bytea', 'bytea', 'reverse($1)'),
]

/**
 * The EXACT order key (translate/exact-order.ts) of their other results, for an ORDER BY over such
 * a call: a number, which sorts as a number, and bytes, as they are.
 */
const orderKeys = [...NUMBER_TYPES, 'bytea'].map(
  (type) =>
    `create or replace function ${EXACT_ORDER_KEY}(${type}) returns ${type} language sql immutable parallel safe as $$ select $1 $$;`,
)

/** All of it, once (a persistent data directory runs the bootstrap again only if it never finished). */
export const EXACT_STRING_FUNCTIONS_SQL = `do $do$ begin
if to_regtype('${U}') is null then
${[...types, ...cases, ...parts, ...reverse].join('\n')}
end if;
end $do$;
${orderKeys.join('\n')}`
