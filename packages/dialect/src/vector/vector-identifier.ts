import { IrisInputError } from '../errors.js'

/**
 * A simple IRIS identifier: a letter, `_` or `%`, then letters, digits, `_` or `%`, at most 128
 * characters (docs/iris-sql.md#identifiers). The vector helpers write names into DDL, which cannot
 * take parameters (docs/iris-sql.md#text-rewrites), so they accept only these; nothing iris-pgwire
 * rewrites (`;`, `$1`, quotes, NUL) can get through.
 */
const SIMPLE_IDENTIFIER = /^[A-Za-z_%][A-Za-z0-9_%]{0,127}$/

/**
 * Checks a name that may be qualified (`schema.table`, `table.column`) with at most `maxParts`
 * parts, each a simple identifier. Returns it unchanged; the compiler quotes it.
 */
export function checkVectorIdentifier(name: unknown, what: string, maxParts = 2): string {
  const parts = typeof name === 'string' ? name.split('.') : []
  if (
    parts.length === 0 ||
    parts.length > maxParts ||
    !parts.every((part) => SIMPLE_IDENTIFIER.test(part))
  ) {
    throw new IrisInputError(
      `${what} ${JSON.stringify(name)} is not a plain IRIS name (letters, digits, _ or %, not starting with a digit` +
        `${maxParts > 1 ? `, at most ${maxParts} dot-separated parts` : ''}); pass a Kysely expression (e.g. sql.ref) for anything else`,
    )
  }
  return name as string
}
