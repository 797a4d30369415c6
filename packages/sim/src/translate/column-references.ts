/**
 * Which user table a column reference reads, as the catalog snapshot (plan.ts `CatalogSnapshot`)
 * tells it, for exact-order.ts (a column collated EXACT, docs/iris-sql.md#collation) and
 * chain-collation.ts (the collation of a chain of `||`). Only what the text tells for sure: a
 * qualifier naming a table of the SELECT's FROM clause, or a bare name that exactly one FROM item
 * has, every item a table the snapshot knows. A derived table's, a CTE's or a renamed
 * (`AS x (a, b)`) column is not followed, nor an outer query's (a correlated reference).
 */
import { ctesOf } from './ctes.js'
import { aliasColumnList } from './from-item-columns.js'
import { type FromItem, fromClause, isNamedBy } from './from-items.js'
import { identifierName, isIdentifier } from './names.js'
import type { CatalogSnapshot, TableRef } from './plan.js'
import { isPunct, isWord, openingParen, type Token } from './tokenizer.js'

/** The stored names of a column reference, `c` or `q.c` (its significant tokens), else undefined. */
export function referenceNames(reference: readonly Token[]): string[] | undefined {
  const [first, dot, second] = reference
  if (reference.length === 1 && isIdentifier(first)) return [identifierName(first)]
  if (reference.length === 3 && isIdentifier(first) && isPunct(dot, '.') && isIdentifier(second))
    return [identifierName(first), identifierName(second)]
  return undefined
}

/**
 * The SELECT whose clauses hold the token at `at`: the last one before it at its level, else at
 * the level around it; -1 when none does (an INSERT's VALUES, an UPDATE's SET or WHERE).
 */
export function enclosingSelect(tokens: readonly Token[], at: number): number {
  for (let i = at; i >= 0; ) {
    const { depth } = tokens[i] as Token
    const open = openingParen(tokens, i)
    for (let j = i - 1; j > open; j--) {
      if (tokens[j]?.depth === depth && isWord(tokens[j], 'SELECT')) return j
    }
    i = open
  }
  return -1
}

/**
 * The table the column reference `names` of the SELECT at `select` reads, when the text tells it
 * for sure; else undefined.
 */
export function referencedTable(
  tokens: readonly Token[],
  select: number,
  names: readonly string[],
  catalog: CatalogSnapshot,
): TableRef | undefined {
  const column = names.at(-1) as string
  const clause = fromClause(tokens, select)
  if (!clause) return undefined
  const ctes = new Set(ctesOf(tokens).map((cte) => cte.name))
  const tableOf = (item: FromItem | undefined): TableRef | undefined =>
    item?.table && !ctes.has(item.table.name) && aliasColumnList(tokens, item) === undefined
      ? item.table
      : undefined
  const has = (table: TableRef | undefined) =>
    table !== undefined && catalog.columns?.(table)?.includes(column) === true
  if (names.length === 2) {
    const table = tableOf(clause.items.find((item) => isNamedBy(item, names.slice(0, 1))))
    return has(table) ? table : undefined
  }
  const tables = clause.items.map(tableOf)
  if (tables.some((table) => table === undefined)) return undefined
  const having = tables.filter(has)
  return having.length === 1 ? having[0] : undefined
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
  const table = referencedTable(tokens, select, names, catalog)
  return table !== undefined && catalog.exactColumns?.(table)?.has(column) === true
}
