import { IrisInputError } from './errors.js'

/**
 * Rules for the few things that must be written into SQL text instead of travelling as parameters
 * (contract §2.3): iris-pgwire rewrites `$n` everywhere (even inside literals), splits on `;`,
 * rewrites `'YYYY-MM-DD'` literals to TO_DATE and the literal `'public'` to `'SQLUser'`.
 */

const PLACEHOLDER = /\$\d/
const DATE_SHAPED = /\d{4}-\d{1,2}-\d{1,2}/

/** Quoted text iris-pgwire rewrites wherever it appears, inside a quoted identifier too (contract §2.3). */
const REWRITTEN_LITERAL = /'public'|'\d{4}-\d{2}-\d{2}'/i
/** Rewritten to `DOUBLE PRECISION` in parameterized SQL, inside a quoted identifier too (contract §2.7). */
const UPPERCASE_DOUBLE = /\bDOUBLE\b/
/** A lone surrogate: UTF-8 cannot encode it, so the server would get U+FFFD instead. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** IRIS identifiers have at most 128 characters (doc `GSQL_identifiers`, iris-facts F26). */
export const MAX_IDENTIFIER_LENGTH = 128
/** Everything the identifier checks look for, found in one pass: most names contain none of it. */
const SUSPECT_IDENTIFIER = /[;$\0'\uD800-\uDFFF]|DOUBLE/

/** Checks and double-quotes-escapes an identifier (contract §2.3, §3.1). */
export function sanitizeIrisIdentifier(identifier: string): string {
  if (identifier.length === 0)
    throw new IrisInputError('an empty identifier cannot be used; give a name')
  if (identifier.length > MAX_IDENTIFIER_LENGTH || SUSPECT_IDENTIFIER.test(identifier)) {
    const problem = identifierProblem(identifier)
    if (problem) throw new IrisInputError(`identifier ${preview(identifier)} ${problem}`)
  }
  // Most identifiers hold no quote: skipping replaceAll halves the per-identifier cost (issue 6).
  return identifier.includes('"') ? identifier.replaceAll('"', '""') : identifier
}

/** What iris-pgwire or IRIS would do to the name, or undefined when it is safe (iris-facts F26, F27, F30). */
function identifierProblem(identifier: string): string | undefined {
  if (identifier.includes(';') || identifier.includes('\0') || PLACEHOLDER.test(identifier))
    return "contains ';', '$' followed by a digit, or NUL, which iris-pgwire would rewrite (contract §2.3); rename it"
  if (REWRITTEN_LITERAL.test(identifier))
    return "contains 'public' or a 'YYYY-MM-DD' date in quotes, which iris-pgwire rewrites even inside a quoted name (contract §2.3); rename it"
  if (UPPERCASE_DOUBLE.test(identifier))
    return 'contains the upper-case word DOUBLE, which iris-pgwire rewrites to DOUBLE PRECISION (contract §2.7); IRIS names are case-insensitive (§3.1), so write it in lower case'
  if (LONE_SURROGATE.test(identifier))
    return 'is not well-formed Unicode (a lone surrogate) and would reach the server changed; fix the name'
  if (identifier.length > MAX_IDENTIFIER_LENGTH)
    return `has ${identifier.length} characters, more than IRIS's ${MAX_IDENTIFIER_LENGTH} (doc GSQL_identifiers); shorten it`
  return undefined
}

/** A name or literal for an error message, cut short: hostile input may be 100 000 characters. */
function preview(text: string): string {
  return text.length > 60
    ? `${JSON.stringify(text.slice(0, 60))}… (${text.length} characters)`
    : JSON.stringify(text)
}

/** Checks and escapes a string literal written into DDL (`DEFAULT`, `%DESCRIPTION`, contract §2.3). */
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
            // into the SQL text (iris-facts F27).
            /'public'/i.test(`'${value.replaceAll("'", "''")}'`)
            ? "the word 'public' in quotes"
            : LONE_SURROGATE.test(value)
              ? 'a lone surrogate (not well-formed Unicode)'
              : undefined
  if (problem) {
    throw new IrisInputError(
      `the DDL literal ${preview(value)} contains ${problem}, which iris-pgwire rewrites inside SQL text (contract §2.3); DDL cannot take parameters, so change the text`,
    )
  }
  return value.replaceAll("'", "''")
}
