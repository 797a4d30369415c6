import type { Kysely } from 'kysely'
import { toVector } from 'kysely-iris'
import type { DB } from '../db.js'
import { embed } from '../embed.js'
import type { StepLog } from '../report.js'
import { countStore } from '../seed.js'

const DRAFTS = 25

/**
 * A controlled transaction: a savepoint, a batch of drafts inserted after it, a rollback to the
 * savepoint, and a commit (contract §9.3). The drafts vanish; what came before the savepoint stays.
 * Returns the document count after the commit.
 */
export async function savepointRollback(db: Kysely<DB>, log: StepLog): Promise<number> {
  const before = (await countStore(db)).documents
  const author = await db.selectFrom('author').select('id').orderBy('id').executeTakeFirstOrThrow()

  const trx = await db.startTransaction().execute()
  let inside: number
  try {
    const afterCheckpoint = await trx.savepoint('before_drafts').execute()
    await afterCheckpoint
      .insertInto('document')
      .values(
        Array.from({ length: DRAFTS }, (_, i) => {
          const title = `Draft ${i + 1} about vector search`
          return {
            author_id: author.id,
            slug: `draft-${i + 1}`,
            title,
            body: title,
            published: false,
            embedding: toVector(embed(title)),
          }
        }),
      )
      .execute()
    inside = await countDocuments(afterCheckpoint)
    await afterCheckpoint.rollbackToSavepoint('before_drafts').execute()
    await trx.commit().execute()
  } catch (error) {
    await trx.rollback().execute()
    throw error
  }

  const after = (await countStore(db)).documents
  log.pairs([
    ['documents before the transaction', before],
    [`after inserting ${DRAFTS} drafts past the savepoint`, inside],
    ['after ROLLBACK TO SAVEPOINT and COMMIT', after],
  ])
  return after
}

async function countDocuments(db: Kysely<DB>): Promise<number> {
  const { rows } = await db
    .selectFrom('document')
    .select((eb) => eb.fn.countAll<number>().as('rows'))
    .executeTakeFirstOrThrow()
  return Number(rows)
}
