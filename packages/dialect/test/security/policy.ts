/**
 * What the dialect must do with a hostile string written into SQL text, stated independently of its
 * code so the tests check the behaviour, not the implementation. Values never reach SQL text; names
 * and DDL literals must (DDL takes no parameters, docs/iris-sql.md#text-rewrites).
 */

/** Ill-formed UTF-16: a lone surrogate cannot be encoded as UTF-8 and would arrive as U+FFFD. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** IRIS identifiers are at most 128 characters (doc `GSQL_identifiers`; the vector helpers' limit too). */
export const MAX_IDENTIFIER_LENGTH = 128

/**
 * Why an identifier must be refused, or undefined when it must be double-quoted and work.
 * - `;`, `$` + digit, NUL: docs/iris-sql.md#text-rewrites.
 * - `'public'` and `'YYYY-MM-DD'`: iris-pgwire rewrites them inside any SQL text
 *   (docs/iris-sql.md#text-rewrites), quoted identifiers included, so the name the server sees
 *   would differ from the one given.
 * - an upper-case type word (`DOUBLE`, `VARBINARY`, `LONGVARCHAR`, `CLOB`, `BLOB`, `TINYINT`), even
 *   inside a longer word: iris-pgwire's type rewrite in parameterized SQL is a plain text replace
 *   (docs/iris-sql.md#the-double-rewrite, docs/iris-sql.md#text-rewrites).
 * - ill-formed UTF-16, more than 128 characters: the server could not store the name as given.
 */
export function identifierRefusal(name: string): string | undefined {
  if (name.length === 0) return 'empty'
  if (/;|\$\d|\0/.test(name)) return 'pgwire split or placeholder, or NUL'
  if (/'public'/i.test(name) || /'\d{4}-\d{2}-\d{2}'/.test(name)) return 'pgwire literal rewrite'
  if (/DOUBLE|VARBINARY|LONGVARCHAR|CLOB|BLOB|TINYINT/.test(name)) return 'pgwire type rewrite'
  if (LONE_SURROGATE.test(name)) return 'ill-formed UTF-16'
  if (name.length > MAX_IDENTIFIER_LENGTH) return 'longer than 128 characters'
  return undefined
}

/**
 * Why a name must be refused as the table or schema name of a CREATE TABLE, or undefined:
 * iris-pgwire upper-cases those names even when quoted (docs/iris-sql.md#identifiers), and a name
 * whose upper case has other letters (`ß` → `SS`, `ﬀ` → `FF`) would create a table IRIS does not
 * find by the name given.
 */
export function createdTableNameRefusal(name: string): string | undefined {
  return name.toUpperCase().toLowerCase() !== name.toLowerCase()
    ? 'pgwire upper-cases it into other letters'
    : undefined
}

/**
 * The schema name the SQL must carry: `public`, in any case, is IRIS's `SQLUser`, which iris-pgwire
 * maps only for unquoted names (docs/iris-sql.md#the-public-schema).
 */
export function schemaAsWritten(name: string): string {
  return name.toLowerCase() === 'public' ? 'SQLUser' : name
}

/**
 * Why a string literal written into DDL (`defaultTo`, `description`) must be refused
 * (docs/iris-sql.md#text-rewrites): `;`, `$`, NUL, a date-shaped text, or text whose quoted form
 * contains `'public'`, all of which iris-pgwire rewrites inside SQL text; ill-formed UTF-16 too (as
 * for identifiers).
 */
export function ddlLiteralRefusal(text: string): string | undefined {
  if (/[;$\0]/.test(text)) return 'pgwire split or placeholder, or NUL'
  if (/\d{4}-\d{1,2}-\d{1,2}/.test(text)) return 'date-shaped'
  if (/'public'/i.test(`'${text.replaceAll("'", "''")}'`)) return "'public'"
  if (LONE_SURROGATE.test(text)) return 'ill-formed UTF-16'
  return undefined
}

/**
 * `"name"` with `"` doubled: the only safe way to write any allowed name
 * (docs/iris-sql.md#identifiers).
 */
export function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** Kysely's own string API splits these (`schema.table`, `col as alias`): test them through nodes. */
export function kyselyParses(name: string): boolean {
  return name.includes('.') || name.includes(' as ')
}
