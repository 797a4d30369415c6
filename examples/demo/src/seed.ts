import type { InsertObject, Kysely } from 'kysely'
import { DEFAULT_MAX_PARAMETERS, IrisTransactionsUnsupportedError } from 'kysely-iris'
import { AUTHORS, type DocumentSeed, generateDocuments, TOPICS } from './corpus.js'
import type { DB } from './demo-schema.js'
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
    countRows(db, 'AUTHOR'),
    countRows(db, 'DOCUMENT'),
    countRows(db, 'TAG'),
    countRows(db, 'DOCUMENT_TAG'),
  ])
  return { authors, documents, tags, documentTags }
}

/** A seeded store's counts, and whether the seed ran in one transaction. */
export interface SeedOutcome extends StoreCounts {
  /**
   * False where the front end does not honour transactions: the rows then went in without one,
   * each INSERT standing alone.
   */
  inTransaction: boolean
}

/**
 * Fills an empty store with the generated corpus, in one transaction, with the dialect's chunked
 * bulk insert (`insertInto(t).values(rows)`: one statement per chunk of rows). Where the front end
 * does not honour transactions (iris-pgwire's external backend), kysely-iris refuses the
 * transaction before anything is written (docs/iris-sql.md#iris-pgwire-transactions), and a
 * chunked insert too, since its chunks could not be atomic: the seed then inserts without a
 * transaction, in statements that each fit the dialect's parameter limit, so a failure part-way
 * leaves part of the store behind (start again with `--fresh`).
 */
export async function seedStore(db: Kysely<DB>, documentCount: number): Promise<SeedOutcome> {
  const documents = generateDocuments(documentCount)
  try {
    await db.transaction().execute((trx) => insertCorpus(trx, documents, 'chunked by the dialect'))
  } catch (error) {
    if (!(error instanceof IrisTransactionsUnsupportedError)) throw error
    await insertCorpus(db, documents, 'one statement each')
    return { ...(await countStore(db)), inTransaction: false }
  }
  return { ...(await countStore(db)), inTransaction: true }
}

/**
 * How a long list of rows is inserted: in one `values(rows)`, which the dialect splits into
 * statements run atomically (refused where transactions are not honoured), or in batches that
 * each fit one statement, so that the dialect need not split them.
 */
type Batching = 'chunked by the dialect' | 'one statement each'

async function insertCorpus(
  db: Kysely<DB>,
  documents: readonly DocumentSeed[],
  batching: Batching,
): Promise<void> {
  await insertRows(
    db,
    'AUTHOR',
    AUTHORS.map((author) => ({ ...author })),
    batching,
  )
  await insertRows(
    db,
    'TAG',
    Object.keys(TOPICS).map((name) => ({ name })),
    batching,
  )

  const authorIds = await db.selectFrom('AUTHOR').select(['id', 'email']).execute()
  const authorIdByEmail = new Map(authorIds.map((row) => [row.email, row.id]))
  await insertRows(
    db,
    'DOCUMENT',
    documents.map((document) =>
      documentRow({ ...document, authorId: authorIdByEmail.get(document.authorEmail)! }),
    ),
    batching,
  )

  // IDENTITY ids are the server's (no RETURNING on IRIS,
  // docs/iris-sql.md#returning-and-last_identity): read them back by slug.
  const documentIds = await db.selectFrom('DOCUMENT').select(['id', 'slug']).execute()
  const documentIdBySlug = new Map(documentIds.map((row) => [row.slug, row.id]))
  const tagIds = await db.selectFrom('TAG').select(['id', 'name']).execute()
  const tagIdByName = new Map(tagIds.map((row) => [row.name, row.id]))
  await insertRows(
    db,
    'DOCUMENT_TAG',
    documents.flatMap((document) =>
      document.tags.map((tag) => ({
        document_id: documentIdBySlug.get(document.slug)!,
        tag_id: tagIdByName.get(tag)!,
      })),
    ),
    batching,
  )
}

async function insertRows<Table extends keyof DB & string>(
  db: Kysely<DB>,
  table: Table,
  rows: InsertObject<DB, Table>[],
  batching: Batching,
): Promise<void> {
  // Each value is one parameter (a vector too: TO_VECTOR(?, float)); the demo keeps the dialect's
  // default maxParameters.
  const rowsPerStatement =
    batching === 'chunked by the dialect'
      ? rows.length
      : Math.floor(DEFAULT_MAX_PARAMETERS / Object.keys(rows[0] ?? {}).length)
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + rowsPerStatement))
      .execute()
  }
}
