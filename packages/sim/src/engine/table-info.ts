/**
 * What the engine needs to know about user tables, read from PostgreSQL's catalog and
 * `iris_sim.column_info`, cached until a plan changes the schema (`changesSchema`):
 * - each column's declared IRIS type, by (table OID, column number) as RowDescription names it
 *   (docs/iris-sql.md#simulator-profiles: results carry the declared type);
 * - each table's identity column, for LAST_IDENTITY (docs/iris-sql.md#returning-and-last_identity),
 *   never its hidden RowID (docs/iris-sql.md#rowid);
 * - each table's columns and unique keys, for INSERT OR UPDATE (docs/iris-sql.md#upsert);
 * - the columns INFORMATION_SCHEMA lists under a table name, with which iris-pgwire's embedded
 *   backend describes an empty result (docs/iris-sql.md#result-types);
 * - each column's name as created, by (table OID, column number), to label results
 *   (docs/iris-sql.md#labels-and-row-counts, docs/iris-sql.md#identifiers).
 * Every lookup runs while the caller holds the backend.
 */
import { DISPLAY_NAME_TABLE, HIDDEN_ROW_ID, SIM_SCHEMA } from '../catalog/metadata.js'
import { INFORMATION_SCHEMA } from '../catalog/names.js'
import { quoteIdentifier, quoteLiteral } from '../translate/names.js'
import type { TableRef } from '../translate/plan.js'
import type { Backend } from './backend.js'

/** A column's declared IRIS type, as recorded at CREATE / ALTER TABLE. */
export interface DeclaredColumn {
  /** ODBC type name, lower case (`integer`, `varchar`, `bit`, ...). */
  dataType: string
  /** Set for VECTOR columns (docs/iris-sql.md#the-vector-type). */
  vectorElementType: string | null
}

/** A column's name as PostgreSQL stores it and as it was created. */
export interface ColumnName {
  stored: string
  display: string
}

/** A column as INFORMATION_SCHEMA.COLUMNS lists it. */
export interface CatalogColumn {
  name: string
  /** `DATA_TYPE`, the ODBC type name (docs/iris-sql.md#information_schema). */
  dataType: string
}

/** A table's shape for INSERT OR UPDATE. */
export interface TableShape {
  /** Column name → PostgreSQL type as `format_type` spells it. */
  columnTypes: Map<string, string>
  /** Unique keys (primary key first), each a list of column names. */
  uniqueKeys: string[][]
  /** The identity (or serial) column, if any. */
  identityColumn: string | undefined
}

export function qualifiedName(table: TableRef): string {
  return `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`
}

export class TableInfo {
  readonly #backend: Backend
  #declared: Map<string, DeclaredColumn> | undefined
  #columnNames: Map<string, ColumnName> | undefined
  #rowTypes: Set<number> | undefined
  readonly #shapes = new Map<string, TableShape | undefined>()
  readonly #catalogColumns = new Map<string, CatalogColumn[]>()

  constructor(backend: Backend) {
    this.#backend = backend
  }

  /** Forget everything (after DDL, or a rollback that undid DDL). */
  clear(): void {
    this.#declared = undefined
    this.#columnNames = undefined
    this.#rowTypes = undefined
    this.#shapes.clear()
    this.#catalogColumns.clear()
  }

  /**
   * The columns of every table named `tableName` (in any case, in any schema), in ordinal order,
   * as iris-pgwire's embedded backend asks INFORMATION_SCHEMA.COLUMNS for them.
   */
  async catalogColumns(tableName: string): Promise<CatalogColumn[]> {
    const key = tableName.toLowerCase()
    const cached = this.#catalogColumns.get(key)
    if (cached) return cached
    const { results, error } = await this.#backend.run([
      {
        sql: `select "COLUMN_NAME", "DATA_TYPE" from "${INFORMATION_SCHEMA}"."COLUMNS"
          where lower("TABLE_NAME") = lower($1) order by "ORDINAL_POSITION"`,
        params: [tableName],
      },
    ])
    if (error) throw new Error(`cannot read the columns of ${tableName}: ${error.message}`)
    const columns = (results[0]?.rows ?? []).map(([name, dataType]) => ({
      name: name ?? '',
      dataType: dataType ?? '',
    }))
    this.#catalogColumns.set(key, columns)
    return columns
  }

  /** The declared type of a result column, if it comes straight from a user table column. */
  async declaredColumn(tableID: number, columnID: number): Promise<DeclaredColumn | undefined> {
    if (tableID === 0) return undefined
    this.#declared ??= await this.#loadDeclared()
    return this.#declared.get(`${tableID}:${columnID}`)
  }

  async #loadDeclared(): Promise<Map<string, DeclaredColumn>> {
    const { results, error } = await this.#backend.simple(
      `select i.table_oid, a.attnum, i.data_type, i.vector_element_type from ${SIM_SCHEMA}.column_info i
       join pg_attribute a on a.attrelid = i.table_oid and a.attname = i.column_name and not a.attisdropped`,
    )
    if (error) throw new Error(`cannot read ${SIM_SCHEMA}.column_info: ${error.message}`)
    const declared = new Map<string, DeclaredColumn>()
    for (const [oid, attnum, dataType, vectorElementType] of results[0]?.rows ?? []) {
      declared.set(`${oid}:${attnum}`, {
        dataType: dataType ?? '',
        vectorElementType: vectorElementType ?? null,
      })
    }
    return declared
  }

  /** True when `typeID` is the row type of a table or view (a composite type). */
  async isRowType(typeID: number): Promise<boolean> {
    this.#rowTypes ??= await this.#loadRowTypes()
    return this.#rowTypes.has(typeID)
  }

  async #loadRowTypes(): Promise<Set<number>> {
    const { results, error } = await this.#backend.simple(
      'select oid from pg_type where typrelid <> 0 and oid >= 16384',
    )
    if (error) throw new Error(`cannot read the row types: ${error.message}`)
    return new Set((results[0]?.rows ?? []).map(([oid]) => Number(oid)))
  }

  /** The names of a result column read straight from a table or view column that has a display name. */
  async columnName(tableID: number, columnID: number): Promise<ColumnName | undefined> {
    if (tableID === 0) return undefined
    this.#columnNames ??= await this.#loadColumnNames()
    return this.#columnNames.get(`${tableID}:${columnID}`)
  }

  async #loadColumnNames(): Promise<Map<string, ColumnName>> {
    const { results, error } = await this.#backend.simple(
      `select d.objid, d.objsubid, a.attname, d.name from ${DISPLAY_NAME_TABLE} d
       join pg_attribute a on a.attrelid = d.objid and a.attnum = d.objsubid and not a.attisdropped
       where d.classid = 'pg_class'::regclass and d.objsubid > 0`,
    )
    if (error) throw new Error(`cannot read ${DISPLAY_NAME_TABLE}: ${error.message}`)
    const names = new Map<string, ColumnName>()
    for (const [oid, attnum, stored, display] of results[0]?.rows ?? [])
      names.set(`${oid}:${attnum}`, { stored: stored ?? '', display: display ?? '' })
    return names
  }

  /** Columns, unique keys and identity column of a table; undefined when it does not exist. */
  async shape(table: TableRef): Promise<TableShape | undefined> {
    const key = `${table.schema}\u0000${table.name}`
    if (this.#shapes.has(key)) return this.#shapes.get(key)
    const shape = await this.#loadShape(table)
    this.#shapes.set(key, shape)
    return shape
  }

  async #loadShape(table: TableRef): Promise<TableShape | undefined> {
    const relation = `to_regclass(${quoteLiteral(qualifiedName(table))})`
    const { results, error } = await this.#backend.simple(`
      select a.attname, format_type(a.atttypid, a.atttypmod),
        (a.attidentity <> '' or coalesce(pg_get_expr(d.adbin, d.adrelid), '') like 'nextval(%')::text
      from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = ${relation} and a.attnum > 0 and not a.attisdropped and a.attname <> ${quoteLiteral(HIDDEN_ROW_ID)}
      order by a.attnum;
      select array_to_string(array(select a.attname from unnest(x.indkey::int2[]) with ordinality k(attnum, n)
        join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum order by k.n), chr(1))
      from pg_index x where x.indrelid = ${relation} and x.indisunique and x.indexprs is null and x.indpred is null
      order by x.indisprimary desc, x.indexrelid`)
    if (error) throw new Error(`cannot read the shape of ${qualifiedName(table)}: ${error.message}`)
    const [columns, keys] = results
    if (!columns || columns.rows.length === 0) return undefined
    const columnTypes = new Map<string, string>()
    let identityColumn: string | undefined
    for (const [name, type, isIdentity] of columns.rows) {
      if (name == null || type == null) continue
      columnTypes.set(name, type)
      if (isIdentity === 'true') identityColumn ??= name
    }
    const uniqueKeys = (keys?.rows ?? []).map(([list]) => (list ?? '').split('\u0001'))
    return { columnTypes, uniqueKeys, identityColumn }
  }
}
