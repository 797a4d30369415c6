import type { DB as GeneratedDB } from './db.js'

/**
 * The schema the demo works in unless `--schema` names another: a schema of its own, so that its
 * tables, its migrations and `iris-codegen --verify` never meet the tables of IRIS's default schema
 * `SQLUser` (docs/iris-sql.md#schemas). Upper case, as iris-pgwire creates it
 * (docs/iris-sql.md#identifiers).
 */
export const DEMO_SCHEMA = 'KYSELY_IRIS_DEMO'

/**
 * The demo's tables, keyed by their names alone. iris-codegen keys the tables of any schema but
 * `SQLUser` as `"SCHEMA.TABLE"` in the committed `src/db.d.ts` (generated from {@link DEMO_SCHEMA});
 * the demo's Kysely instance runs every query `withSchema(schema)`, so the queries name the tables
 * without it, in whichever schema the demo runs.
 */
export type DB = {
  [Key in keyof GeneratedDB as Key extends `${typeof DEMO_SCHEMA}.${infer Table}`
    ? Table
    : never]: GeneratedDB[Key]
}

/** Every table the demo's migrations create (besides Kysely's own migration tables). */
export const DEMO_TABLES = [
  'AUTHOR',
  'DOCUMENT',
  'DOCUMENT_TAG',
  'TAG',
] as const satisfies readonly (keyof DB)[]

/**
 * A schema name as `--schema` takes it: letters, digits and single underscores between them,
 * starting with a letter, so that it needs no quoting and its upper case is its only spelling.
 */
const PLAIN_SCHEMA_NAME = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/

/**
 * `--schema`'s value, upper-cased: iris-pgwire creates every table, schema included, under its
 * upper-case name (docs/iris-sql.md#identifiers), so the catalog, the generated types and the
 * queries agree only on the upper-case name. IRIS's default schema is refused: it is the user's
 * (iris-pgwire also reads `public` as it, docs/iris-sql.md#the-public-schema), and iris-codegen keys
 * its tables without a schema; so are IRIS's system schemas, which iris-codegen never reads
 * (docs/iris-sql.md#catalog-values).
 */
export function demoSchemaName(value: string): string {
  if (!PLAIN_SCHEMA_NAME.test(value)) {
    throw new TypeError(
      `--schema ${JSON.stringify(value)} is not a plain schema name: use letters, digits and single underscores, starting with a letter (e.g. ${DEMO_SCHEMA})`,
    )
  }
  const schema = value.toUpperCase()
  if (schema === 'SQLUSER' || schema === 'PUBLIC') {
    throw new TypeError(
      `--schema ${value} is IRIS's default schema SQLUser, where your own tables live: name a schema for the demo alone (default ${DEMO_SCHEMA})`,
    )
  }
  if (schema.startsWith('ENS')) {
    throw new TypeError(
      `--schema ${value} starts with Ens, like IRIS's system schemas, which iris-codegen never reads: name another schema (default ${DEMO_SCHEMA})`,
    )
  }
  return schema
}
