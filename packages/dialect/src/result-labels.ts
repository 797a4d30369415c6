import type {
  AliasNode,
  ColumnNode,
  IdentifierNode,
  OperationNode,
  ReferenceNode,
  RootOperationNode,
} from 'kysely'
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
  const { selections } = node
  const names: (string | undefined)[] = []
  // An indexed loop: this runs once per compiled select, and for...of with destructuring cost
  // about as much as the names themselves.
  for (let i = 0; i < selections.length; i++) {
    const { selection } = selections[i] as { selection: OperationNode }
    if (isStar(selection)) return { names, star: true }
    names.push(nameOf(selection))
  }
  return { names, star: false }
}

/**
 * Whether pg's own row objects, which it keys by the result labels, can be a query's rows:
 * - `labels`: always, since the query names no column (no select list: DML, DDL, raw SQL), so its
 *   rows are keyed by the labels in any case;
 * - `names`: once the pool's results have shown labels equal to the select lists' names
 *   (./label-match.ts; PostgreSQL and the simulator's `iris` profile label so,
 *   docs/iris-sql.md#labels-and-row-counts). Each result's labels are still checked: IRIS labels a
 *   column read from a table with its name as created (docs/iris-sql.md#identifiers), iris-pgwire
 *   lower-cases and renames labels (docs/iris-sql.md#iris-pgwire-result-quirks), and PostgreSQL
 *   cuts a label at 63 bytes. Rows whose labels differ are keyed again by the names; where two
 *   columns share a label (iris-pgwire's `?column?`), so that pg kept one value for both, the select
 *   is read again as arrays. On a front end that keeps the names up to case no labels collide:
 *   every column is named, no two names are equal but for case, none is over 63 bytes;
 * - `never`: a `*` (whose names the catalog may have to give), a trailing `%VID` column to drop,
 *   or a select list whose labels could collide: rows are read as arrays and keyed by position.
 */
export type RowKeys = 'labels' | 'names' | 'never'

/** PostgreSQL's longest label, in bytes (NAMEDATALEN - 1, docs/iris-sql.md#identifiers). */
const LONGEST_LABEL = 63

const utf8 = new TextEncoder()

/** How a query's rows may be keyed (see RowKeys), from its select list. */
export function rowKeysOf(selected: SelectedNames, vidPaged: boolean): RowKeys {
  if (selected.star || vidPaged) return 'never'
  const { names } = selected
  if (names.length === 0) return 'labels'
  for (const name of names) {
    if (name === undefined || name.length > LONGEST_LABEL) return 'never'
    if (name.length > LONGEST_LABEL / 3 && utf8.encode(name).length > LONGEST_LABEL) return 'never'
  }
  return equalButForCase(names as readonly string[]) ? 'never' : 'names'
}

/** Up to this many names, comparing each pair costs less than building a Set of folded names. */
const PAIRWISE_NAMES = 16

/** Whether two of `names` are equal but for case (or equal). */
function equalButForCase(names: readonly string[]): boolean {
  // Folded first: lower-casing can change a name's length (U+0130), so lengths cannot screen pairs.
  const folded = names.map((name) => name.toLowerCase())
  if (folded.length > PAIRWISE_NAMES) return new Set(folded).size !== folded.length
  for (let i = 1; i < folded.length; i++) {
    for (let j = 0; j < i; j++) if (folded[i] === folded[j]) return true
  }
  return false
}

/** Whether a result's labels are the selected names, position by position. */
export function labelsAreNames(
  fields: readonly { name: string }[],
  names: readonly (string | undefined)[],
): boolean {
  if (fields.length !== names.length) return false
  for (let i = 0; i < names.length; i++) if (fields[i]?.name !== names[i]) return false
  return true
}

/**
 * pg's row objects keyed again by the selected names, for a result whose labels are not the names.
 * Undefined when two columns share a label, so that pg kept only the last one's value (see RowKeys).
 */
export function rekeyRows(
  fields: readonly { name: string }[],
  rows: readonly Record<string, unknown>[],
  names: readonly (string | undefined)[],
): Record<string, unknown>[] | undefined {
  const labels = fields.map((field) => field.name)
  if (new Set(labels).size !== labels.length) return undefined
  const arrays = rows.map((row) => labels.map((label) => row[label]))
  return toRowObjects(fields, arrays, names)
}

/** `*` or `t.*`. */
export function isStar(selection: OperationNode): boolean {
  return (
    selection.kind === 'SelectAllNode' ||
    (selection.kind === 'ReferenceNode' &&
      (selection as unknown as { column: OperationNode }).column.kind === 'SelectAllNode')
  )
}

/**
 * The name a selection gives its column: its alias, else its column's name. Each node is read by
 * its kind, as the fields that kind has, so that a select list costs no lookups of absent fields.
 */
export function nameOf(node: OperationNode): string | undefined {
  // A loop, not recursion, so that it can be inlined into the select list's loop.
  let current = node
  for (;;) {
    switch (current.kind) {
      case 'AliasNode':
        current = (current as AliasNode).alias
        break
      case 'ReferenceNode':
        current = (current as ReferenceNode).column
        break
      case 'ColumnNode':
        current = (current as ColumnNode).column
        break
      case 'IdentifierNode': {
        const { name } = current as IdentifierNode
        return typeof name === 'string' ? name : undefined
      }
      default:
        return undefined
    }
  }
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
