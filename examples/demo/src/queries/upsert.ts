import type { Kysely } from 'kysely'
import type { DB } from '../demo-schema.js'
import { documentRow } from '../document-row.js'
import type { StepLog } from '../report.js'

/** What the demo upserts: a seeded document (its key exists) and one the seed does not have. */
export const UPSERTS = [
  {
    slug: 'doc-00001',
    title: 'Notes on sql and embedding (revised)',
    body: 'Query vector embedding with sql. Revised by the demo with an upsert.',
    published: true,
  },
  {
    slug: 'release-notes',
    title: 'Release notes for kysely iris',
    body: 'Typed sql query builder for iris with vector search and codegen.',
    published: true,
  },
] as const

/**
 * `replaceInto` compiles to IRIS's `INSERT OR UPDATE` (docs/iris-sql.md#upsert): the row whose
 * unique key (here `slug`) matches is updated, otherwise one is inserted. Running the demo again
 * updates both.
 */
export async function upsert(db: Kysely<DB>, log: StepLog): Promise<void> {
  const author = await db.selectFrom('AUTHOR').select('id').orderBy('id').executeTakeFirstOrThrow()
  const rows = []
  let compiledSql = ''
  for (const document of UPSERTS) {
    const before = await db
      .selectFrom('DOCUMENT')
      .select('id')
      .where('slug', '=', document.slug)
      .executeTakeFirst()
    const query = db
      .replaceInto('DOCUMENT')
      .values(documentRow({ ...document, authorId: author.id }))
    compiledSql = query.compile().sql
    await query.execute()
    const after = await db
      .selectFrom('DOCUMENT')
      .select(['id', 'title'])
      .where('slug', '=', document.slug)
      .executeTakeFirstOrThrow()
    rows.push({
      slug: document.slug,
      outcome: before === undefined ? 'inserted' : 'updated',
      id: after.id,
      title: after.title,
    })
  }
  log.line('INSERT OR UPDATE, matched on the unique slug:')
  log.table(rows, ['slug', 'outcome', 'id', 'title'])
  log.sql(compiledSql)
}
