import type { ColumnMetadata, TableMetadata } from 'kysely'

/** Element types IRIS allows in `VECTOR(type, length)` (docs/iris-sql.md#the-vector-type). */
export type IrisVectorElementType =
  | 'float'
  | 'double'
  | 'decimal'
  | 'integer'
  | 'string'
  | 'timestamp'

/**
 * What the class dictionary says about a VECTOR column
 * (docs/iris-sql.md#vector-columns-in-the-catalog).
 */
export interface IrisVectorInfo {
  elementType: IrisVectorElementType
  /** The declared length, or null when the column has none. */
  length: number | null
}

/**
 * A column as the IRIS introspector reports it. Extends Kysely's ColumnMetadata; codegen reads it.
 */
export interface IrisColumnMetadata extends ColumnMetadata {
  /**
   * IRIS type name in upper case, e.g. `INTEGER`, `VARCHAR`, `NUMERIC`, `BIT`, `TIMESTAMP`.
   * A VECTOR column is `VECTOR` when the dictionary could be read, else `VARCHAR` as
   * INFORMATION_SCHEMA reports it (docs/iris-sql.md#vector-columns-in-the-catalog).
   */
  readonly dataType: string
  /** The full declared type, e.g. `VARCHAR(50)`, `NUMERIC(10,2)`, `VECTOR(FLOAT,384)`. */
  readonly irisType: string
  readonly ordinalPosition: number
  readonly characterMaximumLength: number | null
  readonly numericPrecision: number | null
  readonly numericScale: number | null
  /**
   * An IDENTITY column (docs/iris-sql.md#identity-columns). `isAutoIncrementing` is true for these
   * too.
   */
  readonly isIdentity: boolean
  readonly isPrimaryKey: boolean
  readonly isUnique: boolean
  /** The default as the catalog shows it (COLUMN_DEFAULT), or null. */
  readonly defaultValue: string | null
  /** Present on VECTOR columns when the dictionary could be read. */
  readonly vector?: IrisVectorInfo
}

export interface IrisTableMetadata extends TableMetadata {
  readonly schema: string
  readonly columns: IrisColumnMetadata[]
  /** The IRIS class projecting the table (INFORMATION_SCHEMA.TABLES.CLASSNAME). */
  readonly className: string | null
  /** The table's %DESCRIPTION. */
  readonly comment?: string
}

/** IRIS's default schema, where an unqualified table name is found (docs/iris-sql.md#topology). */
export const DEFAULT_SCHEMA = 'SQLUser'
