import type { CompiledQuery, OperationNode } from 'kysely'
import { IrisUnsupportedError } from './errors.js'

/**
 * The row keys a query selected, by position, read from the compiled query's node. iris-pgwire
 * lower-cases result labels (docs/iris-sql.md#iris-pgwire-result-quirks); these names restore them.
 * An entry is undefined where the name cannot be known (an unaliased expression) and the list stops
 * at `*` / `t.*`, whose width only the server knows.
 */
export function selectedNames(query: CompiledQuery): (string | undefined)[] {
  const node = query.query as OperationNode & {
    selections?: readonly { selection: OperationNode }[]
  }
  if (node.kind !== 'SelectQueryNode' || !node.selections) return []
  const names: (string | undefined)[] = []
  for (const { selection } of node.selections) {
    if (selection.kind === 'SelectAllNode') break
    if (
      selection.kind === 'ReferenceNode' &&
      (selection as unknown as { column: OperationNode }).column.kind === 'SelectAllNode'
    )
      break
    names.push(nameOf(selection))
  }
  return names
}

function nameOf(node: OperationNode): string | undefined {
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

/**
 * Builds row objects from array rows. A server label that differs from the selected name only in
 * case is replaced by the selected name (docs/iris-sql.md#iris-pgwire-result-quirks); `dropLast`
 * removes a `%VID` column.
 */
export function toRowObjects(
  fields: readonly { name: string }[],
  rows: readonly unknown[][],
  expected: readonly (string | undefined)[],
  dropLast = false,
): Record<string, unknown>[] {
  const width = dropLast ? fields.length - 1 : fields.length
  if (positionallyNamed(fields, expected.length, width)) {
    throw new IrisUnsupportedError(
      `the server named the columns of a \`*\` selection column${expected.length + 1}..column${width}, not by their names: iris-pgwire's embedded backend cannot name them, so these rows cannot be keyed by column; select the columns by name instead of selectAll() or *`,
    )
  }
  const keys: string[] = []
  // Every row object starts as a copy of this one, so all share one shape and key order, as
  // node-postgres builds its own row objects.
  const template: Record<string, unknown> = {}
  for (let i = 0; i < width; i++) {
    const label = fields[i]?.name ?? `column${i + 1}`
    const wanted = expected[i]
    const key =
      wanted === label || (wanted !== undefined && wanted.toLowerCase() === label.toLowerCase())
        ? (wanted as string)
        : label
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

/**
 * Whether every label past the named selections is `column<position>`, as iris-pgwire's embedded
 * backend labels the columns of `SELECT *` (docs/iris-sql.md#iris-pgwire-result-quirks).
 */
function positionallyNamed(
  fields: readonly { name: string }[],
  named: number,
  width: number,
): boolean {
  if (named >= width) return false
  for (let i = named; i < width; i++) if (fields[i]?.name !== `column${i + 1}`) return false
  return true
}
