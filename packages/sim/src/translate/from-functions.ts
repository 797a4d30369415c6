/**
 * A function call as a FROM item (`FROM ABS(1)`, `JOIN pg_catalog.generate_series(1, 2) g`),
 * which PostgreSQL reads as a one-row (or set-returning) table: IRIS's FROM takes tables, views,
 * subqueries and class queries projected as table-valued functions
 * (docs/iris-sql.md#postgresql-syntax). The simulator has no class queries, so every call there is
 * refused (a name IRIS has no function of with -359, as anywhere), and with it a predicate among
 * its arguments, which no other check reads.
 */
import { fromClause } from './from-items.js'
import { callAt } from './function-calls.js'
import { IRIS_FUNCTIONS } from './function-table.js'
import { irisError } from './iris-error.js'
import { selectIndexes } from './select-parts.js'
import { isPunct, nextSignificant, render, type Token } from './tokenizer.js'

/** Throws for the first FROM item that is a function call. */
export function rejectFromFunctions(tokens: readonly Token[]): void {
  for (const select of selectIndexes(tokens)) {
    for (const item of fromClause(tokens, select)?.items ?? []) {
      if (!item.table || !isPunct(tokens[nextSignificant(tokens, item.end)], '(')) continue
      // A name IRIS has no function of fails as every unknown call does (function-calls.ts, -359).
      const call = callAt(tokens, item.start)
      if (call && !IRIS_FUNCTIONS.has(call.name)) continue
      const name = render(tokens.slice(item.start, item.end)).trim()
      throw irisError(
        -1,
        `${name}(...) as a FROM item is not IRIS SQL: IRIS's FROM takes tables, views, subqueries and table-valued functions (class queries), which the simulator does not model; select the value in the select list`,
      )
    }
  }
}
