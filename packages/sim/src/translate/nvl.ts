/**
 * IRIS's NVL and ISNULL, one function under two names (doc RSQL_nvl, RSQL_isnull,
 * docs/iris-sql.md#implicit-conversion): the checked expression, or the replacement when it is
 * NULL, the replacement converted to the checked expression's type. The simulator calls functions
 * of its own, made once at bootstrap, that are COALESCE of two values of one type (numbers of
 * different types meet in their common type, as before): PostgreSQL inlines them, so a call costs
 * what COALESCE costs, and labels a call without alias with the function's name, as it labels any
 * other call. A string checked with a number replacement finds no function; on that error only,
 * the engine writes the replacement through `iris_sim.as_varchar` (varchar-repair.ts), a number
 * in canonical form, as IRIS converts it, and prepares the statement again.
 */
import type { Token } from './tokenizer.js'

/** The runtime functions NVL and ISNULL run (function-table.ts). */
export const NVL_FUNCTION = 'iris_sim.nvl'
export const ISNULL_FUNCTION = 'iris_sim.isnull'

const FUNCTIONS = [NVL_FUNCTION, ISNULL_FUNCTION]

export const NVL_SQL = FUNCTIONS.map(
  (name) =>
    `create or replace function ${name}(anycompatible, anycompatible) returns anycompatible language sql immutable parallel safe as $f$ select coalesce($1, $2) $f$;`,
).join('\n')

/** PostgreSQL's refusal of an NVL or ISNULL call whose two arguments have no common type. */
export const NVL_MISMATCH = /^function iris_sim\.(nvl|isnull)\((.+), (.+)\) does not exist$/

/**
 * The index of the `(` of the NVL or ISNULL call whose qualified name starts at `at`, as
 * PostgreSQL's error position points to it and as the translator writes it (`iris_sim.nvl(`, no
 * blanks); -1 when no such call starts there.
 */
export function nvlCallOpen(tokens: readonly Token[], at: number): number {
  const written = tokens
    .slice(at, at + 4)
    .map((token) => token.text)
    .join('')
    .toLowerCase()
  return FUNCTIONS.some((name) => written === `${name}(`) ? at + 3 : -1
}
