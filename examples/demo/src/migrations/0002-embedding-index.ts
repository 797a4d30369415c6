import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { createHnswIndex } from 'kysely-iris'

/**
 * An HNSW index on the embedding, for `ORDER BY VECTOR_COSINE(...) DESC` top-k searches
 * (docs/iris-sql.md#hnsw-indexes). IRIS only gains from it above about 10K rows; the demo has it to
 * show the DDL. `createHnswIndex` writes raw SQL, which Kysely's `withSchema` leaves alone, so the
 * table is named in its schema here (undefined: the default schema).
 */
export function embeddingIndex(schema: string | undefined): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await createHnswIndex({
        name: 'document_embedding_hnsw',
        table: schema === undefined ? 'DOCUMENT' : `${schema}.DOCUMENT`,
        column: 'embedding',
        distance: 'cosine',
      }).execute(db)
    },

    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('document_embedding_hnsw').on('DOCUMENT').execute()
    },
  }
}
