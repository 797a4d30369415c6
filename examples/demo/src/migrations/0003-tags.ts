import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/** Tags, and the join table linking documents to them. */
export const tags: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('TAG')
      .addColumn('id', 'integer', (col) => col.autoIncrement().primaryKey())
      .addColumn('name', 'varchar(50)', (col) => col.notNull().unique())
      .execute()

    await db.schema
      .createTable('DOCUMENT_TAG')
      .addColumn('document_id', 'integer', (col) => col.notNull().references('DOCUMENT.id'))
      .addColumn('tag_id', 'integer', (col) => col.notNull().references('TAG.id'))
      .addPrimaryKeyConstraint('document_tag_pk', ['document_id', 'tag_id'])
      .execute()

    await db.schema.createIndex('document_tag_tag_id').on('DOCUMENT_TAG').column('tag_id').execute()
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('DOCUMENT_TAG').execute()
    await db.schema.dropTable('TAG').execute()
  },
}
