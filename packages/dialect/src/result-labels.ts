import type { OperationNode, RootOperationNode } from 'kysely'
import { IrisUnsupportedError } from './errors.js'

/** What a query's select list says about its result labels. */
export interface SelectedNames {
  /**
   * The row keys the query selected, by position, up to its first `*` / `t.*`, whose width only the
   * server knows. An entry is undefined where the name cannot be known (an unaliased expression).
   */
  readonly names: (string | undefined)[]
  /** The select list has a `*` / `t.*` (at position `names.length`). */
  readonly star: boolean
}

const NOTHING_SELECTED: SelectedNames = Object.freeze({ names: [], star: false })

/**
 * The row keys a query selected, read from its node. iris-pgwire lower-cases result labels
 * (docs/iris-sql.md#iris-pgwire-result-quirks); these names restore them.
 */
export function selectedNames(root: RootOperationNode): SelectedNames {
  const node = root as OperationNode & {
    selections?: readonly { selection: OperationNode }[]
  }
  if (node.kind !== 'SelectQueryNode' || !node.selections) return NOTHING_SELECTED
  const names: (string | undefined)[] = []
  for (const { selection } of node.selections) {
    if (isStar(selection)) return { names, star: true }
    names.push(nameOf(selection))
  }
  return { names, star: false }
}

/** `*` or `t.*`. */
export function isStar(selection: OperationNode): boolean {
  return (
    selection.kind === 'SelectAllNode' ||
    (selection.kind === 'ReferenceNode' &&
      (selection as unknown as { column: OperationNode }).column.kind === 'SelectAllNode')
  )
}

/** The name a selection gives its column: its alias, else its column's name. */
export function nameOf(node: OperationNode): string | undefined {
  const n = node as OperationNode & {
    alias?: OperationNode
    column?: OperationNode
    name?: unknown
  }
  if (n.kind === 'AliasNode' && n.alias) return nameOf(n.alias)
  if (n.kind === 'ReferenceNode' && n.column) return nameOf(n.column)
  if (n.kind === 'ColumnNode' && n.column) return nameOf(n.column)
  if (n.kind === 'IdentifierNode' && typeof n.name === 'string') return n.name
  return undefined
}

/** The labels of a result's columns, without a trailing `%VID` column when `dropLast`. */
export function labelsOf(fields: readonly { name: string }[], dropLast: boolean): string[] {
  const width = dropLast ? fields.length - 1 : fields.length
  const labels: string[] = new Array(width)
  for (let i = 0; i < width; i++) labels[i] = fields[i]?.name ?? `column${i + 1}`
  return labels
}

/**
 * Refuses a result whose labels past the first `named` are `column<position>`, as iris-pgwire's
 * embedded backend labels the columns of `SELECT *` (docs/iris-sql.md#iris-pgwire-result-quirks):
 * no row could be keyed by them.
 */
export function refuseUnnamedStarColumns(labels: readonly string[], named: number): void {
  if (named >= labels.length) return
  for (let i = named; i < labels.length; i++) if (labels[i] !== `column${i + 1}`) return
  throw new IrisUnsupportedError(
    `the server named the columns of a \`*\` selection column${named + 1}..column${labels.length}, not by their names: iris-pgwire's embedded backend cannot name them, so these rows cannot be keyed by column; select the columns by name instead of selectAll() or *`,
  )
}

/**
 * Builds row objects from array rows, each column keyed by the name the query gives it at that
 * position, else by the server's label. iris-pgwire lower-cases labels, and renames columns it
 * takes for literals' (`?column?`) or cannot name (`column1..N` on the embedded backend,
 * docs/iris-sql.md#iris-pgwire-result-quirks); the columns still arrive in the selected order.
 * `dropLast` removes a `%VID` column.
 */
export function toRowObjects(
  fields: readonly { name: string }[],
  rows: readonly unknown[][],
  expected: readonly (string | undefined)[],
  dropLast = false,
): Record<string, unknown>[] {
  const width = dropLast ? fields.length - 1 : fields.length
  const keys: string[] = []
  // Every row object starts as a copy of this one, so all share one shape and key order, as
  // node-postgres builds its own row objects.
  const template: Record<string, unknown> = {}
  for (let i = 0; i < width; i++) {
    const label = fields[i]?.name ?? `column${i + 1}`
    const key = expected[i] ?? label
    keys.push(key)
    template[key] = undefined
  }
  const objects: Record<string, unknown>[] = new Array(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown[]
    const object = { ...template }
    for (let i = 0; i < width; i++) object[keys[i] as string] = row[i]
    objects[r] = object
  }
  return objects
}
