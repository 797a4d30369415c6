/**
 * The DDL steps behind `%ID` (docs/iris-sql.md#rowid): a table without an IDENTITY column gets a
 * hidden RowID column, and every table with a RowID a function `"%id"(row)` reading it
 * (runtime.ts), which row-id.ts calls.
 */
import { HIDDEN_ROW_ID } from '../catalog/metadata.js'
import { qualifiedSql, quoteIdentifier, quoteLiteral } from './names.js'
import type { TableRef } from './plan.js'

/** The hidden RowID's column definition: sequential positive integers from 1 that nothing writes. */
export const HIDDEN_ROW_ID_COLUMN = `${quoteIdentifier(HIDDEN_ROW_ID)} bigint GENERATED ALWAYS AS IDENTITY`

/** The step that gives `table` its `%ID` function, or takes it away; none for a table renamed away, whose function follows its row type. */
export const defineRowId = (table: TableRef) =>
  `call iris_sim.define_row_id(to_regclass(${quoteLiteral(qualifiedSql(table))}))`

/** The steps that give a table made without a RowID (CREATE TABLE ... AS SELECT) its hidden one, numbering its rows. */
export const addHiddenRowId = (table: TableRef) => [
  `alter table ${qualifiedSql(table)} add column ${HIDDEN_ROW_ID_COLUMN}`,
  defineRowId(table),
]
