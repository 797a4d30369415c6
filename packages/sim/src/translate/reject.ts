/**
 * PostgreSQL syntax that IRIS does not have, refused with an IRIS error instead of being run
 * (docs/iris-sql.md#sqlcodes for the SQLCODEs).
 */
import { irisError } from './iris-error.js'
import { rejectRowValues } from './row-values.js'
import { isTrivia, isWord, type Token } from './tokenizer.js'

const REGEX_OPERATORS = new Set(['~', '~*', '!~', '!~*'])
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>='])

/** Throws for the first construct IRIS rejects. */
export function rejectUnsupported(tokens: readonly Token[]): void {
  const significant = tokens.filter((token) => !isTrivia(token))
  rejectRowValues(significant)
  significant.forEach((token, i) => {
    const next = significant[i + 1]
    const after = significant[i + 2]
    if (isWord(token, 'RETURNING')) {
      // docs/iris-sql.md#returning-and-last_identity: not in IRIS's grammar; use LAST_IDENTITY() on the same connection.
      throw irisError(-1, 'RETURNING is not IRIS SQL; use SELECT LAST_IDENTITY() after the INSERT')
    }
    if (isWord(token, 'ON') && isWord(next, 'CONFLICT')) {
      throw irisError(-1, 'ON CONFLICT is not IRIS SQL; use INSERT OR UPDATE') // docs/iris-sql.md#upsert
    }
    if (isWord(token, 'ILIKE')) {
      throw irisError(-1, 'ILIKE is not IRIS SQL; LIKE is already case-insensitive on strings') // docs/iris-sql.md#collation
    }
    if (
      token.type === 'op' &&
      COMPARISONS.has(token.text) &&
      (isWord(next, 'ANY') || isWord(next, 'SOME') || isWord(next, 'ALL')) &&
      after?.text === '(' &&
      !isWord(significant[i + 3], 'SELECT')
    ) {
      // docs/iris-sql.md#operators: no arrays; write IN (?, ?, ...).
      throw irisError(
        -1,
        `${token.text} ${next?.text.toUpperCase()}(array) is not IRIS SQL; use IN (...)`,
      )
    }
    if (token.type === 'op' && ['<->', '<=>', '<#>'].includes(token.text)) {
      // docs/iris-sql.md#vector-functions, docs/iris-sql.md#distance-operators: no distance operators; IRIS has VECTOR_COSINE / VECTOR_DOT_PRODUCT.
      throw irisError(
        -1,
        `operator ${token.text} is not IRIS SQL; use VECTOR_COSINE or VECTOR_DOT_PRODUCT`,
      )
    }
    if (isWord(token, 'FOR') && (isWord(next, 'UPDATE') || isWord(next, 'SHARE'))) {
      throw irisError(-25, `FOR ${next?.text.toUpperCase()} is not supported`) // docs/iris-sql.md#ctes-window-functions-and-locking-reads
    }
    if (token.type === 'op' && REGEX_OPERATORS.has(token.text)) {
      throw irisError(-1, 'regular-expression operators are not IRIS SQL; use %MATCHES or %PATTERN') // docs/iris-sql.md#operators
    }
    if (isWord(token, 'NULLS') && (isWord(next, 'FIRST') || isWord(next, 'LAST'))) {
      // docs/iris-sql.md#collation: NULL collates lowest; there is no NULLS FIRST / LAST.
      throw irisError(
        -1,
        `NULLS ${next?.text.toUpperCase()} is not IRIS SQL; NULL sorts first in ascending order and last in descending order`,
      )
    }
    if (token.type === 'op' && token.text === '%') {
      throw irisError(-1, '% is not an IRIS operator; the modulo operator is #') // docs/iris-sql.md#operators
    }
    if (token.type === 'op' && token.text === '\\') {
      // docs/iris-sql.md#simulator-limits: PostgreSQL has no operator of that precedence to map it to.
      throw irisError(
        -1,
        'integer division \\ is IRIS SQL, but the simulator does not model it; test it on IRIS',
      )
    }
    if (isWord(token, '%ID')) {
      // docs/iris-sql.md#rowid: every IRIS table has a RowID; the simulator's tables have none.
      throw irisError(
        -1,
        '%ID (the RowID) is IRIS SQL, but the simulator does not model RowIDs; select an IDENTITY column instead, or test it on IRIS',
      )
    }
    if (isWord(token, '%PATTERN')) {
      throw irisError(
        -1,
        '%PATTERN is IRIS SQL, but the simulator does not model it; use %MATCHES or LIKE, or test it on IRIS',
      ) // docs/iris-sql.md#matches
    }
    if (
      (isWord(token, 'LATERAL') && next?.text === '(') ||
      ((isWord(token, 'CROSS') || isWord(token, 'OUTER')) && isWord(next, 'APPLY'))
    ) {
      // docs/iris-sql.md#joins: no LATERAL join and no APPLY.
      throw irisError(-1, `${token.text.toUpperCase()} ${next?.text.toUpperCase()} is not IRIS SQL`)
    }
    if (
      token.type === 'word' &&
      next?.text === '(' &&
      significant[i + 3]?.text === '.' &&
      significant[i + 4]?.text === '*' &&
      significant[i + 5]?.text === ')'
    ) {
      // docs/iris-sql.md#functions: an aggregate takes * or a value, not table.*.
      throw irisError(-1, `${token.text.toUpperCase()}(table.*) is not IRIS SQL`)
    }
    if (isWord(token, 'FILTER') && next?.text === '(' && isWord(after, 'WHERE')) {
      // docs/iris-sql.md#functions: an IRIS aggregate takes no FILTER clause.
      throw irisError(
        -1,
        'FILTER (WHERE ...) is not IRIS SQL; aggregate a CASE WHEN ... THEN x END instead',
      )
    }
    if (
      isWord(token, 'DEFERRABLE') ||
      (isWord(token, 'INITIALLY') && (isWord(next, 'DEFERRED') || isWord(next, 'IMMEDIATE')))
    ) {
      // docs/iris-sql.md#alter-table: IRIS constraints take no DEFERRABLE / INITIALLY clause.
      throw irisError(-1, `${token.text.toUpperCase()} is not IRIS DDL`)
    }
    if (isWord(token, 'NULLS') && isWord(next, 'NOT') && isWord(after, 'DISTINCT')) {
      throw irisError(-1, 'NULLS NOT DISTINCT is not IRIS DDL') // docs/iris-sql.md#create-and-drop
    }
    if (token.type === 'punct' && token.text === '[') {
      throw irisError(-1, 'arrays are not IRIS SQL') // docs/iris-sql.md#operators
    }
  })
}
