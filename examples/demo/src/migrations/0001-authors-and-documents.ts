import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { vectorType } from 'kysely-iris'
import { EMBEDDING_DIMENSION } from '../embed.js'

/**
 * Authors, and their documents with a `VECTOR(FLOAT, 384)` embedding
 * (docs/iris-sql.md#the-vector-type).
 */
export const authorsAndDocuments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('AUTHOR')
      .addColumn('id', 'integer', (col) => col.autoIncrement().primaryKey())
      .addColumn('name', 'varchar(100)', (col) => col.notNull())
      .addColumn('email', 'varchar(200)', (col) => col.notNull().unique())
      .execute()

    await db.schema
      .createTable('DOCUMENT')
      .addColumn('id', 'integer', (col) => col.autoIncrement().primaryKey())
      .addColumn('author_id', 'integer', (col) => col.notNull().references('AUTHOR.id'))
      // The natural key: the upsert (INSERT OR UPDATE, docs/iris-sql.md#upsert) matches on it.
      .addColumn('slug', 'varchar(200)', (col) => col.notNull().unique())
      .addColumn('title', 'varchar(200)', (col) => col.notNull())
      .addColumn('body', 'varchar(4000)', (col) => col.notNull())
      .addColumn('published', 'boolean', (col) => col.notNull())
      .addColumn('embedding', vectorType('float', EMBEDDING_DIMENSION), (col) => col.notNull())
      .execute()

    await db.schema.createIndex('document_author_id').on('DOCUMENT').column('author_id').execute()
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('DOCUMENT').execute()
    await db.schema.dropTable('AUTHOR').execute()
  },
}
