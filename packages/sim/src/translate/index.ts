/**
 * The translator: IRIS SQL text in, PostgreSQL execution plans out (see plan.ts). Pure: it never
 * touches PGlite. What IRIS accepts and means comes from docs/iris-sql.md; each rule lives in its
 * own module and cites its section. Every rewrite works on tokens (tokenizer.ts), so none fires
 * inside a string literal, a quoted identifier or a comment. The text rewrites of the profiles behind
 * iris-pgwire are the one deliberate exception (pgwire-quirks.ts, docs/iris-sql.md#simulator-profiles).
 */

import { behindPgwire, PROFILES } from '../profiles.js'
import { parenthesiseBareForms } from './bare-forms.js'
import { rewriteCastTypes, rewriteColonCasts } from './casts.js'
import { statementKind, writtenTable } from './classify.js'
import { checkColumnDefaults } from './column-defaults.js'
import { rewriteConcatenations } from './concatenation.js'
import { createTableAsQuery } from './create-table-as.js'
import { ddlPlanOf } from './ddl.js'
import { rewriteDeleteFrom } from './delete-from.js'
import { rewriteDistinctBy } from './distinct-by.js'
import { rewriteExactOrder } from './exact-order.js'
import { checkFunctionCalls } from './function-calls.js'
import { rewriteFunctions } from './functions.js'
import { insertColumnList } from './insert-columns.js'
import { rewriteIntegerDivision } from './integer-division.js'
import { irisError } from './iris-error.js'
import { dropKeywordOptions } from './keyword-options.js'
import { rewriteLikeEscape } from './like-escape.js'
import { rewriteLimitForms } from './limit-forms.js'
import { checkRowLimits } from './limits.js'
import { lockPlan } from './locks.js'
import { rewriteMatches } from './matches.js'
import { rewriteNullOrder } from './null-order.js'
import { rewriteOdbcEscapes } from './odbc-escapes.js'
import { rewriteOperators } from './operators.js'
import { dropOptimizeOptions } from './optimize-options.js'
import { numberParams } from './params.js'
import { applyPgwireQuirks, splitOnEverySemicolon } from './pgwire-quirks.js'
import type { CatalogSnapshot, Plan, TranslateOptions } from './plan.js'
import { rejectUnsupported } from './reject.js'
import { rewriteRowId } from './row-id.js'
import { rewriteSchemaAliases } from './schema-alias.js'
import { rewriteSecondFrom } from './second-from.js'
import { derivedLabels, selectLabels } from './select-labels.js'
import { setOptionPlan } from './set-option.js'
import { expandStars } from './star-columns.js'
import { rewriteStartsWith } from './startswith.js'
import { checkStatementForm } from './statement-forms.js'
import { splitStatements } from './statements.js'
import { storedNames } from './stored-names.js'
import { typeStringLiterals } from './string-literal-types.js'
import { render, type Token, TokenizeError, tokenize } from './tokenizer.js'
import { rewriteTop } from './top.js'
import { transactionPlan } from './transactions.js'
import { rewriteUnionRows } from './union-rows.js'
import { isInsertOrUpdate, upsertPlan } from './upsert.js'
import { rewriteValueAssignments } from './value-assignments.js'
import { checkValueKeywords, rewriteValueKeywords } from './value-keywords.js'
import { rewriteVid } from './vid.js'
import { rejectWholeRowReferences } from './whole-row-references.js'
import { checkWindows } from './window-clauses.js'

export { irisError, irisErrorMessage, SQLCODE_TEXT } from './iris-error.js'
export type { Plan, TranslateOptions } from './plan.js'
export { RUNTIME_SQL } from './runtime.js'

function tokensOf(sql: string): Token[] {
  try {
    return tokenize(sql)
  } catch (error) {
    if (error instanceof TokenizeError) throw irisError(-1, error.message)
    throw error
  }
}

/** Rewrites shared by every statement that reaches PostgreSQL as SQL. */
function rewriteExpressions(
  tokens: readonly Token[],
  catalog: CatalogSnapshot | undefined,
): {
  tokens: Token[]
  readsLastIdentity: boolean
} {
  // Before the LIKE rewrite: %STARTSWITH becomes a LIKE that already names its escape character,
  // and a %MATCHES ... ESCAPE is not LIKE's.
  let out = rewriteLikeEscape(rewriteStartsWith(rewriteMatches(tokens)))
  out = rewriteRowId(rewriteOperators(rewriteValueKeywords(out)))
  out = rewriteSchemaAliases(out)
  out = rewriteColonCasts(out)
  out = rewriteCastTypes(out)
  // After the casts: `7 \ ?::int` divides by the cast parameter (docs/iris-sql.md#casts).
  out = rewriteIntegerDivision(out)
  const { tokens: called, readsLastIdentity, exactCollated } = rewriteFunctions(out, catalog)
  // After the calls: a chain's operands are then in their final form (docs/iris-sql.md#operators,
  // docs/iris-sql.md#collation).
  const concatenated = rewriteConcatenations(called, catalog)
  // docs/iris-sql.md#collation: only then may an ORDER BY item be EXACT, a chain collated EXACT
  // included.
  const exact = exactCollated || concatenated !== called || catalog?.exactColumnNames?.size
  const ordered = exact ? rewriteExactOrder(concatenated, catalog) : concatenated
  return { tokens: rewriteNullOrder(ordered), readsLastIdentity }
}

function translateStatement(written: Token[], options: TranslateOptions): Plan {
  const source = render(written)
  const transaction = transactionPlan(written, { source })
  if (transaction) return transaction
  const lock = lockPlan(written, { source })
  if (lock) return lock
  const option = setOptionPlan(written, { source })
  if (option) return option
  // First: every other rule reads the IRIS SQL an ODBC escape stands for.
  const escaped = dropKeywordOptions(parenthesiseBareForms(rewriteOdbcEscapes(written)))
  checkStatementForm(escaped)
  rejectUnsupported(escaped)
  // Before the other rules: they then read IRIS's second FROM as the subquery it becomes, with no
  // optimizer hints in it (docs/iris-sql.md#optimize-options), and INSERT ... SET and
  // UPDATE ... (columns) VALUES in PostgreSQL's form (docs/iris-sql.md#insert-update-and-delete).
  const tokens = rewriteSecondFrom(
    dropOptimizeOptions(rewriteValueAssignments(rewriteDeleteFrom(escaped))),
  )
  checkRowLimits(tokens, options.irisVersion)
  const kind = statementKind(tokens)
  // docs/iris-sql.md#functions: DDL is left out, where `name(` is mostly a type or a column list,
  // but for the query of a CREATE TABLE ... AS.
  if (kind !== 'ddl' && kind !== 'other') {
    checkFunctionCalls(tokens)
    checkWindows(tokens)
    checkValueKeywords(tokens)
    rejectWholeRowReferences(tokens, options.catalog)
  } else if (kind === 'ddl') {
    // As IRIS receives it: an ODBC escape is no DEFAULT value (docs/iris-sql.md#column-defaults).
    checkColumnDefaults(written)
    const query = createTableAsQuery(tokens)
    checkFunctionCalls(query)
    checkWindows(query)
    checkValueKeywords(query)
  }
  const rewritten = rewriteExpressions(tokens, options.catalog)
  const { tokens: numbered, paramCount } = numberParams(rewritten.tokens)
  const base = { source, paramCount }
  if (isInsertOrUpdate(numbered)) return upsertPlan(storedNames(numbered), base)
  let shaped = rewriteVid(rewriteDistinctBy(rewriteTop(rewriteLimitForms(numbered))))
  if (kind === 'insert') shaped = rewriteUnionRows(shaped)
  shaped = typeStringLiterals(shaped)
  // docs/iris-sql.md#rowid: `*` and an INSERT without a column list leave a hidden RowID out.
  shaped = insertColumnList(expandStars(shaped, options.catalog), options.catalog)
  if (kind === 'ddl') {
    const ddl = ddlPlanOf(shaped, base)
    if (ddl) return ddl
  }
  const stored = storedNames(shaped)
  const target = writtenTable(stored, kind)
  const labels = kind === 'select' ? selectLabels(numbered) : undefined
  return {
    ...base,
    type: 'run',
    kind,
    sql: render(stored),
    ...(target ? { target } : {}),
    ...(labels ? { labels, derivedLabels: derivedLabels(numbered) } : {}),
    readsLastIdentity: rewritten.readsLastIdentity,
    before: [],
    after: [],
    changesSchema: kind === 'ddl',
  }
}

/** The statements of a query string, after the profile's raw-text rewrites (docs/iris-sql.md#simulator-profiles). */
function statementsOf(sql: string, options: TranslateOptions): Token[][] {
  if (!behindPgwire(options.profile)) return splitStatements(tokensOf(sql), options.protocol)
  // docs/iris-sql.md#text-rewrites: pgwire splits simple queries on every `;`, literals included.
  const pieces = options.protocol === 'simple' ? splitOnEverySemicolon(sql) : [sql]
  return pieces.flatMap((piece) =>
    splitStatements(tokensOf(applyPgwireQuirks(piece, options)), 'simple'),
  )
}

/**
 * Translates one query string into the plans to run, in order, one per statement; or, given
 * `statement`, only that statement's (the engine translates again a statement after DDL,
 * docs/iris-sql.md#rowid). Throws a SimError for what IRIS rejects.
 */
export function translate(sql: string, options: TranslateOptions, statement?: number): Plan[] {
  if (typeof sql !== 'string')
    throw new TypeError(`translate: sql must be a string (got ${typeof sql})`)
  if (!PROFILES.includes(options?.profile) || !['simple', 'extended'].includes(options?.protocol)) {
    throw new TypeError(
      `translate: options need profile ${PROFILES.join(' | ')} and protocol simple | extended`,
    )
  }
  if (!Array.isArray(options.irisVersion) || options.irisVersion.length !== 2) {
    throw new TypeError('translate: options.irisVersion must be [major, minor]')
  }
  const statements = statementsOf(sql, options)
  if (options.protocol === 'extended' && statements.length > 1) {
    throw irisError(-25, 'a prepared statement holds exactly one SQL statement')
  }
  const chosen = statement === undefined ? statements : statements.slice(statement, statement + 1)
  return chosen.map((tokens) => translateStatement(tokens, options))
}
