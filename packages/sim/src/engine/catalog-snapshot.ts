/**
 * The translator's view of the user tables (translate/plan.ts `CatalogSnapshot`,
 * docs/iris-sql.md#rowid): for each table with a hidden RowID, the columns `*` stands for. Read
 * whole, while the caller holds the backend, at start and after every schema change, so that
 * translation stays synchronous and its plans cacheable. Each reading has the next version number:
 * a plan remembers the version it was translated against, and a statement that waited for the
 * backend while another connection changed the schema is translated again (session.ts).
 */
import { HIDDEN_ROW_ID } from '../catalog/metadata.js'
import type { CatalogSnapshot, TableRef } from '../translate/plan.js'
import type { Backend } from './backend.js'

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`
const key = (table: TableRef) => `${table.schema}\u0000${table.name}`

const HIDDEN = quoteLiteral(HIDDEN_ROW_ID)

/**
 * Every table with a hidden RowID, with its other columns in order, separated by chr(2). Found by
 * the hidden column's name, then each table's columns by its own index: about half the time of a
 * scan over every user table's columns, and this runs after every DDL statement.
 */
const HIDDEN_ROW_ID_TABLES = `
select n.nspname, c.relname,
  (select string_agg(a.attname, chr(2) order by a.attnum) from pg_attribute a
    where a.attrelid = h.attrelid and a.attnum > 0 and not a.attisdropped and a.attname <> ${HIDDEN})
from pg_attribute h
join pg_class c on c.oid = h.attrelid
join pg_namespace n on n.oid = c.relnamespace
where h.attname = ${HIDDEN} and not h.attisdropped and c.relkind in ('r', 'p')`

/** A catalog snapshot and which reading it is: 0 at start, one more after each schema change. */
export interface VersionedCatalog extends CatalogSnapshot {
  readonly version: number
}

export async function readCatalogSnapshot(
  backend: Backend,
  version: number,
): Promise<VersionedCatalog> {
  const { results, error } = await backend.simple(HIDDEN_ROW_ID_TABLES)
  if (error) throw new Error(`cannot read the tables with a hidden RowID: ${error.message}`)
  const columns = new Map<string, readonly string[]>()
  for (const [schema, name, list] of results[0]?.rows ?? [])
    columns.set(key({ schema: schema ?? '', name: name ?? '' }), list ? list.split('\u0002') : [])
  return { version, starColumns: (table) => columns.get(key(table)) }
}
