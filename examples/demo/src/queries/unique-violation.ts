import type { Kysely } from 'kysely'
import { IrisError, IrisUniqueViolationError } from 'kysely-iris'
import type { DB } from '../demo-schema.js'
import { documentRow } from '../document-row.js'
import type { StepLog } from '../report.js'

/**
 * Inserting a second document with an existing slug fails with SQLCODE -119
 * (docs/iris-sql.md#sqlcodes); the dialect raises it as an `IrisUniqueViolationError`, an
 * `IrisError`. Returns its class name.
 */
export async function uniqueViolation(db: Kysely<DB>, log: StepLog): Promise<string> {
  const existing = await db
    .selectFrom('DOCUMENT')
    .select(['slug', 'author_id'])
    .orderBy('id')
    .executeTakeFirstOrThrow()
  try {
    await db
      .insertInto('DOCUMENT')
      .values(
        documentRow({
          authorId: existing.author_id,
          slug: existing.slug,
          title: 'A duplicate',
          body: 'A second document with a slug that is taken.',
          published: false,
        }),
      )
      .execute()
  } catch (error) {
    if (!(error instanceof IrisError)) throw error
    log.pairs([
      ['inserted a second document with slug', existing.slug],
      ['caught', `${error.name} (instanceof IrisError: ${error instanceof IrisError})`],
      ['is IrisUniqueViolationError', error instanceof IrisUniqueViolationError],
      ['sqlcode / sqlstate', `${error.sqlcode} / ${error.sqlstate}`],
      ['message', firstLine(error.message)],
    ])
    return error.name
  }
  throw new Error(
    `inserting a duplicate slug ${existing.slug} succeeded; expected a unique violation`,
  )
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? ''
}
