/**
 * Result column labels as IRIS gives them: as defined or aliased
 * (docs/iris-sql.md#labels-and-row-counts). PostgreSQL stores every name in lower case
 * (docs/iris-sql.md#identifiers), so its labels are lower case: an aliased column takes the alias as
 * written (from the plan's select list, src/translate/select-labels.ts), a column read straight from a
 * table or view takes the name it was created with, a column read from a derived table or CTE the
 * alias its select list gives it (when just one alias matches). Anything else keeps PostgreSQL's
 * label.
 */
import type { Plan, SelectItem } from '../translate/plan.js'
import type { TableInfo } from './table-info.js'
import type { FieldDescription } from './types.js'

/**
 * The select-list item of each result column, by position. A `*` stands for any number of columns,
 * so items before the first one count from the start and items after the last one from the end.
 */
function itemsByPosition(items: readonly SelectItem[], count: number): Map<number, SelectItem> {
  const byPosition = new Map<number, SelectItem>()
  const firstStar = items.findIndex((item) => item.type === 'star')
  const leading = firstStar < 0 ? items : items.slice(0, firstStar)
  const trailing =
    firstStar < 0 ? [] : items.slice(items.findLastIndex((item) => item.type === 'star') + 1)
  const fits = firstStar < 0 ? items.length === count : leading.length + trailing.length <= count
  if (!fits) return byPosition
  leading.forEach((item, i) => {
    byPosition.set(i, item)
  })
  trailing.forEach((item, i) => {
    byPosition.set(count - trailing.length + i, item)
  })
  return byPosition
}

export async function labelledFields(
  fields: readonly FieldDescription[],
  plan: Plan,
  tables: TableInfo,
): Promise<FieldDescription[]> {
  const labels = plan.type === 'run' ? plan.labels : undefined
  const items = labels ? itemsByPosition(labels, fields.length) : new Map<number, SelectItem>()
  const derived = plan.type === 'run' ? (plan.derivedLabels ?? []) : []
  /** The one derived-table alias a lower-case label stands for; none when two spellings match. */
  const derivedLabel = (name: string) => {
    const spellings = new Set(derived.filter((label) => label.toLowerCase() === name))
    return spellings.size === 1 ? [...spellings][0] : undefined
  }
  return Promise.all(
    fields.map(async (field, i) => {
      // PostgreSQL labels a name with its stored, lower-case form; a label that does not match
      // means the select list was not read right, and PostgreSQL's label is the safer one.
      const written = (label: string) =>
        label.toLowerCase() === field.name ? { ...field, name: label } : field
      const item = items.get(i)
      if (item?.type === 'alias') return written(item.label)
      const column = await tables.columnName(field.tableID, field.columnID)
      if (column?.stored === field.name) return { ...field, name: column.display }
      if (item?.type === 'expression') return field
      // A derived table's aliased column: PostgreSQL may still report the table column under it.
      const alias = derivedLabel(field.name)
      if (alias !== undefined) return { ...field, name: alias }
      return item?.type === 'column' && !column ? written(item.name) : field
    }),
  )
}
