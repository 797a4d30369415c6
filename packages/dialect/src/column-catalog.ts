import { DEFAULT_SCHEMA } from './iris-metadata.js'
import type { StarTable } from './star-sources.js'

/** Runs one statement the dialect writes itself on the caller's connection: labels, array rows. */
export type ReadQuery = (
  sql: string,
  parameters: readonly unknown[],
) => Promise<{ readonly fields: readonly { name: string }[]; readonly rows: unknown[][] }>

/** A table's column names, keyed by their lower-case form. */
export type ColumnNames = ReadonlyMap<string, string>

/**
 * The catalog's column names of one table. Name columns compare case-insensitively
 * (docs/iris-sql.md#catalog-values), so `person` finds the `PERSON` iris-pgwire created
 * (docs/iris-sql.md#identifiers).
 */
const COLUMNS_OF_TABLE =
  'select "COLUMN_NAME" from "INFORMATION_SCHEMA"."COLUMNS" where "TABLE_SCHEMA" = $1 and "TABLE_NAME" = $2'

/**
 * One pool's cache of tables' column names, read from INFORMATION_SCHEMA.COLUMNS when first needed
 * and read again when asked to (a label it does not know: the table changed since).
 */
export class ColumnCatalog {
  readonly #tables = new Map<string, Promise<ColumnNames>>()

  /** The table's column names, from the cache when they are in it. */
  names(table: StarTable, read: ReadQuery): Promise<ColumnNames> {
    return this.#tables.get(keyOf(table)) ?? this.refresh(table, read)
  }

  /** The table's column names, read now. */
  refresh(table: StarTable, read: ReadQuery): Promise<ColumnNames> {
    const key = keyOf(table)
    const names = readNames(table, read)
    this.#tables.set(key, names)
    // A failed read is not kept: the next query reads again.
    names.catch(() => {
      if (this.#tables.get(key) === names) this.#tables.delete(key)
    })
    return names
  }

  /** Forgets every table, after DDL through the pool. */
  forget(): void {
    this.#tables.clear()
  }
}

async function readNames(table: StarTable, read: ReadQuery): Promise<ColumnNames> {
  const { rows } = await read(COLUMNS_OF_TABLE, [schemaOf(table), table.table])
  const names = new Map<string, string>()
  for (const [name] of rows) if (typeof name === 'string') names.set(name.toLowerCase(), name)
  return names
}

/** The schema a table is in: an unqualified name is in the default one. */
function schemaOf({ schema }: StarTable): string {
  return schema ?? DEFAULT_SCHEMA
}

function keyOf(table: StarTable): string {
  return `${schemaOf(table)}\u0000${table.table}`.toUpperCase()
}
