import type { DatabaseIntrospector, DatabaseMetadataOptions, Kysely, SchemaMetadata } from 'kysely'
import { IrisError, IrisNotFoundError } from './errors.js'
import {
  DEFAULT_SCHEMA,
  type IrisColumnMetadata,
  type IrisTableMetadata,
  type IrisVectorElementType,
  type IrisVectorInfo,
} from './iris-metadata.js'

// Row shapes of the catalog views read below (docs/iris-sql.md#vector-columns-in-the-catalog,
// docs/iris-sql.md#information_schema).
interface TableRow {
  TABLE_SCHEMA: string
  TABLE_NAME: string
  TABLE_TYPE: string
  CLASSNAME: string | null
  DESCRIPTION: string | null
}
interface ColumnRow {
  TABLE_SCHEMA: string
  TABLE_NAME: string
  COLUMN_NAME: string
  ORDINAL_POSITION: number | string
  COLUMN_DEFAULT: string | null
  IS_NULLABLE: string
  DATA_TYPE: string
  CHARACTER_MAXIMUM_LENGTH: number | string | null
  NUMERIC_PRECISION: number | string | null
  NUMERIC_SCALE: number | string | null
  AUTO_INCREMENT: unknown
  IS_IDENTITY: unknown
  PRIMARY_KEY: unknown
  UNIQUE_COLUMN: unknown
  DESCRIPTION: string | null
}
interface VectorParameterRow {
  parent: string
  SqlFieldName: string
  element_key: string
  Parameters: string | number | null
}
interface Catalog {
  'INFORMATION_SCHEMA.SCHEMATA': { SCHEMA_NAME: string }
  'INFORMATION_SCHEMA.TABLES': TableRow
  'INFORMATION_SCHEMA.COLUMNS': ColumnRow
  '%Dictionary.CompiledProperty': {
    ID: string
    parent: string
    Name: string
    SqlFieldName: string
    Type: string
  }
  '%Dictionary.CompiledProperty_Parameters': {
    CompiledProperty: string
    element_key: string
    Parameters: string | null
  }
}

const VECTOR_ELEMENT_TYPES = new Set<IrisVectorElementType>([
  'float',
  'double',
  'decimal',
  'integer',
  'string',
  'timestamp',
])

/**
 * Reads IRIS's INFORMATION_SCHEMA, never pg_catalog, which pgwire only fakes
 * (docs/iris-sql.md#information_schema).
 */
export class IrisIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<Catalog>

  constructor(db: Kysely<unknown>) {
    this.#db = db as unknown as Kysely<Catalog>
  }

  /**
   * The tables, as `getTables()` returns them. Kysely 0.28's DatabaseIntrospector requires this
   * method (deprecated there, gone in 0.29), so the class type-checks under either Kysely the
   * peer range allows.
   */
  async getMetadata(options?: DatabaseMetadataOptions): Promise<{ tables: IrisTableMetadata[] }> {
    return { tables: await this.getTables(options) }
  }

  /** User schemas only: IRIS's own start with `%` or `Ens` (docs/iris-sql.md#catalog-values). */
  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await this.#db
      .selectFrom('INFORMATION_SCHEMA.SCHEMATA')
      .select('SCHEMA_NAME')
      .execute()
    return rows
      .filter((row) => isUserSchema(row.SCHEMA_NAME))
      .map((row) => ({ name: irisSchemaName(row.SCHEMA_NAME) }))
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<IrisTableMetadata[]> {
    const tables = (await this.#readTables()).filter(
      (t) =>
        isUserSchema(t.TABLE_SCHEMA) &&
        (options.withInternalKyselyTables || !isKyselyTable(t.TABLE_NAME)) &&
        (t.TABLE_TYPE === 'BASE TABLE' || t.TABLE_TYPE === 'VIEW'),
    )
    const columns = await this.#db
      .selectFrom('INFORMATION_SCHEMA.COLUMNS')
      .select([
        'TABLE_SCHEMA',
        'TABLE_NAME',
        'COLUMN_NAME',
        'ORDINAL_POSITION',
        'COLUMN_DEFAULT',
        'IS_NULLABLE',
        'DATA_TYPE',
        'CHARACTER_MAXIMUM_LENGTH',
        'NUMERIC_PRECISION',
        'NUMERIC_SCALE',
        'AUTO_INCREMENT',
        'IS_IDENTITY',
        'PRIMARY_KEY',
        'UNIQUE_COLUMN',
        'DESCRIPTION',
      ])
      .execute()
    const vectors = await this.#readVectorInfo()
    const byTable = new Map<string, ColumnRow[]>()
    for (const column of columns) {
      const key = tableKey(column.TABLE_SCHEMA, column.TABLE_NAME)
      byTable.set(key, [...(byTable.get(key) ?? []), column])
    }
    return tables
      .sort(
        (a, b) =>
          irisSchemaName(a.TABLE_SCHEMA).localeCompare(irisSchemaName(b.TABLE_SCHEMA)) ||
          a.TABLE_NAME.localeCompare(b.TABLE_NAME),
      )
      .map((table) => {
        const tableColumns = (byTable.get(tableKey(table.TABLE_SCHEMA, table.TABLE_NAME)) ?? [])
          .map((row) => toColumn(row, vectors?.get(vectorKey(table.CLASSNAME, row.COLUMN_NAME))))
          .sort((a, b) => a.ordinalPosition - b.ordinalPosition)
        return {
          name: table.TABLE_NAME,
          schema: irisSchemaName(table.TABLE_SCHEMA),
          isView: table.TABLE_TYPE === 'VIEW',
          isForeign: false,
          className: table.CLASSNAME,
          columns: tableColumns,
          ...(table.DESCRIPTION ? { comment: table.DESCRIPTION } : {}),
        }
      })
  }

  /**
   * iris-pgwire may raise "table does not exist" while reading TABLES
   * (docs/iris-sql.md#the-missing-table-fault): that is "no tables".
   */
  async #readTables(): Promise<TableRow[]> {
    try {
      return await this.#db
        .selectFrom('INFORMATION_SCHEMA.TABLES')
        .select(['TABLE_SCHEMA', 'TABLE_NAME', 'TABLE_TYPE', 'CLASSNAME', 'DESCRIPTION'])
        .execute()
    } catch (error) {
      if (error instanceof IrisNotFoundError) return []
      throw error
    }
  }

  /**
   * VECTOR element type and length from the class dictionary
   * (docs/iris-sql.md#vector-columns-in-the-catalog), keyed by class and SQL field name. Undefined
   * when the dictionary cannot be read: columns then come without `vector`.
   */
  async #readVectorInfo(): Promise<Map<string, IrisVectorInfo> | undefined> {
    let rows: VectorParameterRow[]
    try {
      rows = await this.#db
        .selectFrom('%Dictionary.CompiledProperty as p')
        .innerJoin('%Dictionary.CompiledProperty_Parameters as x', 'x.CompiledProperty', 'p.ID')
        .select(['p.parent', 'p.SqlFieldName', 'x.element_key', 'x.Parameters'])
        .where('p.Type', '=', '%Library.Vector')
        .execute()
    } catch (error) {
      if (error instanceof IrisError) return undefined
      throw error
    }
    const found = new Map<string, { elementType?: IrisVectorElementType; length: number | null }>()
    for (const row of rows) {
      const key = vectorKey(row.parent, row.SqlFieldName)
      const info = found.get(key) ?? { length: null }
      const value = row.Parameters === null ? '' : String(row.Parameters)
      if (row.element_key.toUpperCase() === 'DATATYPE') {
        const type = value.toLowerCase() as IrisVectorElementType
        if (VECTOR_ELEMENT_TYPES.has(type)) info.elementType = type
      } else if (row.element_key.toUpperCase() === 'LEN' && /^\d+$/.test(value)) {
        info.length = Number(value)
      }
      found.set(key, info)
    }
    const vectors = new Map<string, IrisVectorInfo>()
    for (const [key, info] of found) {
      // FLOAT is the element type when none is declared (docs/iris-sql.md#the-vector-type).
      vectors.set(key, { elementType: info.elementType ?? 'float', length: info.length })
    }
    return vectors
  }
}

function toColumn(row: ColumnRow, vector: IrisVectorInfo | undefined): IrisColumnMetadata {
  const odbcType = row.DATA_TYPE.toUpperCase()
  const characterMaximumLength = toNumber(row.CHARACTER_MAXIMUM_LENGTH)
  const numericPrecision = toNumber(row.NUMERIC_PRECISION)
  const numericScale = toNumber(row.NUMERIC_SCALE)
  const isIdentity = isYes(row.IS_IDENTITY)
  const column: IrisColumnMetadata = {
    name: row.COLUMN_NAME,
    dataType: vector ? 'VECTOR' : odbcType,
    irisType: vector
      ? `VECTOR(${vector.elementType.toUpperCase()}${vector.length === null ? '' : `,${vector.length}`})`
      : declaredType(odbcType, characterMaximumLength, numericPrecision, numericScale),
    ordinalPosition: toNumber(row.ORDINAL_POSITION) ?? 0,
    isNullable: isYes(row.IS_NULLABLE),
    isAutoIncrementing: isIdentity || isYes(row.AUTO_INCREMENT),
    isIdentity,
    isPrimaryKey: isYes(row.PRIMARY_KEY),
    isUnique: isYes(row.UNIQUE_COLUMN),
    hasDefaultValue: row.COLUMN_DEFAULT !== null && row.COLUMN_DEFAULT !== undefined,
    defaultValue: row.COLUMN_DEFAULT ?? null,
    characterMaximumLength,
    numericPrecision,
    numericScale,
    ...(row.DESCRIPTION ? { comment: row.DESCRIPTION } : {}),
    ...(vector ? { vector } : {}),
  }
  return column
}

/** The full type as DDL would write it, e.g. VARCHAR(50), NUMERIC(10,2). */
function declaredType(
  type: string,
  length: number | null,
  precision: number | null,
  scale: number | null,
): string {
  if (/CHAR|BINARY/.test(type) && !/^LONG/.test(type) && length !== null)
    return `${type}(${length})`
  if ((type === 'NUMERIC' || type === 'DECIMAL') && precision !== null)
    return `${type}(${precision},${scale ?? 0})`
  return type
}

function isUserSchema(name: string): boolean {
  return !name.startsWith('%') && !/^ens/i.test(name) && name.toUpperCase() !== 'INFORMATION_SCHEMA'
}

/**
 * The schema as IRIS names it. iris-pgwire reports IRIS's default schema, SQLUser, as `public` in
 * catalog results (docs/iris-sql.md#the-public-schema); the introspector reports `SQLUser` on
 * every front end, as IRIS does (docs/iris-sql.md#catalog-values). iris-pgwire can be configured to
 * map `public` to another schema (`PGWIRE_IRIS_SCHEMA`); the introspector assumes the default.
 */
function irisSchemaName(schema: string): string {
  return schema.toLowerCase() === 'public' ? DEFAULT_SCHEMA : schema
}

/**
 * Kysely's Migrator tables (named here: Kysely 0.29 moved the constants to `kysely/migration`),
 * lower case. IRIS names are case-insensitive, and iris-pgwire creates them as
 * `KYSELY_MIGRATION` and `KYSELY_MIGRATION_LOCK` (docs/iris-sql.md#identifiers).
 */
const KYSELY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock'])

function isKyselyTable(name: string): boolean {
  return KYSELY_TABLES.has(name.toLowerCase())
}

function isYes(value: unknown): boolean {
  return (
    value === true ||
    value === 1 ||
    value === '1' ||
    (typeof value === 'string' && value.toUpperCase() === 'YES')
  )
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

function tableKey(schema: string, table: string): string {
  return `${schema}\u0000${table}`.toUpperCase()
}

/** Catalog names compare case-insensitively (docs/iris-sql.md#catalog-values). */
function vectorKey(className: string | null, field: string): string {
  return `${className ?? ''}\u0000${field}`.toUpperCase()
}
