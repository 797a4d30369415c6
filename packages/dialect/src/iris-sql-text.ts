import { IrisInputError } from './errors.js'

/**
 * Rules for the few things that must be written into SQL text instead of travelling as parameters
 * (docs/iris-sql.md#text-rewrites, docs/iris-sql.md#placeholders): iris-pgwire rewrites `$n`
 * everywhere (even inside literals), splits on `;`, rewrites `'YYYY-MM-DD'` literals to TO_DATE and
 * the literal `'public'` to `'SQLUser'`.
 */

const PLACEHOLDER = /\$\d/
const DATE_SHAPED = /\d{4}-\d{1,2}-\d{1,2}/

/**
 * Quoted text iris-pgwire rewrites wherever it appears, inside a quoted identifier too
 * (docs/iris-sql.md#text-rewrites).
 */
const REWRITTEN_LITERAL = /'public'|'\d{4}-\d{2}-\d{2}'/i
/**
 * Upper-case type words iris-pgwire replaces in parameterized SQL with a plain text replace, inside
 * a quoted name and inside a longer word too, whenever the statement also holds the word in any
 * case (`DOUBLE` becomes `DOUBLE PRECISION`, docs/iris-sql.md#the-double-rewrite; the others,
 * docs/iris-sql.md#text-rewrites).
 */
const REWRITTEN_TYPE_WORD = /DOUBLE|VARBINARY|LONGVARCHAR|CLOB|BLOB|TINYINT/
/** A lone surrogate: UTF-8 cannot encode it, so the server would get U+FFFD instead. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** IRIS identifiers have at most 128 characters (docs/iris-sql.md#identifiers). */
export const MAX_IDENTIFIER_LENGTH = 128
/** Everything the identifier checks look for, found in one pass: most names contain none of it. */
const SUSPECT_IDENTIFIER = /[;$\0'\uD800-\uDFFF]|DOUBLE|VARBINARY|LONGVARCHAR|CLOB|BLOB|TINYINT/

/**
 * Checks and double-quotes-escapes an identifier (docs/iris-sql.md#text-rewrites,
 * docs/iris-sql.md#identifiers).
 */
export function sanitizeIrisIdentifier(identifier: string): string {
  if (identifier.length === 0)
    throw new IrisInputError('an empty identifier cannot be used; give a name')
  if (identifier.length > MAX_IDENTIFIER_LENGTH || SUSPECT_IDENTIFIER.test(identifier)) {
    const problem = identifierProblem(identifier)
    if (problem) throw new IrisInputError(`identifier ${preview(identifier)} ${problem}`)
  }
  // Most identifiers hold no quote: skipping replaceAll halves the per-identifier cost.
  return identifier.includes('"') ? identifier.replaceAll('"', '""') : identifier
}

/**
 * What iris-pgwire or IRIS would do to the name, or undefined when it is safe
 * (docs/iris-sql.md#identifiers, docs/iris-sql.md#text-rewrites, docs/iris-sql.md#text-encoding).
 */
function identifierProblem(identifier: string): string | undefined {
  if (identifier.includes(';') || identifier.includes('\0') || PLACEHOLDER.test(identifier))
    return "contains ';', '$' followed by a digit, or NUL, which iris-pgwire would rewrite; rename it"
  if (REWRITTEN_LITERAL.test(identifier))
    return "contains 'public' or a 'YYYY-MM-DD' date in quotes, which iris-pgwire rewrites even inside a quoted name; rename it"
  const typeWord = REWRITTEN_TYPE_WORD.exec(identifier)?.[0]
  if (typeWord)
    return `contains the upper-case type word ${typeWord}, which iris-pgwire's type rewrite replaces inside names too; IRIS names are case-insensitive, so write it in lower case`
  if (LONE_SURROGATE.test(identifier))
    return 'is not well-formed Unicode (a lone surrogate) and would reach the server changed; fix the name'
  if (identifier.length > MAX_IDENTIFIER_LENGTH)
    return `has ${identifier.length} characters, more than IRIS's ${MAX_IDENTIFIER_LENGTH}; shorten it`
  return undefined
}

/** A name or literal for an error message, cut short: hostile input may be 100 000 characters. */
function preview(text: string): string {
  return text.length > 60
    ? `${JSON.stringify(text.slice(0, 60))}… (${text.length} characters)`
    : JSON.stringify(text)
}

/**
 * Checks and escapes a string literal written into DDL (`DEFAULT`, `%DESCRIPTION`,
 * docs/iris-sql.md#text-rewrites).
 */
export function sanitizeDdlLiteral(value: string): string {
  const problem = value.includes(';')
    ? "';'"
    : value.includes('$')
      ? "'$'"
      : value.includes('\0')
        ? 'NUL'
        : DATE_SHAPED.test(value)
          ? 'a date-shaped text'
          : // On the quoted, escaped form: 'public', "'public'" and "x 'public'" all put `'public'`
            // into the SQL text (docs/iris-sql.md#text-rewrites).
            /'public'/i.test(`'${value.replaceAll("'", "''")}'`)
            ? "the word 'public' in quotes"
            : LONE_SURROGATE.test(value)
              ? 'a lone surrogate (not well-formed Unicode)'
              : undefined
  if (problem) {
    throw new IrisInputError(
      `the DDL literal ${preview(value)} contains ${problem}, which iris-pgwire rewrites inside SQL text; DDL cannot take parameters, so change the text`,
    )
  }
  return value.replaceAll("'", "''")
}
