/**
 * PROVISIONAL, hand-written until iris-codegen lands; the demo regenerates this file.
 */
import type { ColumnType } from 'kysely'

export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>

export type Vector<N extends number, E extends string> = string & { readonly __irisVector?: { readonly dimension: N; readonly elementType: E } }

export interface Author {
  email: string
  id: Generated<number>
  name: string
}

export interface Document {
  author_id: number
  body: string
  embedding: Vector<384, "float">
  id: Generated<number>
  published: boolean
  slug: string
  title: string
}

export interface DocumentTag {
  document_id: number
  tag_id: number
}

export interface Tag {
  id: Generated<number>
  name: string
}

export interface DB {
  author: Author
  document: Document
  document_tag: DocumentTag
  tag: Tag
}
