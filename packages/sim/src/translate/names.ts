/**
 * Names as IRIS reads them and as PostgreSQL stores them. IRIS identifiers are case-insensitive,
 * delimited (quoted) ones included, and keep the case they were written with when created
 * (docs/iris-sql.md#identifiers). So PostgreSQL stores every identifier in lower case (its stored
 * name), and the sim remembers the case as created (its display name) in `iris_sim.display_name`
 * (../catalog/metadata.ts). The one exception is IRIS's default schema, stored as `SQLUser`
 * (docs/iris-sql.md#schemas); pgwire maps `public` to it (docs/iris-sql.md#the-public-schema), so an
 * unquoted `public` used as a schema is read as `"SQLUser"` too.
 */
import { DEFAULT_SCHEMA } from '../catalog/names.js'
import type { TableRef } from './plan.js'
import { isTrivia, type Token } from './tokenizer.js'

/** A word or quoted-identifier token's name as written: its display name when it creates an object. */
export function displayName(token: Token): string {
  if (token.type === 'quoted') return token.text.slice(1, -1).replaceAll('""', '"')
  return token.text
}

/** The name PostgreSQL stores for an identifier written as `name` (any case, quoted or not). */
export function storedName(name: string): string {
  const lower = name.toLowerCase()
  return lower === DEFAULT_SCHEMA.toLowerCase() ? DEFAULT_SCHEMA : lower
}

/** The stored (unquoted) name a word or quoted-identifier token stands for. */
export function identifierName(token: Token): string {
  return storedName(displayName(token))
}

/** `"name"` with quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** `'text'` with quotes doubled. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** True for an unquoted `public` / `sqluser` (any case): the default schema (docs/iris-sql.md#the-public-schema). */
export function isDefaultSchemaAlias(token: Token | undefined): boolean {
  return token?.type === 'word' && ['PUBLIC', 'SQLUSER'].includes(token.text.toUpperCase())
}

export function isIdentifier(token: Token | undefined): token is Token {
  return token?.type === 'word' || token?.type === 'quoted'
}

/** A possibly schema-qualified table name starting at `start` (trivia allowed around the dot). */
export interface QualifiedName {
  table: TableRef
  /** The names as written: what a CREATE shows (docs/iris-sql.md#identifiers). */
  written: TableRef
  /** Index of the first and one past the last token of the name. */
  start: number
  end: number
}

export function readQualifiedName(
  tokens: readonly Token[],
  start: number,
): QualifiedName | undefined {
  const first = tokens[start]
  if (!isIdentifier(first)) return undefined
  let i = start + 1
  while (isTrivia(tokens[i])) i++
  const dot = tokens[i]
  if (dot?.type === 'punct' && dot.text === '.') {
    let j = i + 1
    while (isTrivia(tokens[j])) j++
    const second = tokens[j]
    if (isIdentifier(second)) {
      const schema = isDefaultSchemaAlias(first) ? DEFAULT_SCHEMA : identifierName(first)
      return {
        table: { schema, name: identifierName(second) },
        written: { schema: displayName(first), name: displayName(second) },
        start,
        end: j + 1,
      }
    }
  }
  return {
    table: { schema: DEFAULT_SCHEMA, name: identifierName(first) },
    written: { schema: DEFAULT_SCHEMA, name: displayName(first) },
    start,
    end: start + 1,
  }
}

/** `"schema"."table"` */
export function qualifiedSql(table: TableRef): string {
  return `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`
}
