import type { IrisTableMetadata } from 'kysely-iris'
import { columnTypeKey } from './iris-adapter.js'
import { columnComment } from './iris-column-typer.js'
import { DatabaseMetadata } from './kysely-codegen.js'

/**
 * kysely-codegen's metadata for a set of IRIS tables, keeping the IRIS metadata it came from.
 * Each column's `dataType` is its `columnTypeKey`: the column's whole type (nullability and
 * generation included) lives in the adapter's scalar of that key, so the flags stay false here.
 */
export class IrisDatabaseMetadata extends DatabaseMetadata {
  readonly irisTables: readonly IrisTableMetadata[]

  constructor(irisTables: readonly IrisTableMetadata[]) {
    super({
      tables: irisTables.map((table) => ({
        name: table.name,
        schema: table.schema,
        isView: table.isView,
        columns: table.columns.map((column) => ({
          name: column.name,
          dataType: columnTypeKey(table.schema, table.name, column.name),
          comment: columnComment(column),
        })),
      })),
    })
    this.irisTables = irisTables
  }
}
