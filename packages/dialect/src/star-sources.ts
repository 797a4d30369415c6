import type { OperationNode, SelectQueryNode } from 'kysely'
import { IrisUnsupportedError } from './errors.js'
import { inlineCtes } from './inline-ctes.js'
import { isStar, nameOf } from './result-labels.js'

/** A table or view whose columns a `*` selects; `schema` undefined for an unqualified name. */
export interface StarTable {
  readonly schema: string | undefined
  readonly table: string
}

/**
 * Where the names of a SELECT's columns come from, once its `*` / `t.*` are expanded: the tables
 * and views whose catalog names them, and the names the query itself gives (its own selections and
 * those of the derived tables and CTEs a `*` reads).
 */
export interface StarSources {
  readonly tables: StarTable[]
  readonly names: string[]
}

/**
 * The sources of a SELECT's column names. A `*` reads every FROM and JOIN item, `t.*` the item
 * named (or aliased) `t`; a derived table or CTE gives the names of its own select list, expanded
 * the same way. A FROM item whose columns no catalog and no select list names (a `sql\`...\``
 * source, a function, VALUES) is refused with IrisUnsupportedError.
 */
export function starSources(node: SelectQueryNode): StarSources {
  const sources: StarSources = { tables: [], names: [] }
  addSelectList(node, sources)
  return sources
}

interface FromItem {
  /** The table, derived table or other source. */
  readonly source: OperationNode
  /** What `t.*` calls it: its alias, else its table name. */
  readonly name: string | undefined
  readonly schema: string | undefined
}

function addSelectList(select: SelectQueryNode, sources: StarSources): void {
  // A CTE's rows are read as a derived table, as the compiler sends them (./inline-ctes.ts).
  const node = select.with ? inlineCtes(select) : select
  let items: FromItem[] | undefined
  for (const { selection } of node.selections ?? []) {
    if (!isStar(selection)) {
      const name = nameOf(selection)
      if (name !== undefined) sources.names.push(name)
      continue
    }
    items ??= fromItems(node)
    const table = (selection as { table?: TableLike }).table
    for (const item of table ? [itemNamed(items, table)] : items) addItem(item, sources)
  }
}

function addItem(item: FromItem, sources: StarSources): void {
  const { source } = item
  if (source.kind === 'TableNode') {
    const { schema, identifier } = (source as unknown as TableLike).table
    sources.tables.push({ schema: schema?.name, table: identifier.name })
  } else if (source.kind === 'SelectQueryNode') {
    addSelectList(source as SelectQueryNode, sources)
  } else {
    throw new IrisUnsupportedError(
      `a \`*\` reads ${item.name === undefined ? 'a source' : `"${item.name}"`}, whose columns neither the catalog nor a select list names, and the front end lower-cases result labels (iris-pgwire), so the rows' keys could not be restored; select its columns by name, with an alias where the case matters`,
    )
  }
}

interface TableLike {
  readonly table: {
    readonly schema?: { readonly name: string }
    readonly identifier: { readonly name: string }
  }
}

function fromItems(node: SelectQueryNode): FromItem[] {
  const sources = [...(node.from?.froms ?? []), ...(node.joins ?? []).map((join) => join.table)]
  return sources.map((source) => {
    if (source.kind === 'AliasNode') {
      const { node: aliased, alias } = source as unknown as {
        node: OperationNode
        alias: OperationNode
      }
      return { source: aliased, name: nameOf(alias), schema: undefined }
    }
    if (source.kind === 'TableNode') {
      const { schema, identifier } = (source as unknown as TableLike).table
      return { source, name: identifier.name, schema: schema?.name }
    }
    return { source, name: undefined, schema: undefined }
  })
}

/** The FROM or JOIN item `t.*` reads; IRIS names are case-insensitive (docs/iris-sql.md#identifiers). */
function itemNamed(items: readonly FromItem[], reference: TableLike): FromItem {
  const { schema, identifier } = reference.table
  const matches = items.filter(
    (item) =>
      item.name?.toLowerCase() === identifier.name.toLowerCase() &&
      (schema === undefined || item.schema?.toLowerCase() === schema.name.toLowerCase()),
  )
  const [item] = matches
  if (matches.length !== 1 || item === undefined) {
    throw new IrisUnsupportedError(
      `"${identifier.name}.*" names ${matches.length === 0 ? 'no' : 'more than one'} FROM or JOIN item of its query, so the rows' keys could not be restored behind a front end that lower-cases result labels (iris-pgwire); alias each table once and select "alias.*"`,
    )
  }
  return item
}
