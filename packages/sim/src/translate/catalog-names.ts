/**
 * Catalog statements (docs/iris-sql.md#vector-columns-in-the-catalog,
 * docs/iris-sql.md#the-catalog): IRIS identifiers are case-insensitive, PostgreSQL's are not. When
 * a statement references INFORMATION_SCHEMA or %Dictionary, every identifier equal
 * case-insensitively to a catalog name (see ../catalog/names.ts) becomes that exact quoted name.
 */
import { CATALOG_IDENTIFIERS, DICTIONARY_SCHEMA, INFORMATION_SCHEMA } from '../catalog/names.js'
import { quoteIdentifier } from './names.js'
import type { Token } from './tokenizer.js'

function plainName(token: Token): string | undefined {
  if (token.type === 'word') return token.text
  if (token.type === 'quoted') return token.text.slice(1, -1).replaceAll('""', '"')
  return undefined
}

const CATALOG_SCHEMAS = [INFORMATION_SCHEMA, DICTIONARY_SCHEMA].map((name) => name.toLowerCase())

export function readsCatalog(tokens: readonly Token[]): boolean {
  return tokens.some((token) => CATALOG_SCHEMAS.includes(plainName(token)?.toLowerCase() ?? ''))
}

export function rewriteCatalogNames(tokens: readonly Token[]): Token[] {
  if (!readsCatalog(tokens)) return [...tokens]
  return tokens.map((token) => {
    const exact = CATALOG_IDENTIFIERS.get(plainName(token)?.toLowerCase() ?? '')
    return exact === undefined
      ? token
      : { type: 'quoted', text: quoteIdentifier(exact), depth: token.depth }
  })
}
