/**
 * Table and schema names as PostgreSQL stores them. The default schema is `SQLUser`
 * (docs/iris-sql.md#schemas) and pgwire maps `public` to it (docs/iris-sql.md#the-public-schema); an
 * unquoted `public` or `sqluser` used as a schema is read as `"SQLUser"`. Unquoted identifiers fold to lower
 * case as in PostgreSQL; quoted ones keep their case.
 */
import { DEFAULT_SCHEMA } from '../catalog/names.js'
import type { TableRef } from './plan.js'
import { isTrivia, type Token } from './tokenizer.js'

/** The exact (unquoted) name a word or quoted-identifier token stands for. */
export function identifierName(token: Token): string {
  if (token.type === 'quoted') return token.text.slice(1, -1).replaceAll('""', '"')
  return token.text.toLowerCase()
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
      return { table: { schema, name: identifierName(second) }, start, end: j + 1 }
    }
  }
  return { table: { schema: DEFAULT_SCHEMA, name: identifierName(first) }, start, end: start + 1 }
}

/** `"schema"."table"` */
export function qualifiedSql(table: TableRef): string {
  return `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`
}
