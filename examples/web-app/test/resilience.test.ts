import { createServer } from 'node:net'
import { type DB, embed } from '@kysely-iris/demo'
import { startSim } from '@kysely-iris/sim'
import { Kysely } from 'kysely'
import { IrisDialect } from 'kysely-iris'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { SQL_WORDS } from './sql-words.js'
import { SEEDED_DOCUMENTS, startStore, type TestStore } from './store.js'

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('200 concurrent requests', () => {
  let store: TestStore
  beforeAll(async () => {
    store = await startStore()
  })
  afterAll(async () => {
    await store?.close()
  })

  it('all succeed: reads, pages, searches and inserts at once', async () => {
    const requests = Array.from({ length: 200 }, (_, i) => {
      switch (i % 4) {
        case 0:
          return { method: 'GET' as const, url: `/documents/${(i % SEEDED_DOCUMENTS) + 1}` }
        case 1:
          return { method: 'GET' as const, url: `/documents?page=${(i % 10) + 1}&pageSize=10` }
        case 2:
          return {
            method: 'POST' as const,
            url: '/search',
            payload: { text: `vector search ${i}`, k: 3 },
          }
        default:
          return {
            method: 'POST' as const,
            url: '/documents',
            payload: {
              slug: `concurrent-${i}`,
              title: `Concurrent ${i}`,
              body: 'sql and vectors',
              authorId: 1,
            },
          }
      }
    })
    const responses = await Promise.all(requests.map((request) => store.app.inject(request)))
    const failures = responses.filter((response) => response.statusCode >= 300)
    expect(failures.map((response) => `${response.statusCode} ${response.body}`)).toEqual([])

    // Every insert answered with its own document's id.
    const ids = responses.filter((r) => r.statusCode === 201).map((r) => r.json().id)
    expect(ids).toHaveLength(50)
    expect(new Set(ids).size).toBe(50)
    for (const [i, id] of ids.entries()) {
      const document = (await store.app.inject({ method: 'GET', url: `/documents/${id}` })).json()
      expect(document.slug).toBe(`concurrent-${i * 4 + 3}`)
    }
  })
})

describe('503 when the database is unreachable', () => {
  it('answers 503 when nothing listens on the database port, without leaking SQL', async () => {
    const db = new Kysely<DB>({
      dialect: new IrisDialect({
        connectionString: `postgres://_SYSTEM:SYS@127.0.0.1:${await closedPort()}/USER`,
        connectionTimeoutMillis: 500,
      }),
    })
    const app = buildApp({ db })
    try {
      for (const request of [
        { method: 'GET' as const, url: '/documents/1' },
        { method: 'GET' as const, url: '/documents' },
        { method: 'POST' as const, url: '/search', payload: { vector: embed('sql') } },
      ]) {
        const response = await app.inject(request)
        expect(response.statusCode, response.body).toBe(503)
        expect(response.headers['retry-after']).toBe('1')
        expect(response.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' })
        expect(response.body).not.toMatch(SQL_WORDS)
      }
    } finally {
      await app.close()
    }
  })

  it('answers 503 once the server it was talking to has stopped', async () => {
    const store = await startStore()
    try {
      expect((await store.app.inject({ method: 'GET', url: '/documents/1' })).statusCode).toBe(200)
      await store.server.stop()
      const response = await store.app.inject({ method: 'GET', url: '/documents/2' })
      expect(response.statusCode, response.body).toBe(503)
      expect(response.body).not.toMatch(SQL_WORDS)
    } finally {
      await store.app.close()
    }
  })
})

describe('graceful shutdown', () => {
  it('app.close() destroys the Kysely instance and ends its pg pool', async () => {
    const sim = await startSim({ port: 0 })
    const pool = new pg.Pool({ connectionString: sim.url, max: 4 })
    const db = new Kysely<DB>({ dialect: new IrisDialect({ pool }) })
    const app = buildApp({ db })
    try {
      // A request that fails on the empty database still takes and returns a connection.
      await app.inject({ method: 'GET', url: '/documents/1' })
      expect(pool.totalCount).toBeGreaterThan(0)
      expect(pool.ended).toBe(false)
      await app.close()
      expect(pool.ended).toBe(true)
      expect(pool.totalCount).toBe(0)
      await expect(db.selectFrom('DOCUMENT').selectAll().execute()).rejects.toThrow()
    } finally {
      await sim.stop()
    }
  })
})
