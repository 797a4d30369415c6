/**
 * A RowDescription field as iris-pgwire 1.0.1 sends it (docs/iris-sql.md#iris-pgwire-result-quirks):
 * the label lower-cased, no table or column number, type size and modifier -1, whatever the
 * column. Only the type OID differs by backend (docs/iris-sql.md#result-types).
 */
import type { FieldDescription } from './types.js'

/** iris-pgwire lower-cases every label (docs/iris-sql.md#iris-pgwire-result-quirks). */
export const pgwireLabel = (name: string): string => name.toLowerCase()

export function pgwireField(name: string, dataTypeID: number): FieldDescription {
  return {
    name: pgwireLabel(name),
    tableID: 0,
    columnID: 0,
    dataTypeID,
    dataTypeSize: -1,
    dataTypeModifier: -1,
  }
}
