/**
 * The names of IRIS's catalog objects (docs/iris-sql.md#vector-columns-in-the-catalog,
 * docs/iris-sql.md#information_schema) exactly as the sim creates them in PostgreSQL. IRIS
 * identifiers are case-insensitive (docs/iris-sql.md#identifiers); PostgreSQL's are not. So when a
 * statement reads the catalog, the translator rewrites any identifier that equals one of these
 * names case-insensitively (quoted or not) to the exact quoted name below. The engine creates the
 * schemas, views and columns with these same names.
 */

/** PostgreSQL schema holding IRIS's INFORMATION_SCHEMA views (docs/iris-sql.md#information_schema). */
export const INFORMATION_SCHEMA = 'INFORMATION_SCHEMA'

/** View name → its column names, in order. */
export const INFORMATION_SCHEMA_VIEWS = {
  SCHEMATA: ['CATALOG_NAME', 'SCHEMA_NAME', 'SCHEMA_OWNER'],
  TABLES: ['TABLE_CATALOG', 'TABLE_SCHEMA', 'TABLE_NAME', 'TABLE_TYPE', 'CLASSNAME', 'DESCRIPTION'],
  COLUMNS: [
    'TABLE_CATALOG',
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
  ],
  TABLE_CONSTRAINTS: [
    'CONSTRAINT_CATALOG',
    'CONSTRAINT_SCHEMA',
    'CONSTRAINT_NAME',
    'TABLE_SCHEMA',
    'TABLE_NAME',
    'CONSTRAINT_TYPE',
  ],
  KEY_COLUMN_USAGE: [
    'CONSTRAINT_SCHEMA',
    'CONSTRAINT_NAME',
    'TABLE_SCHEMA',
    'TABLE_NAME',
    'COLUMN_NAME',
    'ORDINAL_POSITION',
    'REFERENCED_TABLE_SCHEMA',
    'REFERENCED_TABLE_NAME',
    'REFERENCED_COLUMN_NAME',
  ],
  REFERENTIAL_CONSTRAINTS: [
    'CONSTRAINT_SCHEMA',
    'CONSTRAINT_NAME',
    'UNIQUE_CONSTRAINT_SCHEMA',
    'UNIQUE_CONSTRAINT_NAME',
    'UPDATE_RULE',
    'DELETE_RULE',
    'TABLE_NAME',
    'REFERENCED_TABLE_NAME',
  ],
  INDEXES: [
    'TABLE_SCHEMA',
    'TABLE_NAME',
    'INDEX_NAME',
    'COLUMN_NAME',
    'ORDINAL_POSITION',
    'NON_UNIQUE',
    'PRIMARY_KEY',
    'INDEX_TYPE',
    'INDEX_PARAMETERS',
  ],
  VIEWS: ['TABLE_SCHEMA', 'TABLE_NAME', 'VIEW_DEFINITION', 'IS_UPDATABLE'],
} as const

/** PostgreSQL schema holding the class dictionary projection (docs/iris-sql.md#vector-columns-in-the-catalog). */
export const DICTIONARY_SCHEMA = '%Dictionary'

export const DICTIONARY_VIEWS = {
  CompiledProperty: ['ID', 'parent', 'Name', 'SqlFieldName', 'Type'],
  CompiledProperty_Parameters: ['ID', 'CompiledProperty', 'element_key', 'Parameters'],
} as const

/**
 * IRIS's default SQL schema (docs/iris-sql.md#schemas); pgwire maps `public` to it
 * (docs/iris-sql.md#the-public-schema).
 */
export const DEFAULT_SCHEMA = 'SQLUser'

/** `[schema.view, columns]` for each view, lower-cased as the translator stores unquoted names. */
const lowerCasedViews = (schema: string, views: Record<string, readonly string[]>) =>
  Object.entries(views).map(
    ([view, columns]) =>
      [`${schema}.${view}`.toLowerCase(), columns.map((column) => column.toLowerCase())] as const,
  )

/** `schema.view` → its columns, lower-cased (translate/names.ts): what a query over the catalog can name. */
export const CATALOG_VIEW_COLUMNS: ReadonlyMap<string, readonly string[]> = new Map([
  ...lowerCasedViews(INFORMATION_SCHEMA, INFORMATION_SCHEMA_VIEWS),
  ...lowerCasedViews(DICTIONARY_SCHEMA, DICTIONARY_VIEWS),
])

/** Lower-cased name → exact name, for every catalog schema, view and column above. */
export const CATALOG_IDENTIFIERS: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>()
  const add = (name: string) => names.set(name.toLowerCase(), name)
  add(INFORMATION_SCHEMA)
  add(DICTIONARY_SCHEMA)
  for (const views of [INFORMATION_SCHEMA_VIEWS, DICTIONARY_VIEWS]) {
    for (const [view, columns] of Object.entries(views)) {
      add(view)
      for (const column of columns) add(column)
    }
  }
  return names
})()
