import type { Kysely } from 'kysely'
import { AUTHORS, generateDocuments, TOPICS } from './corpus.js'
import type { DB } from './db.js'
import { documentRow } from './document-row.js'

/** How many documents a fresh store is seeded with. */
export const DOCUMENT_COUNT = 2000

/** How many rows each table of the document store holds. */
export interface StoreCounts {
  authors: number
  documents: number
  tags: number
  documentTags: number
}

/** `SELECT COUNT(*)` of one table. */
export async function countRows(db: Kysely<DB>, table: keyof DB): Promise<number> {
  const { rows } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('rows'))
    .executeTakeFirstOrThrow()
  return Number(rows)
}

export async function countStore(db: Kysely<DB>): Promise<StoreCounts> {
  const [authors, documents, tags, documentTags] = await Promise.all([
    countRows(db, 'author'),
    countRows(db, 'document'),
    countRows(db, 'tag'),
    countRows(db, 'document_tag'),
  ])
  return { authors, documents, tags, documentTags }
}

/**
 * Fills an empty store with the generated corpus, in one transaction, with the dialect's chunked
 * bulk insert (`insertInto(t).values(rows)`: one statement per chunk of rows).
 */
export async function seedStore(db: Kysely<DB>, documentCount: number): Promise<StoreCounts> {
  const documents = generateDocuments(documentCount)
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('author')
      .values(AUTHORS.map((author) => ({ ...author })))
      .execute()
    await trx
      .insertInto('tag')
      .values(Object.keys(TOPICS).map((name) => ({ name })))
      .execute()

    const authorIds = await trx.selectFrom('author').select(['id', 'email']).execute()
    const authorIdByEmail = new Map(authorIds.map((row) => [row.email, row.id]))
    await trx
      .insertInto('document')
      .values(
        documents.map((document) =>
          documentRow({ ...document, authorId: authorIdByEmail.get(document.authorEmail)! }),
        ),
      )
      .execute()

    // IDENTITY ids are the server's (no RETURNING on IRIS,
    // docs/iris-sql.md#returning-and-last_identity): read them back by slug.
    const documentIds = await trx.selectFrom('document').select(['id', 'slug']).execute()
    const documentIdBySlug = new Map(documentIds.map((row) => [row.slug, row.id]))
    const tagIds = await trx.selectFrom('tag').select(['id', 'name']).execute()
    const tagIdByName = new Map(tagIds.map((row) => [row.name, row.id]))
    await trx
      .insertInto('document_tag')
      .values(
        documents.flatMap((document) =>
          document.tags.map((tag) => ({
            document_id: documentIdBySlug.get(document.slug)!,
            tag_id: tagIdByName.get(tag)!,
          })),
        ),
      )
      .execute()
  })
  return countStore(db)
}
