import type { InsertObject } from 'kysely'
import { toVector } from 'kysely-iris'
import type { DB } from './demo-schema.js'
import { EMBEDDING_DIMENSION, embed } from './embed.js'

/** The text a document's embedding is made from: what a search should match. */
export function embeddingText(document: { title: string; body: string }): string {
  return `${document.title}. ${document.body}`
}

export interface DocumentFields {
  authorId: number
  slug: string
  title: string
  body: string
  published: boolean
}

/**
 * A `document` row ready to insert, its embedding made from its own text. Every insert (the seed,
 * the demo's queries, the web app's POST /documents) goes through here, so every stored vector is
 * `embed(embeddingText(...))`: the space `POST /search { text }` searches in.
 */
export function documentRow(document: DocumentFields): InsertObject<DB, 'DOCUMENT'> {
  const { authorId, slug, title, body, published } = document
  return {
    author_id: authorId,
    slug,
    title,
    body,
    published,
    embedding: toVector(embed(embeddingText(document)), { dimensions: EMBEDDING_DIMENSION }),
  }
}
