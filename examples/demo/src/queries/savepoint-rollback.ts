import type { ControlledTransaction, Kysely } from 'kysely'
import { IrisTransactionsUnsupportedError } from 'kysely-iris'
import type { DB } from '../demo-schema.js'
import { documentRow } from '../document-row.js'
import type { StepLog } from '../report.js'
import { countRows } from '../seed.js'

const DRAFTS = 25

/** What became of the transaction, and the document count after it. */
export interface SavepointOutcome {
  /**
   * `refused` where the front end does not honour transactions: kysely-iris refused to start one,
   * before anything was sent.
   */
  transaction: 'committed' | 'refused'
  documents: number
}

/**
 * A controlled transaction: a savepoint, a batch of drafts inserted after it, a rollback to the
 * savepoint, and a commit (docs/iris-sql.md#savepoints). The drafts vanish; what came before the
 * savepoint stays. iris-pgwire's external backend answers START TRANSACTION and ROLLBACK itself and
 * autocommits every statement (docs/iris-sql.md#iris-pgwire-transactions), so there kysely-iris
 * refuses the transaction, and the step shows the refusal instead.
 */
export async function savepointRollback(db: Kysely<DB>, log: StepLog): Promise<SavepointOutcome> {
  const before = await countRows(db, 'DOCUMENT')
  const author = await db.selectFrom('AUTHOR').select('id').orderBy('id').executeTakeFirstOrThrow()

  let trx: ControlledTransaction<DB>
  try {
    trx = await db.startTransaction().execute()
  } catch (error) {
    if (!(error instanceof IrisTransactionsUnsupportedError)) throw error
    const after = await countRows(db, 'DOCUMENT')
    log.pairs([
      ['documents before the transaction', before],
      ['caught', error.name],
      ['message', firstSentence(error.message)],
      ['documents after', after],
    ])
    return { transaction: 'refused', documents: after }
  }
  let inside: number
  try {
    const afterCheckpoint = await trx.savepoint('before_drafts').execute()
    await afterCheckpoint
      .insertInto('DOCUMENT')
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
    inside = await countRows(afterCheckpoint, 'DOCUMENT')
    await afterCheckpoint.rollbackToSavepoint('before_drafts').execute()
    await trx.commit().execute()
  } catch (error) {
    await trx.rollback().execute()
    throw error
  }

  const after = await countRows(db, 'DOCUMENT')
  log.pairs([
    ['documents before the transaction', before],
    [`after inserting ${DRAFTS} drafts past the savepoint`, inside],
    ['after ROLLBACK TO SAVEPOINT and COMMIT', after],
  ])
  return { transaction: 'committed', documents: after }
}

/** What was refused and why, without the advice that follows. */
function firstSentence(message: string): string {
  return message.split('. ')[0] ?? message
}
