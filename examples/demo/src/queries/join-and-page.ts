import type { Kysely } from 'kysely'
import type { DB } from '../db.js'
import type { StepLog } from '../report.js'

export const PAGE_SIZE = 5
export const PAGE = 3

/**
 * Two joins: documents per tag (join + group by), then one page of published documents with
 * their authors. `limit`/`offset` travel as parameters (docs/iris-sql.md#row-limits).
 */
export async function joinAndPage(db: Kysely<DB>, log: StepLog): Promise<number[]> {
  const tagCounts = await db
    .selectFrom('tag')
    .innerJoin('document_tag', 'document_tag.tag_id', 'tag.id')
    .select(['tag.name as tag', (eb) => eb.fn.countAll<number>().as('documents')])
    .groupBy('tag.name')
    .orderBy('documents', 'desc')
    .orderBy('tag.name')
    .limit(5)
    .execute()
  log.line('the five biggest tags (tag ⋈ document_tag, group by):')
  log.table(
    tagCounts.map((row) => ({ tag: row.tag, documents: Number(row.documents) })),
    ['tag', 'documents'],
  )

  const pageQuery = db
    .selectFrom('document')
    .innerJoin('author', 'author.id', 'document.author_id')
    .select(['document.id', 'document.slug', 'author.name as author', 'document.title'])
    .where('document.published', '=', true)
    .orderBy('document.id')
    .limit(PAGE_SIZE)
    .offset((PAGE - 1) * PAGE_SIZE)
  const page = await pageQuery.execute()
  log.line()
  log.line(`page ${PAGE} (${PAGE_SIZE} a page) of published documents (document ⋈ author):`)
  log.table(page, ['id', 'slug', 'author', 'title'])
  log.sql(pageQuery.compile().sql)
  return page.map((row) => row.id)
}
