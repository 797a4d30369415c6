import {
  AliasNode,
  ColumnNode,
  IdentifierNode,
  ReferenceNode,
  SelectionNode,
  SelectQueryNode,
} from 'kysely'
import { IrisUnsupportedError } from './errors.js'

/**
 * `with name(x, y) as (body)` written as the select IRIS reads in its place:
 * `select "c1" as "x", "c2" as "y" from (body) as "name"`, where `c1`, `c2` are the names the body
 * gives its columns. Renaming outside the body leaves its ORDER BY, GROUP BY and set operations
 * untouched; a column list on the derived table itself (`(...) as name(x, y)`) is not known to be
 * IRIS SQL (docs/iris-sql.md#ctes-window-functions-and-locking-reads).
 */
export function renameCteColumns(
  name: string,
  body: SelectQueryNode,
  columns: readonly string[],
): SelectQueryNode {
  const names = outputNames(name, body)
  if (names.length !== columns.length) {
    throw new IrisUnsupportedError(
      `CTE "${name}" lists ${columns.length} column names but its select has ${names.length} columns; give as many names as the select has columns`,
    )
  }
  const renamed = SelectQueryNode.createFrom([AliasNode.create(body, IdentifierNode.create(name))])
  return SelectQueryNode.cloneWithSelections(
    renamed,
    names.map((column, i) =>
      SelectionNode.create(
        AliasNode.create(ColumnNode.create(column), IdentifierNode.create(columns[i] as string)),
      ),
    ),
  )
}

/**
 * The names of the body's result columns, in order: the first select's, as a set operation takes
 * its names from its first member. Each must be known and distinct (IRIS names are
 * case-insensitive, docs/iris-sql.md#identifiers) for the outer select to name it.
 */
function outputNames(cteName: string, body: SelectQueryNode): string[] {
  const names = (body.selections ?? []).map(({ selection }) => selectedName(selection))
  if (names.length === 0 || names.some((name) => name === undefined)) {
    throw new IrisUnsupportedError(
      `CTE "${cteName}" has a column list, but its select does not name each column (selectAll() or t.*): kysely-iris renames the columns by name; select the columns one by one, or drop the column list and name them with as()`,
    )
  }
  const known = names as string[]
  const duplicate = known.find(
    (name, i) => known.findIndex((other) => other.toLowerCase() === name.toLowerCase()) !== i,
  )
  if (duplicate !== undefined) {
    throw new IrisUnsupportedError(
      `CTE "${cteName}" has a column list, but its select has two columns named "${duplicate}", which the renaming select cannot tell apart; give them different names with as()`,
    )
  }
  return known
}

/** The name a selection gives its result column, if it names one. */
function selectedName(selection: SelectionNode['selection']): string | undefined {
  if (AliasNode.is(selection))
    return IdentifierNode.is(selection.alias) ? selection.alias.name : undefined
  if (ColumnNode.is(selection)) return selection.column.name
  if (ReferenceNode.is(selection) && ColumnNode.is(selection.column))
    return selection.column.column.name
  return undefined
}
