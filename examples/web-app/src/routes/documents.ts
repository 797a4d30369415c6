import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type DB, documentRow } from '@kysely-iris/demo'
import type { Kysely } from 'kysely'
import { notFound } from '../http-errors.js'
import {
  Created,
  DEFAULT_PAGE_SIZE,
  DocumentDetail,
  DocumentIdParams,
  DocumentPage,
  ErrorBody,
  NewDocumentBody,
  PageQuery,
} from '../schemas.js'

/** `GET /documents/:id`, `GET /documents?page=&pageSize=`, `POST /documents`. */
export const documentRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (
  app,
  { db },
) => {
  /** Documents joined with their authors, selecting what every document response shows. */
  const documentsWithAuthors = () =>
    db
      .selectFrom('document')
      .innerJoin('author', 'author.id', 'document.author_id')
      .select([
        'document.id',
        'document.slug',
        'document.title',
        'author.id as authorId',
        'author.name as authorName',
      ])

  app.get(
    '/documents/:id',
    { schema: { params: DocumentIdParams, response: { 200: DocumentDetail, 404: ErrorBody } } },
    async (request) => {
      const { id } = request.params
      const document = await documentsWithAuthors()
        .select(['document.body', 'document.published'])
        .where('document.id', '=', id)
        .executeTakeFirst()
      if (document === undefined) throw notFound(`document ${id}`)
      const tags = await db
        .selectFrom('document_tag')
        .innerJoin('tag', 'tag.id', 'document_tag.tag_id')
        .select('tag.name')
        .where('document_tag.document_id', '=', id)
        .orderBy('tag.name')
        .execute()
      return { ...withAuthor(document), tags: tags.map((tag) => tag.name) }
    },
  )

  app.get(
    '/documents',
    { schema: { querystring: PageQuery, response: { 200: DocumentPage } } },
    async (request) => {
      const page = request.query.page ?? 1
      const pageSize = request.query.pageSize ?? DEFAULT_PAGE_SIZE
      const [total, rows] = await Promise.all([
        db
          .selectFrom('document')
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirstOrThrow(),
        // limit and offset travel as parameters (docs/iris-sql.md#row-limits).
        documentsWithAuthors()
          .orderBy('document.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
      ])
      return { page, pageSize, total: Number(total.total), items: rows.map(withAuthor) }
    },
  )

  app.post(
    '/documents',
    { schema: { body: NewDocumentBody, response: { 201: Created } } },
    async (request, reply) => {
      const { published = true, ...fields } = request.body
      // A single-row insert: the dialect reads the new IDENTITY with LAST_IDENTITY() on the same
      // connection (docs/iris-sql.md#returning-and-last_identity), since IRIS has no RETURNING.
      // documentRow() embeds the text.
      const result = await db
        .insertInto('document')
        .values(documentRow({ ...fields, published }))
        .executeTakeFirstOrThrow()
      if (result.insertId === undefined) throw new Error('the insert reported no insertId')
      const id = Number(result.insertId)
      return reply.status(201).header('location', `/documents/${id}`).send({ id })
    },
  )
}

/** `{ authorId, authorName, ...rest }` → `{ ...rest, author: { id, name } }`. */
function withAuthor<Row extends { authorId: number; authorName: string }>(row: Row) {
  const { authorId, authorName, ...fields } = row
  return { ...fields, author: { id: authorId, name: authorName } }
}
