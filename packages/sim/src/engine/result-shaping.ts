/**
 * Results as profile `iris` presents them (docs/iris-sql.md#simulator-profiles): RowDescription
 * carries each column's declared IRIS type (BIT as `bool`, its values `1`/`0`,
 * docs/iris-sql.md#booleans), values are text, and vectors are comma-separated numbers without brackets
 * (docs/iris-sql.md#vector-results). Labels are PostgreSQL's (quoted labels keep their case).
 *
 * The declared type of a column read straight from a table comes from `iris_sim.column_info`; an
 * expression keeps PostgreSQL's type, except that vectors read as text. No column is PostgreSQL's
 * boolean: that is a predicate selected as a value, refused before shaping (predicate-columns.ts).
 */
import type { RawResult } from './backend.js'
import { refuseCompositeColumn } from './composite-columns.js'
import type { ShownTypes } from './shown-types.js'
import type { TableInfo } from './table-info.js'
import type { FieldDescription } from './types.js'

export const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  float4: 700,
  float8: 701,
  numeric: 1700,
} as const

/** PostgreSQL array types that hold the sim's DOUBLE / DECIMAL / INTEGER vectors (and their kin). */
const ARRAY_TYPE_IDS = new Set([1005, 1007, 1016, 1021, 1022, 1231])

/** How a column's text values are rewritten. */
export type ValueKind = 'plain' | 'vector'

/** What a client may infer about a column's values; drives the embedded backend's type guess at Describe (docs/iris-sql.md#result-types). */
export type ValueCategory = 'integer' | 'float' | 'decimal' | 'text'

export interface ShapedColumn {
  field: FieldDescription
  kind: ValueKind
  category: ValueCategory
  /** The declared IRIS type (ODBC name, lower case) of a column read straight from a table. */
  declaredType?: string
}

function categoryOf(typeID: number): ValueCategory {
  switch (typeID) {
    case OID.int2:
    case OID.int4:
    case OID.int8:
      return 'integer'
    case OID.float4:
    case OID.float8:
      return 'float'
    case OID.numeric:
      return 'decimal'
    default:
      return 'text'
  }
}

/** `[1,2]` / `{1,2}` → `1,2` (docs/iris-sql.md#vector-results). */
function rewrite(kind: ValueKind, value: string | null): string | null {
  if (value === null || kind === 'plain') return value
  const first = value[0]
  return first === '[' || first === '{' ? value.slice(1, -1) : value
}

export class ResultShaper {
  readonly #tables: TableInfo
  readonly #vectorTypeIDs: ReadonlySet<number>
  readonly #shownTypes: ShownTypes

  constructor(tables: TableInfo, vectorTypeIDs: ReadonlySet<number>, shownTypes: ShownTypes) {
    this.#tables = tables
    this.#vectorTypeIDs = vectorTypeIDs
    this.#shownTypes = shownTypes
  }

  #isVectorType(typeID: number): boolean {
    return this.#vectorTypeIDs.has(typeID) || ARRAY_TYPE_IDS.has(typeID)
  }

  async #column(raw: FieldDescription): Promise<ShapedColumn> {
    const field = this.#shownTypes.field(raw)
    const declared = await this.#tables.declaredColumn(field.tableID, field.columnID)
    const declaredType = declared ? { declaredType: declared.dataType } : {}
    const asText = { ...field, dataTypeID: OID.text, dataTypeSize: -1, dataTypeModifier: -1 }
    if (declared?.vectorElementType || this.#isVectorType(field.dataTypeID)) {
      return { field: asText, kind: 'vector', category: 'text', ...declaredType }
    }
    await refuseCompositeColumn(field, this.#tables)
    if (declared?.dataType === 'bit') {
      const bit = { ...field, dataTypeID: OID.bool, dataTypeSize: 1, dataTypeModifier: -1 }
      return { field: bit, kind: 'plain', category: 'integer', ...declaredType }
    }
    return { field, kind: 'plain', category: categoryOf(field.dataTypeID), ...declaredType }
  }

  /** The shaped description of each result column. */
  columns(fields: readonly FieldDescription[]): Promise<ShapedColumn[]> {
    return Promise.all(fields.map((field) => this.#column(field)))
  }

  /** Rewrites the values of `raw` for `columns` (from {@link columns} of the same fields). */
  rows(columns: readonly ShapedColumn[], raw: RawResult): (string | null)[][] {
    if (columns.every((column) => column.kind === 'plain')) return raw.rows
    return raw.rows.map((row) => row.map((value, i) => rewrite(columns[i]?.kind ?? 'plain', value)))
  }
}
