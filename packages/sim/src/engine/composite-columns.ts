/**
 * IRIS SQL has no composite values (docs/iris-sql.md#postgresql-syntax): a FROM item's name used
 * as a value (`SELECT t FROM t`, PostgreSQL's whole-row reference) is a field IRIS does not find,
 * and a parenthesised list of values (`SELECT (1, 2)`) no expression. PostgreSQL types the first
 * the table's row type and the second `record`, and no IRIS column has either type, so the
 * result's column types find both, however deeply they hide (`COALESCE(t, t)`, a subquery's), at
 * Describe and at Execute alike. A whole row that is no result column (`WHERE x = x`) the
 * translator refuses from the text (translate/whole-row-references.ts).
 */
import { irisError } from '../translate/iris-error.js'
import type { TableInfo } from './table-info.js'
import type { FieldDescription } from './types.js'

/** PostgreSQL's anonymous row type, of `(1, 2)`, `ROW(...)` and a derived table's whole row. */
const RECORD = 2249

/** PostgreSQL's first OID for objects created after initdb: every table's row type is one. */
const FIRST_USER_OID = 16384

/** Throws when the result column `field` holds a composite value. */
export async function refuseCompositeColumn(
  field: FieldDescription,
  tables: TableInfo,
): Promise<void> {
  if (field.dataTypeID === RECORD) {
    throw irisError(
      -1,
      `result column ${field.name} is a row value: IRIS SQL has no composite values; select each value as a column of its own`,
    )
  }
  if (field.dataTypeID >= FIRST_USER_OID && (await tables.isRowType(field.dataTypeID))) {
    throw irisError(
      -29,
      `field ${field.name} not found: IRIS has no whole-row values, and a table's name is no field; select table.* or name the columns`,
    )
  }
}
