/**
 * Types of the simulator's laid out as PostgreSQL's varchar, made at bootstrap from PostgreSQL's
 * own C functions under signatures of ours, so a value of one costs what a varchar costs: the
 * blank-blind string of `%SQLUPPER` columns (collated-string.ts), the collation-free argument of
 * UPPER and its kin (engine/exact-string-functions.ts), and the canonical number of `||`
 * (engine/number-string-operators.ts).
 */

/** `create function name(args)` running PostgreSQL's internal function `symbol`. */
export function internalFunctionSql(
  name: string,
  args: string,
  returns: string,
  symbol: string,
): string {
  return `create function ${name}(${args}) returns ${returns} language internal immutable strict parallel safe as '${symbol}';`
}

/**
 * The type `type` with varchar's input, output, receive and send, named `${prefix}_in` and so on,
 * and the further `attributes` of its CREATE TYPE (`like = text, category = 'S'`).
 */
export function textLayoutTypeSql(type: string, prefix: string, attributes: string): string[] {
  return [
    `create type ${type};`,
    internalFunctionSql(`${prefix}_in`, 'cstring, oid, integer', type, 'varcharin'),
    internalFunctionSql(`${prefix}_out`, type, 'cstring', 'varcharout'),
    internalFunctionSql(`${prefix}_recv`, 'internal, oid, integer', type, 'varcharrecv'),
    internalFunctionSql(`${prefix}_send`, type, 'bytea', 'varcharsend'),
    `create type ${type} (input = ${prefix}_in, output = ${prefix}_out, receive = ${prefix}_recv, send = ${prefix}_send, ${attributes});`,
  ]
}
