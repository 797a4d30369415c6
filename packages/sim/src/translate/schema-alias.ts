/**
 * pgwire maps the schema `public` to `SQLUser` (docs/iris-sql.md#the-public-schema); IRIS's default schema
 * is `SQLUser` (docs/iris-sql.md#schemas). An unquoted `public` or `sqluser` (any case) used as a
 * schema qualifier becomes `"SQLUser"`.
 */
import { DEFAULT_SCHEMA } from '../catalog/names.js'
import { isDefaultSchemaAlias, quoteIdentifier } from './names.js'
import { isPunct, type Token } from './tokenizer.js'

export function rewriteSchemaAliases(tokens: readonly Token[]): Token[] {
  return tokens.map((token, i) => {
    const qualifies = isPunct(tokens[i + 1], '.') && !isPunct(tokens[i - 1], '.')
    return qualifies && isDefaultSchemaAlias(token)
      ? { type: 'quoted', text: quoteIdentifier(DEFAULT_SCHEMA), depth: token.depth }
      : token
  })
}
