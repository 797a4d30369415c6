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
      .selectFrom('DOCUMENT')
      .innerJoin('AUTHOR', 'AUTHOR.id', 'DOCUMENT.author_id')
      .select([
        'DOCUMENT.id',
        'DOCUMENT.slug',
        'DOCUMENT.title',
        'AUTHOR.id as authorId',
        'AUTHOR.name as authorName',
      ])

  app.get(
    '/documents/:id',
    { schema: { params: DocumentIdParams, response: { 200: DocumentDetail, 404: ErrorBody } } },
    async (request) => {
      const { id } = request.params
      const document = await documentsWithAuthors()
        .select(['DOCUMENT.body', 'DOCUMENT.published'])
        .where('DOCUMENT.id', '=', id)
        .executeTakeFirst()
      if (document === undefined) throw notFound(`document ${id}`)
      const tags = await db
        .selectFrom('DOCUMENT_TAG')
        .innerJoin('TAG', 'TAG.id', 'DOCUMENT_TAG.tag_id')
        .select('TAG.name')
        .where('DOCUMENT_TAG.document_id', '=', id)
        .orderBy('TAG.name')
        .execute()
      // A BIT reads back as 1 / 0 (docs/iris-sql.md#booleans); the API answers a boolean.
      const { published, ...rest } = withAuthor(document)
      return { ...rest, published: published === 1, tags: tags.map((tag) => tag.name) }
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
          .selectFrom('DOCUMENT')
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirstOrThrow(),
        // limit and offset travel as parameters (docs/iris-sql.md#row-limits).
        documentsWithAuthors()
          .orderBy('DOCUMENT.id')
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
      // documentRow() embeds the text.
      await db
        .insertInto('DOCUMENT')
        .values(documentRow({ ...fields, published }))
        .execute()
      // IRIS has no RETURNING (docs/iris-sql.md#returning-and-last_identity), and LAST_IDENTITY()
      // cannot be trusted behind iris-pgwire: its external backend may read it on another IRIS
      // connection than the insert's, and its embedded backend shares it with every client of the
      // IRIS process, another instance of this app included
      // (docs/iris-sql.md#iris-pgwire-transactions). The slug is unique: read the id back by it.
      const { id } = await db
        .selectFrom('DOCUMENT')
        .select('id')
        .where('slug', '=', fields.slug)
        .executeTakeFirstOrThrow()
      return reply.status(201).header('location', `/documents/${id}`).send({ id })
    },
  )
}

/** `{ authorId, authorName, ...rest }` → `{ ...rest, author: { id, name } }`. */
function withAuthor<Row extends { authorId: number; authorName: string }>(row: Row) {
  const { authorId, authorName, ...fields } = row
  return { ...fields, author: { id: authorId, name: authorName } }
}
