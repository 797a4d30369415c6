/**
 * The translator's view of the user tables (translate/plan.ts `CatalogSnapshot`,
 * docs/iris-sql.md#rowid): each table's and view's columns, and for a table with a hidden RowID
 * the columns `*` stands for. Read
 * whole, while the caller holds the backend, at start and after every schema change, so that
 * translation stays synchronous and its plans cacheable. Each reading has the next version number:
 * a plan remembers the version it was translated against, and a statement that waited for the
 * backend while another connection changed the schema is translated again (session.ts).
 */
import {
  EXACT_COLLATION,
  HIDDEN_ROW_ID,
  OVERRIDES_SCHEMA,
  SIM_SCHEMA,
  STRING_TYPE,
} from '../catalog/metadata.js'
import { quoteLiteral } from '../translate/names.js'
import type { CatalogSnapshot, TableRef } from '../translate/plan.js'
import type { Backend } from './backend.js'

/** The collation key of a column collated EXACT; the others' are an OID and a boolean, or empty. */
const EXACT_KEY = 'exact'

const key = (table: TableRef) => `${table.schema}\u0000${table.name}`

/**
 * Every user table and view with its columns in order, separated by chr(2), and each column's
 * collation key in the same order, for a chain of `||` (chain-collation.ts): empty for a type
 * that takes no collation (a number, a date, bytes); `exact` for a column collated EXACT, a plain
 * string type collated iris_sim.exact, which an ORDER BY sorts in EXACT order (exact-order.ts; a
 * `COLLATE %SQLSTRING` column has that collation too, on the sim's own string type,
 * column-collations.ts); else the collation's OID and whether the type is the sim's own string
 * type. Measured against the earlier read of only the tables with a hidden RowID (found by that
 * column's name, a scan of all of pg_attribute): no slower with 5 tables, about 5 ms more per
 * reading with 60. The collation keys add about 1 ms per reading with 60 tables of 12 columns.
 */
const USER_RELATIONS = `
select n.nspname, c.relname, string_agg(a.attname, chr(2) order by a.attnum),
  string_agg(case when a.attcollation = 0 then ''
    when a.attcollation = ${quoteLiteral(EXACT_COLLATION)}::regcollation
      and a.atttypid <> ${quoteLiteral(STRING_TYPE)}::regtype then '${EXACT_KEY}'
    else a.attcollation::text || (a.atttypid = ${quoteLiteral(STRING_TYPE)}::regtype)::text end,
    chr(2) order by a.attnum)
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
where c.relkind in ('r', 'p', 'v')
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', ${quoteLiteral(SIM_SCHEMA)}, ${quoteLiteral(OVERRIDES_SCHEMA)})
group by n.nspname, c.relname`

/** A catalog snapshot and which reading it is: 0 at start, one more after each schema change. */
export interface VersionedCatalog extends CatalogSnapshot {
  readonly version: number
}

export async function readCatalogSnapshot(
  backend: Backend,
  version: number,
): Promise<VersionedCatalog> {
  const { results, error } = await backend.simple(USER_RELATIONS)
  if (error) throw new Error(`cannot read the user tables' columns: ${error.message}`)
  const columns = new Map<string, readonly string[]>()
  const exactColumns = new Map<string, ReadonlySet<string>>()
  const columnCollations = new Map<string, ReadonlyMap<string, string>>()
  for (const [schema, name, list, collations] of results[0]?.rows ?? []) {
    const table = key({ schema: schema ?? '', name: name ?? '' })
    const names = list ? list.split('\u0002') : []
    columns.set(table, names)
    const keys = collations?.split('\u0002') ?? []
    columnCollations.set(table, new Map(names.map((column, i) => [column, keys[i] ?? ''])))
    const exact = names.filter((_, i) => keys[i] === EXACT_KEY)
    if (exact.length > 0) exactColumns.set(table, new Set(exact))
  }
  return {
    version,
    starColumns(table) {
      const all = columns.get(key(table))
      return all?.includes(HIDDEN_ROW_ID) ? all.filter((name) => name !== HIDDEN_ROW_ID) : undefined
    },
    columns: (table) => columns.get(key(table)),
    exactColumns: (table) => exactColumns.get(key(table)),
    columnCollations: (table) => columnCollations.get(key(table)),
    exactColumnNames: new Set([...exactColumns.values()].flatMap((names) => [...names])),
  }
}
