/**
 * The profiles behind iris-pgwire (docs/iris-sql.md#simulator-profiles): the text rewrites
 * iris-pgwire v1.0.1 applies to the raw SQL before IRIS sees it, reproduced deliberately on raw text (not tokens), so
 * that a client that inlines values is caught as it would be in production.
 */
import { pgwireBackendOf } from '../profiles.js'
import { pgwireIdentifierCase } from './pgwire-identifier-case.js'
import type { TranslateOptions } from './plan.js'

/**
 * iris-pgwire's transaction translator, which its executor runs on every whole statement
 * (stripped of blanks and trailing `;`) before IRIS sees it:
 * - `BEGIN [TRANSACTION | WORK] [modes]` becomes IRIS's `START TRANSACTION [modes]` (one line of
 *   modes only, as its regex reads; docs/iris-sql.md#transaction-statements);
 * - `COMMIT [WORK | TRANSACTION]` and `ROLLBACK [WORK | TRANSACTION]` become `COMMIT` and
 *   `ROLLBACK`, so the TRANSACTION word IRIS lacks never reaches it;
 * - `ROLLBACK TO name` becomes IRIS's `ROLLBACK TO SAVEPOINT name` (docs/iris-sql.md#savepoints).
 * Its `RELEASE name` → `RELEASE SAVEPOINT name` is left out: IRIS refuses either form.
 */
function translateTransactionCommand(sql: string): string {
  const statement = sql.trim().replace(/;+$/, '').trim()
  const begin = /^\s*BEGIN(?:\s+TRANSACTION|\s+WORK)?(?:\s+(.*))?$/i.exec(statement)
  if (begin) return `START TRANSACTION ${begin[1] ?? ''}`.trim()
  const end = /^\s*(COMMIT|ROLLBACK)(?:\s+WORK|\s+TRANSACTION)?$/i.exec(statement)
  if (end) return (end[1] as string).toUpperCase()
  const rollbackTo = /^\s*ROLLBACK\s+TO\s+(?!SAVEPOINT\s+)(\S+)\s*$/i.exec(statement)
  return rollbackTo ? `ROLLBACK TO SAVEPOINT ${rollbackTo[1]}` : sql
}

/** docs/iris-sql.md#placeholders: `$n` → `?` by regex, also inside string literals; binding is then positional. */
function dollarParamsToMarkers(sql: string): string {
  return sql.replace(/\$\d+/g, '?')
}

/** docs/iris-sql.md#text-rewrites: the literal `'public'` becomes `'SQLUser'`. */
function publicLiteral(sql: string): string {
  return sql.replace(/'public'/gi, "'SQLUser'")
}

/** docs/iris-sql.md#text-rewrites: date literals `'YYYY-MM-DD'` become `TO_DATE('YYYY-MM-DD', 'YYYY-MM-DD')`. */
function dateLiterals(sql: string): string {
  return sql.replace(/'(\d{4}-\d{2}-\d{2})'/g, "TO_DATE('$1', 'YYYY-MM-DD')")
}

/** docs/iris-sql.md#the-double-rewrite: in parameterized SQL, uppercase `DOUBLE` becomes `DOUBLE PRECISION` (which IRIS rejects). */
function doublePrecision(sql: string): string {
  return sql.replace(/\bDOUBLE\b(?!\s+PRECISION)/g, 'DOUBLE PRECISION')
}

/** docs/iris-sql.md#row-limits: a literal `LIMIT n OFFSET m` at the end becomes `TOP n` and the OFFSET is dropped. */
function literalLimitOffset(sql: string): string {
  // `(?<!\s)` starts the match only at the beginning of a whitespace run, so a long run (e.g. a
  // literal of 100 000 newlines) is scanned once instead of once per position (quadratic).
  const match = /(?<!\s)\s+LIMIT\s+(\d+)\s+OFFSET\s+\d+\s*;?\s*$/i.exec(sql)
  if (!match) return sql
  const head = sql.slice(0, match.index)
  return head.replace(/\bSELECT\b(\s+DISTINCT\b)?/i, (select) => `${select} TOP ${match[1]}`)
}

/** docs/iris-sql.md#text-rewrites: simple queries are split on every `;`, also inside literals. */
export function splitOnEverySemicolon(sql: string): string[] {
  return sql.split(';')
}

/** Applies iris-pgwire's rewrites to one statement's raw text. */
export function applyPgwireQuirks(
  sql: string,
  { profile, protocol }: Pick<TranslateOptions, 'profile' | 'protocol'>,
): string {
  const hasParams = /\$\d+|\?/.test(sql)
  let out = dollarParamsToMarkers(sql)
  out = publicLiteral(out)
  out = dateLiterals(out)
  if (protocol === 'extended' && hasParams) out = doublePrecision(out)
  // The executor's rewrites come after the type-word rewrite, which iris-pgwire's protocol layer
  // runs first: the transaction verbs, then the case of names, the latter in the profiles that model one backend
  // as observed, not in `pgwire-1.0`, which keeps names as written (docs/iris-sql.md#simulator-profiles).
  out = translateTransactionCommand(out)
  if (pgwireBackendOf(profile)) out = pgwireIdentifierCase(out)
  return literalLimitOffset(out)
}
