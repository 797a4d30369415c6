/**
 * pgwire maps the schema `public` to `SQLUser` (docs/iris-sql.md#the-public-schema); IRIS's default schema
 * is `SQLUser` (docs/iris-sql.md#schemas). An unquoted `public` or `sqluser` (any case) used as a
 * schema qualifier becomes `"SQLUser"`.
 */
import { DEFAULT_SCHEMA } from '../catalog/names.js'
import { isDefaultSchemaAlias, quoteIdentifier } from './names.js'
import type { Token } from './tokenizer.js'

export function rewriteSchemaAliases(tokens: readonly Token[]): Token[] {
  return tokens.map((token, i) => {
    const next = tokens[i + 1]
    const previous = tokens[i - 1]
    const qualifies =
      next?.type === 'punct' &&
      next.text === '.' &&
      !(previous?.type === 'punct' && previous.text === '.')
    return qualifies && isDefaultSchemaAlias(token)
      ? { type: 'quoted', text: quoteIdentifier(DEFAULT_SCHEMA), depth: token.depth }
      : token
  })
}
