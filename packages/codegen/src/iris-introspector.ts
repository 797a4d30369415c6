import { type Kysely, sql } from 'kysely'
import type { IrisTableMetadata } from 'kysely-iris'
import { IrisDatabaseMetadata } from './iris-database-metadata.js'
import { type IntrospectOptions, Introspector, TableMatcher } from './kysely-codegen.js'
import type { CodegenLogger } from './logger.js'
import { DEFAULT_SCHEMA, isSystemSchema } from './settings.js'

/**
 * Reads tables and views through kysely-iris's introspector (INFORMATION_SCHEMA plus the class
 * dictionary, docs/iris-sql.md#vector-columns-in-the-catalog), names iris-pgwire's `public` by its
 * IRIS name, keeps the wanted schemas, never a system one (docs/iris-sql.md#catalog-values),
 * applies kysely-codegen's include / exclude globs and sorts by schema and name.
 */
export class IrisIntrospector extends Introspector<unknown> {
  readonly #schemas: readonly string[]
  readonly #logger: CodegenLogger

  constructor(options: { schemas: readonly string[]; logger: CodegenLogger }) {
    super()
    this.#schemas = options.schemas
    this.#logger = options.logger
  }

  override async introspect(options: IntrospectOptions<unknown>): Promise<IrisDatabaseMetadata> {
    return new IrisDatabaseMetadata(await this.introspectTables(options))
  }

  /**
   * kysely-codegen's `getTables`, with each table's schema as IRIS names it before the include and
   * exclude globs see it, so `SQLUser.*` matches behind iris-pgwire too.
   */
  override async getTables(options: IntrospectOptions<unknown>): Promise<IrisTableMetadata[]> {
    // kysely-iris's introspector returns IrisTableMetadata (packages/dialect/src/iris-metadata.ts).
    const found = (await options.db.introspection.getTables()) as IrisTableMetadata[]
    let tables = found.map((table) => ({ ...table, schema: irisSchemaName(table.schema) }))
    if (options.includePattern) {
      const include = new TableMatcher(options.includePattern)
      tables = tables.filter((table) => include.match(table.schema, table.name))
    }
    if (options.excludePattern) {
      const exclude = new TableMatcher(options.excludePattern)
      tables = tables.filter((table) => !exclude.match(table.schema, table.name))
    }
    return tables
  }

  async introspectTables(options: IntrospectOptions<unknown>): Promise<IrisTableMetadata[]> {
    const tables = await this.getTables(options)
    // IRIS names compare case-insensitively (docs/iris-sql.md#catalog-values).
    const wanted = new Set(this.#schemas.map((schema) => irisSchemaName(schema).toLowerCase()))
    const selected = tables
      .filter((table) => !isSystemSchema(table.schema) && wanted.has(table.schema.toLowerCase()))
      .sort((a, b) => compare(a.schema, b.schema) || compare(a.name, b.name))
    if (selected.some(mayHideVector)) await this.#checkDictionary(options.db as Kysely<unknown>)
    return selected
  }

  /**
   * VECTOR columns are only recognisable through the class dictionary; INFORMATION_SCHEMA shows
   * them as varchar (docs/iris-sql.md#vector-columns-in-the-catalog). When the dictionary cannot be
   * read, say so once.
   */
  async #checkDictionary(db: Kysely<unknown>): Promise<void> {
    try {
      await sql`SELECT TOP 1 ${sql.id('Name')} FROM ${sql.table('%Dictionary.CompiledProperty')}`.execute(
        db,
      )
    } catch (error) {
      this.#logger.warn(
        `cannot read the IRIS class dictionary (%Dictionary.CompiledProperty: ${messageOf(error)}); ` +
          'INFORMATION_SCHEMA reports VECTOR columns as VARCHAR, so they are typed as string. ' +
          'Type them with --overrides or --type-mapping.',
      )
    }
  }
}

/**
 * iris-pgwire reports the schema SQLUser as `public` in catalog results, and reads `public` in a
 * statement as SQLUser (docs/iris-sql.md#the-public-schema): both are IRIS's default schema, whose
 * tables the generated `DB` keys unqualified. iris-pgwire's `PGWIRE_IRIS_SCHEMA` can map `public`
 * to another schema; iris-codegen assumes the default.
 */
function irisSchemaName(schema: string): string {
  return schema.toLowerCase() === 'public' ? DEFAULT_SCHEMA : schema
}

/** A column INFORMATION_SCHEMA reports as varchar may be a VECTOR the dictionary did not reveal. */
function mayHideVector(table: IrisTableMetadata): boolean {
  return table.columns.some((column) => column.dataType.toUpperCase() === 'VARCHAR')
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error)
}
