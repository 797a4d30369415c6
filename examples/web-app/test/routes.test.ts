import { embed, embeddingText } from '@kysely-iris/demo'
import { describeTargets, LOCAL_TARGETS } from '@kysely-iris/sim/testing'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../src/app.js'
import { SQL_WORDS } from './sql-words.js'
import { SEEDED_DOCUMENTS, startStore, type TestStore } from './store.js'

/** Asserts an error response: its status, the error body shape, and no SQL in it. */
function expectError(response: LightMyRequestResponse, statusCode: number): void {
  expect(response.statusCode, response.body).toBe(statusCode)
  expect(response.json()).toMatchObject({
    statusCode,
    error: expect.any(String),
    message: expect.any(String),
  })
  expect(response.body).not.toMatch(SQL_WORDS)
}

// Every route on every local target: the sim's IRIS semantics, its model of iris-pgwire 1.0.1 on
// each backend, and the real iris-pgwire on both (docs/iris-sql.md#iris-pgwire-backends). Not at
// IRIS_URL: the store migrates and seeds its server.
describeTargets(
  describe,
  'routes',
  (target) => {
    let store: TestStore
    let app: App

    beforeAll(async () => {
      store = await startStore(target)
      app = store.app
    })

    afterAll(async () => {
      await store?.close()
    })

    describe('GET /documents/:id', () => {
      it('returns the document with its author and tags', async () => {
        const response = await app.inject({ method: 'GET', url: '/documents/1' })
        expect(response.statusCode).toBe(200)
        const document = response.json()
        expect(document).toMatchObject({
          id: 1,
          slug: 'doc-00001',
          title: expect.any(String),
          body: expect.any(String),
          published: expect.any(Boolean),
          author: { id: expect.any(Number), name: expect.any(String) },
        })
        expect(document.tags.length).toBeGreaterThan(0)
      })

      it('answers 404 for a document that does not exist', async () => {
        expectError(await app.inject({ method: 'GET', url: '/documents/999999' }), 404)
      })

      it.each(['abc', '0', '-3', '1.5', '2147483648'])('answers 400 for the id %j', async (id) => {
        expectError(await app.inject({ method: 'GET', url: `/documents/${id}` }), 400)
      })
    })

    describe('GET /documents?page=&pageSize=', () => {
      it('returns the requested page, ordered by id, with the total', async () => {
        const response = await app.inject({ method: 'GET', url: '/documents?page=3&pageSize=7' })
        expect(response.statusCode).toBe(200)
        const page = response.json()
        expect(page).toMatchObject({ page: 3, pageSize: 7 })
        expect(page.total).toBeGreaterThanOrEqual(SEEDED_DOCUMENTS)
        expect(page.items.map((item: { id: number }) => item.id)).toEqual([
          15, 16, 17, 18, 19, 20, 21,
        ])
        expect(page.items[0]).toMatchObject({
          slug: 'doc-00015',
          author: { name: expect.any(String) },
        })
      })

      it('defaults to the first page of 20', async () => {
        const page = (await app.inject({ method: 'GET', url: '/documents' })).json()
        expect(page).toMatchObject({ page: 1, pageSize: 20 })
        expect(page.items).toHaveLength(20)
      })

      it('returns an empty page past the end', async () => {
        const page = (
          await app.inject({ method: 'GET', url: '/documents?page=1000&pageSize=100' })
        ).json()
        expect(page.items).toEqual([])
      })

      it.each([
        'page=0',
        'page=-1',
        'page=abc',
        'pageSize=0',
        'pageSize=101',
        'pageSize=2.5',
        'page=100001',
        'size=10',
      ])('answers 400 for bad paging: %s', async (query) => {
        expectError(await app.inject({ method: 'GET', url: `/documents?${query}` }), 400)
      })
    })

    describe('POST /documents', () => {
      const newDocument = {
        slug: 'posted-document',
        title: 'Posted through the web app',
        body: 'A document about vector search, posted to the web app.',
        authorId: 1,
      }

      it('creates a document, answers 201 with its id and location, and embeds it', async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/documents',
          payload: newDocument,
        })
        expect(response.statusCode, response.body).toBe(201)
        const { id } = response.json()
        expect(id).toBeGreaterThan(SEEDED_DOCUMENTS)
        expect(response.headers.location).toBe(`/documents/${id}`)

        const stored = (await app.inject({ method: 'GET', url: `/documents/${id}` })).json()
        const { authorId, ...fields } = newDocument
        expect(stored).toMatchObject({
          ...fields,
          id,
          published: true,
          author: { id: authorId },
          tags: [],
        })
        // Its embedding is the demo's embed() of its text: searching for that text finds it first.
        const search = await app.inject({
          method: 'POST',
          url: '/search',
          payload: { vector: embed(embeddingText(newDocument)), k: 1 },
        })
        expect(search.json().hits[0]).toMatchObject({ id, slug: newDocument.slug })
        expect(search.json().hits[0].score).toBeCloseTo(1, 5)
      })

      it('answers 409 for a slug that exists, without leaking SQL', async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/documents',
          payload: { ...newDocument, slug: 'doc-00002' },
        })
        expectError(response, 409)
      })

      it('answers 400 for an author that does not exist', async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/documents',
          payload: { ...newDocument, slug: 'orphan', authorId: 424242 },
        })
        expectError(response, 400)
      })

      it.each([
        ['a missing title', { slug: 'x', body: 'b', authorId: 1 }],
        ['a slug with spaces', { ...newDocument, slug: 'not a slug' }],
        ['an unknown field', { ...newDocument, slug: 'extra', rating: 5 }],
        ['a string authorId', { ...newDocument, slug: 'coerce', authorId: '1' }],
        ['a title too long', { ...newDocument, slug: 'long', title: 'x'.repeat(201) }],
      ])('answers 400 for %s', async (_, payload) => {
        expectError(await app.inject({ method: 'POST', url: '/documents', payload }), 400)
      })

      it('answers 400 for malformed JSON', async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/documents',
          headers: { 'content-type': 'application/json' },
          payload: '{"slug": ',
        })
        expectError(response, 400)
      })
    })

    describe('POST /search', () => {
      it('embeds { text } with the demo embed() and returns the k closest, highest score first', async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/search',
          payload: { text: 'hnsw nearest neighbour cosine similarity', k: 5 },
        })
        expect(response.statusCode, response.body).toBe(200)
        const { hits } = response.json()
        expect(hits).toHaveLength(5)
        const scores = hits.map((hit: { score: number }) => hit.score)
        expect(scores).toEqual([...scores].sort((a, b) => b - a))
        for (const score of scores) expect(Math.abs(score)).toBeLessThanOrEqual(1 + 1e-6)
      })

      it('gives the same hits for { text } and for { vector: embed(text) }', async () => {
        const text = 'typescript compiler inference'
        const byText = await app.inject({ method: 'POST', url: '/search', payload: { text } })
        const byVector = await app.inject({
          method: 'POST',
          url: '/search',
          payload: { vector: embed(text) },
        })
        expect(byText.statusCode).toBe(200)
        expect(byText.json()).toEqual(byVector.json())
        expect(byText.json().hits).toHaveLength(10) // the default k
      })

      it('answers 400 for a vector of the wrong dimension, without leaking SQL', async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/search',
          payload: { vector: [0.1, 0.2, 0.3] },
        })
        expectError(response, 400)
      })

      it.each([
        ['a vector of strings', { vector: ['a', 'b'] }],
        ['an empty vector', { vector: [] }],
        ['both vector and text', { vector: [1], text: 'both' }],
        ['neither', { k: 3 }],
        ['text with no word', { text: '!!! ???' }],
        ['an empty text', { text: '' }],
        ['k above 100', { text: 'sql', k: 101 }],
      ])('answers 400 for %s', async (_, payload) => {
        expectError(await app.inject({ method: 'POST', url: '/search', payload }), 400)
      })
    })
  },
  LOCAL_TARGETS,
)
