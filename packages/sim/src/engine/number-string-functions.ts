/**
 * IRIS hands a number to a string function in canonical form (docs/iris-sql.md#implicit-conversion:
 * numbers lose their leading zeros before they reach TRIM "or any other SQL function", doc
 * RSQL_trim): `LEFT(12.50, 3)` is `'12.'`, `REPLACE(12.3, '.', '_')` is `'12_3'`. PostgreSQL's
 * string functions take no number. Made once at bootstrap, so a call over strings pays nothing:
 * - each number type converts implicitly to `iris_sim.uncollated` (exact-string-functions.ts), the
 *   string argument type of SUBSTRING, SUBSTR and REVERSE, writing the number in canonical form;
 * - each string function below gets an overload taking that type at its string arguments, which
 *   calls the function over text. PostgreSQL picks it only where a string argument is a number: a
 *   string column, literal, parameter or NULL there resolves to the function over text, text being
 *   the preferred string type. Arguments that are numbers to IRIS (LEFT's count) keep their types.
 * The overloads of PostgreSQL's own functions go in pg_catalog beside them: its grammar calls
 * TRIM's functions (btrim, ltrim, rtrim) and POSITION's there by qualified name.
 */
import { UNCOLLATED_TYPE } from './exact-string-functions.js'
import { NUMBER_TYPES } from './string-arithmetic.js'

/** Marks a string argument in STRING_FUNCTIONS. */
const S = 'string'

/**
 * Each string function by its qualified name: its arguments (S for a string, else the type it
 * keeps, with a default where the function over text has one) and its result type.
 */
const STRING_FUNCTIONS: ReadonlyArray<readonly [string, readonly string[], string]> = [
  // LEFT, RIGHT, LTRIM, RTRIM, TRIM, REPLACE, REPEAT and REPLICATE, INSTR, POSITION, CHAR_LENGTH,
  // CHARACTER_LENGTH and ASCII run PostgreSQL's functions (function-table.ts).
  ['pg_catalog.left', [S, 'integer'], 'text'],
  ['pg_catalog.right', [S, 'integer'], 'text'],
  ['pg_catalog.ltrim', [S], 'text'],
  ['pg_catalog.ltrim', [S, S], 'text'],
  ['pg_catalog.rtrim', [S], 'text'],
  ['pg_catalog.rtrim', [S, S], 'text'],
  ['pg_catalog.btrim', [S], 'text'],
  ['pg_catalog.btrim', [S, S], 'text'],
  ['pg_catalog.replace', [S, S, S], 'text'],
  ['pg_catalog.repeat', [S, 'integer'], 'text'],
  ['pg_catalog.strpos', [S, S], 'integer'],
  ['pg_catalog.position', [S, S], 'integer'],
  ['pg_catalog.char_length', [S], 'integer'],
  ['pg_catalog.character_length', [S], 'integer'],
  ['pg_catalog.ascii', [S], 'integer'],
  // The simulator's (string-functions.ts, runtime.ts).
  ['iris_sim.charindex', [S, S, 'bigint default 0'], 'integer'],
  ['iris_sim.stuff', [S, 'bigint', 'bigint', S], 'text'],
  ['iris_sim.lpad', [S, 'bigint', `${S} default ' '`], 'text'],
  ['iris_sim.rpad', [S, 'bigint', `${S} default ' '`], 'text'],
  ['iris_sim.len', [S], 'integer'],
  ['iris_sim.sqlupper', [S], 'text'],
  ['iris_sim.sqlstring', [S], 'text'],
]

const U = UNCOLLATED_TYPE

/** A number in canonical form as the string argument type, and the implicit cast that uses it. */
const casts = NUMBER_TYPES.flatMap((type) => [
  `create function ${U}(${type}) returns ${U} language sql immutable strict parallel safe as $$ select iris_sim.canonical_number($1)::${U} $$;`,
  `create cast (${type} as ${U}) with function ${U}(${type}) as implicit;`,
])

/**
 * The overload of `name` over `args`. Not strict: NULL reaches the function over text, which
 * decides (STUFF of a NULL string is refused, string-functions.ts).
 */
function overloadSql(name: string, args: readonly string[], returns: string): string {
  const declared = args.map((arg) => arg.replace(S, U))
  const passed = args.map((arg, i) => (arg.startsWith(S) ? `$${i + 1}::text` : `$${i + 1}`))
  return `create function ${name}(${declared.join(', ')}) returns ${returns} language sql immutable as $$ select ${name}(${passed.join(', ')}) $$;`
}

/** All of it; after the canonical number (number-string-operators.ts), the argument type and the functions over text. */
export const NUMBER_STRING_FUNCTIONS_SQL = [
  ...casts,
  ...STRING_FUNCTIONS.map(([name, args, returns]) => overloadSql(name, args, returns)),
].join('\n')
