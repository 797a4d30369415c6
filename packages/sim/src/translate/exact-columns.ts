/**
 * Whether a column reference reads a column collated EXACT (`COLLATE %EXACT`,
 * docs/iris-sql.md#collation), as the catalog snapshot records it, for exact-order.ts. Only what
 * the text tells for sure: a qualifier naming a table of the SELECT's FROM clause, or a bare name
 * that exactly one FROM item has, every item a table the snapshot knows. A derived table's, a
 * CTE's or a renamed (`AS x (a, b)`) column is not followed.
 */
import { ctesOf } from './ctes.js'
import { aliasColumnList } from './from-item-columns.js'
import { type FromItem, fromClause, isNamedBy } from './from-items.js'
import { identifierName, isIdentifier } from './names.js'
import type { CatalogSnapshot, TableRef } from './plan.js'
import { isPunct, type Token } from './tokenizer.js'

/** The stored names of a column reference, `c` or `q.c` (its significant tokens), else undefined. */
export function referenceNames(reference: readonly Token[]): string[] | undefined {
  const [first, dot, second] = reference
  if (reference.length === 1 && isIdentifier(first)) return [identifierName(first)]
  if (reference.length === 3 && isIdentifier(first) && isPunct(dot, '.') && isIdentifier(second))
    return [identifierName(first), identifierName(second)]
  return undefined
}

/** True when the column reference `names` of the SELECT at `select` reads a column collated EXACT. */
export function readsExactColumn(
  tokens: readonly Token[],
  select: number,
  names: readonly string[],
  catalog: CatalogSnapshot,
): boolean {
  const column = names.at(-1) as string
  if (!catalog.exactColumnNames?.has(column)) return false
  const clause = fromClause(tokens, select)
  if (!clause) return false
  const ctes = new Set(ctesOf(tokens).map((cte) => cte.name))
  const tableOf = (item: FromItem | undefined): TableRef | undefined =>
    item?.table && !ctes.has(item.table.name) && aliasColumnList(tokens, item) === undefined
      ? item.table
      : undefined
  const isExact = (table: TableRef | undefined) =>
    table !== undefined && catalog.exactColumns?.(table)?.has(column) === true
  if (names.length === 2) {
    return isExact(tableOf(clause.items.find((item) => isNamedBy(item, names.slice(0, 1)))))
  }
  const tables = clause.items.map(tableOf)
  if (tables.some((table) => table === undefined)) return false
  const having = tables.filter((table) => catalog.columns?.(table as TableRef)?.includes(column))
  return having.length === 1 && isExact(having[0])
}
