/** String, template and quoted-key literals: names inside them are not type references. */
const LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g
/** A name, or a qualified name (`Temporal.Instant`) as TypeScript reports it for a reference. */
const NAME = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g

/**
 * The names a TypeScript type expression may reference (`ColumnType<number[] & VectorBrand<N, E>>`
 * → ColumnType, number, VectorBrand, N, E), in order of first appearance. A lexical scan, not a
 * parse: it also returns property names and keywords, which is harmless where it is used
 * (kysely-codegen looks each name up among the definitions and imports it knows, and ignores the
 * rest), and it needs no TypeScript compiler.
 */
export function typeIdentifiersOf(typeExpression: string): string[] {
  return [...new Set(typeExpression.replaceAll(LITERAL, ' ').match(NAME) ?? [])]
}
