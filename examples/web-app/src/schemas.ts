import { Type } from 'typebox'

/**
 * TypeBox schemas for every request part and response. TypeBox validates requests with them
 * (strictly: bodies are never coerced), Fastify serializes responses with them, and the TypeBox
 * type provider types the handlers. Optional fields get their defaults in the handlers.
 */

export const MAX_PAGE_SIZE = 100
export const DEFAULT_PAGE_SIZE = 20
export const MAX_K = 100
export const DEFAULT_K = 10

/**
 * A whole number in a path or query string. Not `Type.Integer`: converting text to an integer
 * truncates (`'1.5'` would become 1), while a number with `multipleOf: 1` is converted exactly and
 * then refused when it has a fraction.
 */
const WholeNumber = (options: { minimum: number; maximum?: number }) =>
  Type.Number({ ...options, multipleOf: 1 })

/** The largest IRIS INTEGER: a bigger id could not name a row. */
const MAX_ID = 2_147_483_647
/** Pages past this would need offsets beyond any table this app holds. */
const MAX_PAGE = 100_000

export const DocumentIdParams = Type.Object({
  id: WholeNumber({ minimum: 1, maximum: MAX_ID }),
})

export const PageQuery = Type.Object(
  {
    page: Type.Optional(WholeNumber({ minimum: 1, maximum: MAX_PAGE })),
    pageSize: Type.Optional(WholeNumber({ minimum: 1, maximum: MAX_PAGE_SIZE })),
  },
  { additionalProperties: false },
)

export const NewDocumentBody = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 200 }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 4000 }),
    authorId: Type.Integer({ minimum: 1, maximum: MAX_ID }),
    published: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

const K = Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_K }))

/** `{ vector }` or `{ text }`, never both: text is embedded by the demo's embed(). */
export const SearchBody = Type.Union([
  Type.Object(
    { vector: Type.Array(Type.Number(), { minItems: 1, maxItems: 4096 }), k: K },
    { additionalProperties: false },
  ),
  Type.Object(
    // At least one letter or digit: embed() needs a word to embed.
    { text: Type.String({ minLength: 1, maxLength: 2000, pattern: '[A-Za-z0-9]' }), k: K },
    { additionalProperties: false },
  ),
])

const Author = Type.Object({ id: Type.Integer(), name: Type.String() })

export const DocumentSummary = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  title: Type.String(),
  author: Author,
})

export const DocumentDetail = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  title: Type.String(),
  body: Type.String(),
  published: Type.Boolean(),
  author: Author,
  tags: Type.Array(Type.String()),
})

export const DocumentPage = Type.Object({
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
  items: Type.Array(DocumentSummary),
})

export const Created = Type.Object({ id: Type.Integer() })

export const SearchHits = Type.Object({
  hits: Type.Array(
    Type.Object({
      id: Type.Integer(),
      slug: Type.String(),
      title: Type.String(),
      /** Cosine similarity in [-1, 1]: higher is closer (docs/iris-sql.md#vector-functions). */
      score: Type.Number(),
    }),
  ),
})

/** Every error response: a status name and a message that never contains SQL. */
export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
})
