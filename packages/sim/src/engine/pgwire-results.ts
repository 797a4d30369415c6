/**
 * Profile `pgwire-1.0` (docs/iris-sql.md#simulator-profiles): what iris-pgwire v1.0.1 does to
 * results and parameters on top of IRIS's own behaviour, so the dialect is tested against the
 * server people run today.
 * - type OIDs are guessed from the FIRST row's values (integers 23 or 20, floats 701, decimals
 *   1700, everything else 25 — dates and times too; BIT is an integer 0/1); a column whose first
 *   value is NULL, or a result without rows, reports 25 [unverified for the no-rows case]
 *   (docs/iris-sql.md#result-types).
 * - labels are lower-cased; `SELECT *` from a quoted table names columns `column1..N`; the empty
 *   string comes back as NULL; INSERT / UPDATE / DELETE command tags report 0 rows
 *   (docs/iris-sql.md#iris-pgwire-result-quirks).
 * - filtering INFORMATION_SCHEMA.TABLES on a table that does not exist raises "Table ... does not
 *   exist" (SQLCODE -30) instead of returning no rows (docs/iris-sql.md#the-missing-table-fault).
 * - numeric-looking text parameters are re-typed as numbers (`'007'` → 7)
 *   (docs/iris-sql.md#parameter-re-typing).
 */
import { INFORMATION_SCHEMA } from '../catalog/names.js'
import { irisError } from '../translate/iris-error.js'
import type { StatementKind } from '../translate/plan.js'
import { pgwireLabel } from './pgwire-fields.js'
import {
  inferredTypeID,
  NONE,
  type PythonValue,
  pythonDecimal,
  pythonFloat,
  pythonInt,
  pythonStr,
} from './python-values.js'
import { OID, type ShapedColumn, type ValueCategory } from './result-shaping.js'
import type { FieldDescription, ParameterValue, StatementResult } from './types.js'

const TYPE_SIZES: Readonly<Record<number, number>> = {
  [OID.int4]: 4,
  [OID.int8]: 8,
  [OID.float8]: 8,
}

/** The Python value this profile assumes for a first value of a category (`undefined`: none yet, Describe). */
function assumedValue(category: ValueCategory, first: string | null | undefined): PythonValue {
  if (first === null) return NONE
  const text = first ?? '0'
  switch (category) {
    case 'integer':
      return pythonInt(text)
    case 'float':
      return pythonFloat(text)
    case 'decimal':
      return pythonDecimal(text)
    default:
      return pythonStr(text)
  }
}

function guessedType(
  category: ValueCategory,
  first: string | null | undefined,
): Pick<FieldDescription, 'dataTypeID' | 'dataTypeSize'> {
  const dataTypeID = inferredTypeID(assumedValue(category, first))
  return { dataTypeID, dataTypeSize: TYPE_SIZES[dataTypeID] ?? -1 }
}

/**
 * docs/iris-sql.md#iris-pgwire-result-quirks: `SELECT * FROM "Table"` (a quoted table name) yields
 * `column1..N`. Read from the statement's start only: `SELECT [TOP n] * FROM "`.
 */
export function selectsStarFromQuotedTable(source: string): boolean {
  return /^\s*select\s+(?:top\s+(?:\d+|\?|all)\s+)?\*\s+from\s+"/i.test(source)
}

/**
 * The RowDescription pgwire sends: guessed types, lower-case or positional names
 * (docs/iris-sql.md#result-types, docs/iris-sql.md#iris-pgwire-result-quirks). `firstRow` is the
 * first row of the result (`undefined` when it has none: every column is then text), or `'by type'`
 * for Describe, where no value exists yet and the column's category decides.
 */
export function pgwireFields(
  columns: readonly ShapedColumn[],
  firstRow: readonly (string | null)[] | undefined | 'by type',
  positionalNames: boolean,
): FieldDescription[] {
  return columns.map(({ field, category }, i) => {
    const first =
      firstRow === 'by type' ? undefined : firstRow === undefined ? null : (firstRow[i] ?? null)
    return {
      ...field,
      name: positionalNames ? `column${i + 1}` : pgwireLabel(field.name),
      ...guessedType(category, first),
      dataTypeModifier: -1,
    }
  })
}

const DML_TAG = /^(INSERT \d+|UPDATE|DELETE) \d+$/

/** docs/iris-sql.md#iris-pgwire-result-quirks: the empty string as NULL, and 0 rows in DML tags. */
export function pgwireRowsAndTag(
  rows: (string | null)[][],
  commandTag: string,
): Pick<StatementResult, 'rows' | 'commandTag'> {
  const match = DML_TAG.exec(commandTag)
  return {
    rows: rows.map((row) => row.map((value) => (value === '' ? null : value))),
    commandTag: match ? `${match[1]} 0` : commandTag,
  }
}

/**
 * docs/iris-sql.md#the-missing-table-fault: a query on INFORMATION_SCHEMA.TABLES filtered on
 * TABLE_NAME that finds nothing fails with -30 naming the table sought (its first text parameter,
 * as the dialect binds every value, docs/iris-sql.md#text-rewrites).
 */
export function missingTableFault(
  kind: StatementKind,
  sql: string,
  params: readonly ParameterValue[],
  rowCount: number,
): Error | undefined {
  if (kind !== 'select' || rowCount > 0) return undefined
  if (
    !sql.includes(`"${INFORMATION_SCHEMA}"."TABLES"`) ||
    !/"TABLE_NAME"\s*(=|in\b|like\b)/i.test(sql)
  )
    return undefined
  const sought = params.find((param): param is string => typeof param === 'string')
  if (sought === undefined) return undefined
  return irisError(-30, `Table '${sought}' does not exist`)
}

/** docs/iris-sql.md#parameter-re-typing: text parameters that look like numbers are re-typed as numbers (`'007'` → `7`, `'1.50'` → `1.5`). */
export function pgwireParameters(params: readonly ParameterValue[]): ParameterValue[] {
  return params.map((param) => {
    if (typeof param !== 'string') return param
    if (/^[+-]?\d+$/.test(param)) return BigInt(param).toString()
    if (/^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/.test(param)) return String(Number(param))
    return param
  })
}
