import type { Kysely } from 'kysely'
import type { DB } from '../demo-schema.js'
import type { StepLog } from '../report.js'

export const PAGE_SIZE = 5
export const PAGE = 3

/**
 * Two joins: documents per tag (join + group by), then one page of published documents with
 * their authors. `limit`/`offset` travel as parameters (docs/iris-sql.md#row-limits).
 */
export async function joinAndPage(db: Kysely<DB>, log: StepLog): Promise<number[]> {
  const tagCounts = await db
    .selectFrom('TAG')
    .innerJoin('DOCUMENT_TAG', 'DOCUMENT_TAG.tag_id', 'TAG.id')
    .select(['TAG.name as tag', (eb) => eb.fn.countAll<number>().as('documents')])
    .groupBy('TAG.name')
    .orderBy('documents', 'desc')
    .orderBy('TAG.name')
    .limit(5)
    .execute()
  log.line('the five biggest tags (TAG ⋈ DOCUMENT_TAG, group by):')
  log.table(
    tagCounts.map((row) => ({ tag: row.tag, documents: Number(row.documents) })),
    ['tag', 'documents'],
  )

  const pageQuery = db
    .selectFrom('DOCUMENT')
    .innerJoin('AUTHOR', 'AUTHOR.id', 'DOCUMENT.author_id')
    .select(['DOCUMENT.id', 'DOCUMENT.slug', 'AUTHOR.name as author', 'DOCUMENT.title'])
    .where('DOCUMENT.published', '=', 1)
    .orderBy('DOCUMENT.id')
    .limit(PAGE_SIZE)
    .offset((PAGE - 1) * PAGE_SIZE)
  const page = await pageQuery.execute()
  log.line()
  log.line(`page ${PAGE} (${PAGE_SIZE} a page) of published documents (DOCUMENT ⋈ AUTHOR):`)
  log.table(page, ['id', 'slug', 'author', 'title'])
  log.sql(pageQuery.compile().sql)
  return page.map((row) => row.id)
}
