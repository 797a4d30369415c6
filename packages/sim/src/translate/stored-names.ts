/**
 * Every identifier of a statement as PostgreSQL stores it (see names.ts): IRIS compares names
 * case-insensitively, quoted ones included (docs/iris-sql.md#identifiers), so a quoted name is
 * lower-cased, and an unquoted one with non-ASCII letters, which PostgreSQL would not fold, is
 * quoted lower-cased. Unquoted ASCII words are left to PostgreSQL's own folding (keywords among
 * them). This runs last, on the statement's final tokens: every rewrite before it still sees the
 * names as written, from which DDL takes display names and SELECT its labels.
 *
 * Catalog statements (docs/iris-sql.md#vector-columns-in-the-catalog, docs/iris-sql.md#the-catalog):
 * the catalog's schemas, views and columns exist in PostgreSQL under IRIS's exact names (see
 * ../catalog/names.ts). When a statement references INFORMATION_SCHEMA or %Dictionary, every
 * identifier equal case-insensitively to a catalog name becomes that exact quoted name.
 */
import { CATALOG_IDENTIFIERS, DICTIONARY_SCHEMA, INFORMATION_SCHEMA } from '../catalog/names.js'
import { displayName, isIdentifier, quoteIdentifier, storedName } from './names.js'
import type { Token } from './tokenizer.js'

const CATALOG_SCHEMAS = [INFORMATION_SCHEMA, DICTIONARY_SCHEMA].map((name) => name.toLowerCase())

function readsCatalog(tokens: readonly Token[]): boolean {
  return tokens.some(
    (token) => isIdentifier(token) && CATALOG_SCHEMAS.includes(displayName(token).toLowerCase()),
  )
}

/** Characters PostgreSQL folds in an unquoted name: ASCII only (in a UTF-8 database). */
const FOLDED_BY_POSTGRES = /^[\x00-\x7f]*$/

function storedToken(token: Token, catalog: boolean): Token {
  if (!isIdentifier(token)) return token
  const written = displayName(token)
  const exact = catalog ? CATALOG_IDENTIFIERS.get(written.toLowerCase()) : undefined
  const name = exact ?? storedName(written)
  const folded = token.type === 'word' && name === written.toLowerCase()
  if (folded && FOLDED_BY_POSTGRES.test(written)) return token
  const text = quoteIdentifier(name)
  return text === token.text ? token : { type: 'quoted', text, depth: token.depth }
}

export function storedNames(tokens: readonly Token[]): Token[] {
  const catalog = readsCatalog(tokens)
  return tokens.map((token) => storedToken(token, catalog))
}
