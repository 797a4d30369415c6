/**
 * The translator's view of the user tables (translate/plan.ts `CatalogSnapshot`,
 * docs/iris-sql.md#rowid): for each table with a hidden RowID, the columns `*` stands for. Read
 * whole, while the caller holds the backend, at start and after every schema change, so that
 * translation stays synchronous and its plans cacheable.
 */
import { HIDDEN_ROW_ID, SIM_SCHEMA } from '../catalog/metadata.js'
import type { CatalogSnapshot, TableRef } from '../translate/plan.js'
import type { Backend } from './backend.js'

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`
const key = (table: TableRef) => `${table.schema}\u0000${table.name}`

/** Every table with a hidden RowID, with its other columns in order, separated by chr(2). */
const HIDDEN_ROW_ID_TABLES = `
select n.nspname, c.relname,
  string_agg(a.attname, chr(2) order by a.attnum) filter (where a.attname <> ${quoteLiteral(HIDDEN_ROW_ID)})
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
where c.relkind in ('r', 'p') and n.nspname not like '${SIM_SCHEMA}%'
group by n.nspname, c.relname
having bool_or(a.attname = ${quoteLiteral(HIDDEN_ROW_ID)})`

export async function readCatalogSnapshot(backend: Backend): Promise<CatalogSnapshot> {
  const { results, error } = await backend.simple(HIDDEN_ROW_ID_TABLES)
  if (error) throw new Error(`cannot read the tables with a hidden RowID: ${error.message}`)
  const columns = new Map<string, readonly string[]>()
  for (const [schema, name, list] of results[0]?.rows ?? [])
    columns.set(key({ schema: schema ?? '', name: name ?? '' }), list ? list.split('\u0002') : [])
  return { starColumns: (table) => columns.get(key(table)) }
}
