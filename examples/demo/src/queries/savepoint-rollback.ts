import type { Kysely } from 'kysely'
import type { DB } from '../db.js'
import { documentRow } from '../document-row.js'
import type { StepLog } from '../report.js'
import { countRows } from '../seed.js'

const DRAFTS = 25

/**
 * A controlled transaction: a savepoint, a batch of drafts inserted after it, a rollback to the
 * savepoint, and a commit (docs/iris-sql.md#savepoints). The drafts vanish; what came before the
 * savepoint stays. Returns the document count after the commit.
 */
export async function savepointRollback(db: Kysely<DB>, log: StepLog): Promise<number> {
  const before = await countRows(db, 'document')
  const author = await db.selectFrom('author').select('id').orderBy('id').executeTakeFirstOrThrow()

  const trx = await db.startTransaction().execute()
  let inside: number
  try {
    const afterCheckpoint = await trx.savepoint('before_drafts').execute()
    await afterCheckpoint
      .insertInto('document')
      .values(
        Array.from({ length: DRAFTS }, (_, i) =>
          documentRow({
            authorId: author.id,
            slug: `draft-${i + 1}`,
            title: `Draft ${i + 1}`,
            body: 'A draft about vector search, never committed.',
            published: false,
          }),
        ),
      )
      .execute()
    inside = await countRows(afterCheckpoint, 'document')
    await afterCheckpoint.rollbackToSavepoint('before_drafts').execute()
    await trx.commit().execute()
  } catch (error) {
    await trx.rollback().execute()
    throw error
  }

  const after = await countRows(db, 'document')
  log.pairs([
    ['documents before the transaction', before],
    [`after inserting ${DRAFTS} drafts past the savepoint`, inside],
    ['after ROLLBACK TO SAVEPOINT and COMMIT', after],
  ])
  return after
}
