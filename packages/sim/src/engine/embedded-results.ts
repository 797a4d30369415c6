/**
 * Results as iris-pgwire 1.0.1's embedded backend presents them (docs/iris-sql.md#result-types,
 * docs/iris-sql.md#iris-pgwire-result-quirks). `iris.sql.exec` hands over rows without column
 * metadata, so iris-pgwire makes the columns up:
 * - each value is `str()` of the driver's Python value (driver-values.ts); `''`, which is also how
 *   NULL arrives, and any text holding `@%SYS.Python` are sent as NULL;
 * - each column's type OID is inferred from its value in the first row;
 * - labels are made up from the statement's text (`embeddedLabels`), then lower-cased;
 * - a result without rows has no columns to infer: a statement that starts with SELECT is
 *   described with every column INFORMATION_SCHEMA lists under the table named after its first
 *   FROM (or one text column `column1`), anything else with none.
 */
import { embeddedValue } from './driver-values.js'
import { ODBC, odbcTypeOf } from './odbc-types.js'
import { extractedAliases } from './pgwire-alias-extractor.js'
import { pgwireColumnName } from './pgwire-column-name.js'
import { pgwireField, pgwireLabel } from './pgwire-fields.js'
import { inferredTypeID, NONE, type PythonValue, sentText } from './python-values.js'
import { OID, type ShapedColumn, type ValueCategory } from './result-shaping.js'
import type { CatalogColumn, TableInfo } from './table-info.js'
import type { FieldDescription } from './types.js'

/** iris-pgwire's `_normalize_iris_null`. */
function normalizedNull(value: PythonValue): PythonValue {
  if (value.type !== 'str') return value
  return value.text === '' || value.text.includes('@%SYS.Python') ? NONE : value
}

/** iris-pgwire's `_extract_table_name_from_select`: the last name of the first `FROM a.b.c`. */
function tableAfterFrom(sql: string): string | undefined {
  return /\bFROM\s+(?:"?[\p{L}\p{N}_]+"?\s*\.\s*)*"?([\p{L}\p{N}_]+)"?/iu.exec(sql)?.[1]
}

/** iris-pgwire's `_map_iris_type_to_oid`, for INFORMATION_SCHEMA's DATA_TYPE. */
const TYPE_ID_BY_DATA_TYPE: Readonly<Record<string, number>> = {
  INT: OID.int4,
  INTEGER: OID.int4,
  BIGINT: OID.int8,
  SMALLINT: OID.int2,
  VARCHAR: 1043,
  CHAR: 1042,
  TEXT: OID.text,
  DATE: 1082,
  TIME: 1083,
  TIMESTAMP: 1114,
  DOUBLE: OID.float8,
  FLOAT: OID.float8,
  NUMERIC: OID.numeric,
  DECIMAL: OID.numeric,
  BIT: 1560,
  BOOLEAN: OID.bool,
  VARBINARY: 17,
}

function catalogField({ name, dataType }: CatalogColumn): FieldDescription {
  const baseType = dataType.toUpperCase().split('(')[0]?.trim() ?? ''
  return pgwireField(name, TYPE_ID_BY_DATA_TYPE[baseType] ?? OID.text)
}

/** `_expand_select_star`'s test: `SELECT * FROM name` anywhere in the text, the name unquoted. */
const SELECT_STAR_FROM_TABLE = /SELECT\s+\*\s+FROM\s+([A-Za-z_][A-Za-z0-9_]*)/i

/**
 * The labels iris-pgwire makes up for a result of `width` columns with rows, as `iris.sql.exec`
 * gives no column metadata (docs/iris-sql.md#iris-pgwire-result-quirks), first that fits:
 * - `SELECT * FROM name` in the text: the columns INFORMATION_SCHEMA lists for that table name,
 *   if as many;
 * - the aliases parsed from the text (pgwire-alias-extractor.ts), if as many, renamed by
 *   pgwire-column-name.ts;
 * - `?column?` for each column if the text holds SELECT but no FROM, else `column1..N`.
 * So any `*` or `t.*` that does not expand to its table's columns alone gets `column1..N`.
 */
async function embeddedLabels(width: number, sql: string, tables: TableInfo): Promise<string[]> {
  const starTable = SELECT_STAR_FROM_TABLE.exec(sql)?.[1]
  const tableColumns = starTable === undefined ? [] : await tables.catalogColumns(starTable)
  if (tableColumns.length > 0 && tableColumns.length === width)
    return tableColumns.map(({ name }) => name)
  const aliases = extractedAliases(sql)
  if (aliases.length > 0 && aliases.length === width)
    return aliases.map((alias) => pgwireColumnName(alias, sql))
  const upper = sql.toUpperCase()
  const literalsOnly = upper.includes('SELECT') && !upper.includes('FROM')
  return Array.from({ length: width }, (_, i) => (literalsOnly ? '?column?' : `column${i + 1}`))
}

/** The columns iris-pgwire describes a result without rows with. */
async function emptyResultFields(
  sql: string,
  tables: TableInfo,
): Promise<FieldDescription[] | null> {
  if (!sql.trim().toUpperCase().startsWith('SELECT')) return null
  const table = tableAfterFrom(sql)
  const columns = table === undefined ? [] : await tables.catalogColumns(table)
  return columns.length > 0 ? columns.map(catalogField) : [pgwireField('column1', OID.text)]
}

/** The fields and row values of a result, as the embedded backend sends them; `sql` is the statement's text. */
export async function embeddedColumnsAndRows(
  columns: readonly ShapedColumn[],
  rows: readonly (string | null)[][],
  sql: string,
  tables: TableInfo,
): Promise<{ fields: FieldDescription[] | null; rows: (string | null)[][] }> {
  const odbcTypes = columns.map(odbcTypeOf)
  const values = rows.map((row) =>
    row.map((text, i) => normalizedNull(embeddedValue(text, odbcTypes[i] ?? ODBC.VARCHAR))),
  )
  const [first] = values
  if (first === undefined) return { fields: await emptyResultFields(sql, tables), rows: [] }
  const labels = await embeddedLabels(columns.length, sql, tables)
  const fields = columns.map((_, i) =>
    pgwireField(labels[i] ?? `column${i + 1}`, inferredTypeID(first[i] ?? NONE)),
  )
  return { fields, rows: values.map((row) => row.map(sentText)) }
}

/**
 * The type a column of each category gets from iris-pgwire's inference before any value exists:
 * what it infers from a small value of that kind (an int fits int4), with PostgreSQL's size.
 */
const DESCRIBED_TYPE: Readonly<Record<ValueCategory, { id: number; size: number }>> = {
  integer: { id: OID.int4, size: 4 },
  float: { id: OID.float8, size: 8 },
  decimal: { id: OID.numeric, size: -1 },
  text: { id: OID.text, size: -1 },
}

/**
 * Describe (statement), before any value exists: types by the column's category, labels as for a
 * result with rows (docs/iris-sql.md#result-types, docs/iris-sql.md#iris-pgwire-result-quirks).
 */
export async function embeddedDescribedFields(
  columns: readonly ShapedColumn[],
  sql: string,
  tables: TableInfo,
): Promise<FieldDescription[]> {
  const labels = await embeddedLabels(columns.length, sql, tables)
  return columns.map(({ field, category }, i) => {
    const type = DESCRIBED_TYPE[category]
    return {
      ...field,
      name: pgwireLabel(labels[i] ?? `column${i + 1}`),
      dataTypeID: type.id,
      dataTypeSize: type.size,
      dataTypeModifier: -1,
    }
  })
}
