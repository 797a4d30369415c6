/**
 * Whether a chain of `||` whose operands are all columns (or a CONCAT of columns, which is one,
 * doc `RSQL_concat`) takes EXACT collation by IRIS's rule (docs/iris-sql.md#collation, doc
 * `GSQL_langelements_concat`): two strings of one collation keep it, anything else is EXACT. So it
 * is EXACT when, by the catalog snapshot, one of the columns is no string (a number, a date) or two
 * of them have different collations (`%SQLUPPER` and `%EXACT`), where PostgreSQL would keep the
 * string's collation or fail to choose one. A column whose table the text does not tell for sure
 * (column-references.ts) does not count: with it the chain keeps PostgreSQL's collation.
 */
import { enclosingSelect, referencedTable, referenceNames } from './column-references.js'
import type { CatalogSnapshot } from './plan.js'
import { isTrivia, type Token } from './tokenizer.js'

/** `columns` are the chain's operands, each a column reference, in `tokens`; `at` is the chain's first token. */
export function concatenatesExact(
  tokens: readonly Token[],
  at: number,
  columns: readonly (readonly Token[])[],
  catalog: CatalogSnapshot | undefined,
): boolean {
  if (!catalog?.columnCollations) return false
  const select = enclosingSelect(tokens, at)
  if (select < 0) return false
  const collations = new Set<string>()
  for (const column of columns) {
    const names = referenceNames(column.filter((t) => !isTrivia(t)))
    const table = names && referencedTable(tokens, select, names, catalog)
    const collation = table && catalog.columnCollations(table)?.get(names.at(-1) as string)
    if (collation === '') return true
    if (collation !== undefined) collations.add(collation)
  }
  return collations.size > 1
}
