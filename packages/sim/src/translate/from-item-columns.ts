/**
 * The names of the columns a FROM item yields (stored names), as far as the text and the catalog
 * snapshot tell them (docs/iris-sql.md#postgresql-syntax): a table's or view's from the snapshot;
 * a derived table's and a CTE's from its query's select list (its first SELECT's, for a UNION): an
 * alias, or the name of a column reference, or the columns a `*` or `q.*` stands for. A select
 * item without either is an expression IRIS labels `Expression_n` and no query can name, so it
 * yields no name. An explicit column list (`WITH x (a, b) AS`, `AS x (a, b)`) renames the first
 * columns. A parenthesised join yields its items' columns; a catalog view
 * (`INFORMATION_SCHEMA.TABLES`), which the snapshot of user tables leaves out, the columns the sim
 * creates it with (../catalog/names.ts). Undefined when a table is one neither knows.
 */

import { CATALOG_VIEW_COLUMNS } from '../catalog/names.js'
import { type Cte, nameList } from './ctes.js'
import { type FromItem, fromClause, isNamedBy, joinedItems } from './from-items.js'
import { identifierName, isIdentifier } from './names.js'
import type { CatalogSnapshot } from './plan.js'
import { selectItems, starQualifier } from './star-columns.js'
import { isPunct, isWord, nextSignificant, type Token } from './tokenizer.js'

/** What the columns of a statement's FROM items are read from. */
export interface ColumnSources {
  tokens: readonly Token[]
  catalog: CatalogSnapshot
  ctes: readonly Cte[]
  /** The columns of each SELECT (by index) already read. */
  read: Map<number, string[] | undefined>
}

/** Tokens that end a value, so that a name after one is a select item's alias (`SELECT a x`). */
const endsValue = (token: Token | undefined) =>
  ['word', 'quoted', 'number', 'string', 'param'].includes(token?.type ?? '') || isPunct(token, ')')

/** The alias of a select item (its significant token indexes): `AS x` or `a x`. */
export function selectItemAlias(tokens: readonly Token[], item: number[]): string | undefined {
  const last = tokens[item.at(-1) as number]
  const before = tokens[item.at(-2) as number]
  return item.length > 1 && isIdentifier(last) && (isWord(before, 'AS') || endsValue(before))
    ? identifierName(last)
    : undefined
}

/**
 * The name of the column a select item yields: its alias, or the column a `[q.]c` reference reads.
 * A bare name is a column only when a FROM item of its SELECT yields it (`fromColumns`): else it
 * is a whole row, whose column no name reads.
 */
function selectItemName(
  tokens: readonly Token[],
  item: number[],
  fromColumns: () => string[] | undefined,
): string | undefined {
  const alias = selectItemAlias(tokens, item)
  if (alias !== undefined) return alias
  const reference = item.every((at, n) =>
    n % 2 === 0 ? isIdentifier(tokens[at]) : isPunct(tokens[at], '.'),
  )
  const last = tokens[item.at(-1) as number]
  if (!reference || !isIdentifier(last)) return undefined
  const name = identifierName(last)
  return item.length > 1 || fromColumns()?.includes(name) ? name : undefined
}

/** The columns `*` (qualifier `[]`) or `q.*` stands for in the SELECT at `select`. */
function starColumns(
  sources: ColumnSources,
  select: number,
  qualifier: readonly string[],
): string[] | undefined {
  const items = fromClause(sources.tokens, select)?.items ?? []
  const read = qualifier.length > 0 ? items.filter((item) => isNamedBy(item, qualifier)) : items
  if (read.length === 0) return undefined
  const columns = read.map((item) => fromItemColumns(sources, item))
  return columns.every((list) => list !== undefined) ? columns.flat() : undefined
}

/** The columns of the SELECT at `select`, named as its select list names them; read once per SELECT. */
function selectColumns(sources: ColumnSources, select: number): string[] | undefined {
  if (sources.read.has(select)) return sources.read.get(select)
  let fromColumns: string[] | undefined
  const all = () => {
    fromColumns ??= starColumns(sources, select, []) ?? []
    return fromColumns
  }
  let columns: string[] | undefined = []
  for (const item of selectItems(sources.tokens, select)) {
    const qualifier = starQualifier(sources.tokens, item)
    const starred = qualifier && starColumns(sources, select, qualifier)
    if (qualifier && !starred) {
      columns = undefined
      break
    }
    const name = selectItemName(sources.tokens, item, all)
    columns.push(...(starred ?? (name === undefined ? [] : [name])))
  }
  sources.read.set(select, columns)
  return columns
}

/** The columns of the query in the parentheses opened at `open`: its first SELECT's. */
function queryColumns(sources: ColumnSources, open: number): string[] | undefined {
  let first = nextSignificant(sources.tokens, open + 1)
  while (isPunct(sources.tokens[first], '(')) first = nextSignificant(sources.tokens, first + 1)
  return isWord(sources.tokens[first], 'SELECT') ? selectColumns(sources, first) : undefined
}

/** The CTE an unqualified table name refers to: one defined before it (a CTE's own query reads the table). */
function cteOf(sources: ColumnSources, item: FromItem): Cte | undefined {
  if (!item.table || item.end - item.start !== 1) return undefined
  const name = item.table.name
  return sources.ctes.findLast((cte) => cte.name === name && cte.close < item.start)
}

/** `[...renamed, ...the rest]`: an explicit column list renames the first columns. */
const renamed = (list: readonly string[] | undefined, columns: readonly string[]) =>
  list ? [...list, ...columns.slice(list.length)] : [...columns]

/** The `(a, b)` after a FROM item's alias, or undefined. */
export function aliasColumnList(tokens: readonly Token[], item: FromItem): number | undefined {
  if (!item.alias) return undefined
  const open = nextSignificant(tokens, tokens.indexOf(item.alias) + 1)
  return isPunct(tokens[open], '(') ? open : undefined
}

/** The stored names of the columns the FROM item yields, or undefined when they cannot be known. */
export function fromItemColumns(sources: ColumnSources, item: FromItem): string[] | undefined {
  const { tokens, catalog } = sources
  const cte = cteOf(sources, item)
  let columns: readonly string[] | undefined
  const joined = joinedItems(tokens, item)
  if (joined) {
    const each = joined.map((inner) => fromItemColumns(sources, inner))
    columns = each.every((list) => list !== undefined) ? each.flat() : undefined
  } else if (isPunct(tokens[item.start], '(')) columns = queryColumns(sources, item.start)
  else if (cte) {
    const query = queryColumns(sources, cte.open)
    columns = query ? renamed(cte.columns, query) : cte.columns
  } else if (item.table)
    columns =
      catalog.columns?.(item.table) ??
      CATALOG_VIEW_COLUMNS.get(`${item.table.schema}.${item.table.name}`)
  if (!columns) return undefined
  const list = aliasColumnList(tokens, item)
  return renamed(list === undefined ? undefined : nameList(tokens, list), columns)
}
