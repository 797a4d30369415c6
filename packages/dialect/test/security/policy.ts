/**
 * What the dialect must do with a hostile string written into SQL text, stated independently of its
 * code so the tests check the behaviour, not the implementation. Values never reach SQL text; names
 * and DDL literals must (DDL takes no parameters, contract §2.3).
 */

/** Ill-formed UTF-16: a lone surrogate cannot be encoded as UTF-8 and would arrive as U+FFFD. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** IRIS identifiers are at most 128 characters (doc `GSQL_identifiers`; the vector helpers' limit too). */
export const MAX_IDENTIFIER_LENGTH = 128

/**
 * Why an identifier must be refused, or undefined when it must be double-quoted and work.
 * - `;`, `$` + digit, NUL: contract §2.3, §3.1.
 * - `'public'` and `'YYYY-MM-DD'`: iris-pgwire rewrites them inside any SQL text (§2.3), quoted
 *   identifiers included, so the name the server sees would differ from the one given.
 * - an upper-case word `DOUBLE`: rewritten to `DOUBLE PRECISION` in parameterized SQL (§2.7).
 * - ill-formed UTF-16, more than 128 characters: the server could not store the name as given.
 */
export function identifierRefusal(name: string): string | undefined {
  if (name.length === 0) return 'empty'
  if (/;|\$\d|\0/.test(name)) return 'contract §2.3'
  if (/'public'/i.test(name) || /'\d{4}-\d{2}-\d{2}'/.test(name)) return 'pgwire literal rewrite'
  if (/\bDOUBLE\b/.test(name)) return 'pgwire DOUBLE rewrite'
  if (LONE_SURROGATE.test(name)) return 'ill-formed UTF-16'
  if (name.length > MAX_IDENTIFIER_LENGTH) return 'longer than 128 characters'
  return undefined
}

/**
 * Why a string literal written into DDL (`defaultTo`, `description`) must be refused (contract §2.3):
 * `;`, `$`, NUL, a date-shaped text, or text whose quoted form contains `'public'`, all of which
 * iris-pgwire rewrites inside SQL text; ill-formed UTF-16 too (as for identifiers).
 */
export function ddlLiteralRefusal(text: string): string | undefined {
  if (/[;$\0]/.test(text)) return 'contract §2.3'
  if (/\d{4}-\d{1,2}-\d{1,2}/.test(text)) return 'date-shaped'
  if (/'public'/i.test(`'${text.replaceAll("'", "''")}'`)) return "'public'"
  if (LONE_SURROGATE.test(text)) return 'ill-formed UTF-16'
  return undefined
}

/** `"name"` with `"` doubled: the only safe way to write any allowed name (contract §3.1). */
export function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** Kysely's own string API splits these (`schema.table`, `col as alias`): test them through nodes. */
export function kyselyParses(name: string): boolean {
  return name.includes('.') || name.includes(' as ')
}
