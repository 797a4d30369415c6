/**
 * Vector search (vector columns, HNSW index, nearest neighbours, similarity) against the sim's
 * targets (SIM_TARGETS; also when IRIS_URL is set, as they need the sim's exact search), and recall@10 against a real IRIS when IRIS_URL is set. The sim searches exactly
 * (HNSW DDL is recorded, not approximated), so its top-k must equal a brute force computed here at
 * the column's precision.
 */
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  cosineSimilarity,
  createHnswIndex,
  IrisInputError,
  IrisUnsupportedError,
  IrisVectorMismatchError,
  nearestNeighbors,
  parseVector,
  toVector,
  VectorPlugin,
  vectorType,
} from '../../src/index.js'
import {
  connect,
  realIrisUrl,
  SIM_TARGETS,
  startServer,
  type TestServer,
} from '../support/server.js'
import {
  atPrecision,
  bruteForceTopK,
  cosine,
  dot,
  dotSinglePrecision,
  randomVectors,
  type Scored,
} from './vector-fixtures.js'

const DIMENSIONS = 384
const ROW_COUNT = 2000
const EXACT_ROW_COUNT = 200
const K = 10
const CATEGORIES = ['red', 'green', 'blue', 'gold']

interface VectorDB {
  vec_items: { id: number; category: string; embedding: string }
  vec_exact: { id: number; embedding: string }
}

const inputs = randomVectors(20261127, ROW_COUNT, DIMENSIONS)
const items = inputs.map((vector, index) => ({
  id: index + 1,
  category: CATEGORIES[index % CATEGORIES.length] ?? 'red',
  vector: atPrecision(vector, 'float'),
}))
const queries = randomVectors(7, 3, DIMENSIONS)

/** VECTOR(FLOAT, 384) with an HNSW index, 2 000 rows by bulk insert; a DOUBLE table. */
async function createVectorTables(db: Kysely<VectorDB>): Promise<void> {
  for (const table of ['vec_items', 'vec_exact'] as const)
    await db.schema.dropTable(table).ifExists().execute()
  await db.schema
    .createTable('vec_items')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('category', 'varchar(10)', (col) => col.notNull())
    .addColumn('embedding', vectorType('float', DIMENSIONS), (col) => col.notNull())
    .execute()
  await createHnswIndex({
    name: 'vec_items_cosine',
    table: 'vec_items',
    column: 'embedding',
    distance: 'cosine',
  }).execute(db)
  await db.schema
    .createTable('vec_exact')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('embedding', vectorType('double', DIMENSIONS))
    .execute()
  await createHnswIndex({
    name: 'vec_exact_dot',
    table: 'vec_exact',
    column: 'embedding',
    distance: 'dotProduct',
    m: 16,
    efConstruct: 64,
  }).execute(db)

  await db
    .insertInto('vec_items')
    .values(
      inputs.map((vector, index) => ({
        id: index + 1,
        category: CATEGORIES[index % CATEGORIES.length] ?? 'red',
        embedding: toVector(vector, { elementType: 'float', dimensions: DIMENSIONS }),
      })),
    )
    .execute()
  await db
    .insertInto('vec_exact')
    .values(
      inputs
        .slice(0, EXACT_ROW_COUNT)
        .map((vector, index) => ({ id: index + 1, embedding: toVector(vector, 'double') })),
    )
    .execute()
}

/** The nearest-neighbour search under test, optionally filtered by category. */
async function searchTopK(
  db: Kysely<VectorDB>,
  query: number[],
  metric: 'cosine' | 'dotProduct',
  category?: string,
): Promise<Scored[]> {
  return db
    .selectFrom('vec_items')
    .select('id')
    .$if(category !== undefined, (qb) => qb.where('category', '=', category ?? ''))
    .$call((qb) =>
      nearestNeighbors(qb, {
        column: 'embedding',
        vector: query,
        k: K,
        metric,
        dimensions: DIMENSIONS,
        scoreAs: 'score',
      }),
    )
    .execute()
}

/** The expected answer: brute force over the stored (single-precision) values and query. */
function expectedTopK(
  query: number[],
  metric: 'cosine' | 'dotProduct',
  category?: string,
): Scored[] {
  const rows = category === undefined ? items : items.filter((item) => item.category === category)
  const similarity = metric === 'cosine' ? cosine : dotSinglePrecision
  return bruteForceTopK(rows, atPrecision(query, 'float'), K, similarity)
}

function expectSameRanking(actual: Scored[], expected: Scored[]): void {
  expect(actual.map((row) => row.id)).toEqual(expected.map((row) => row.id))
  actual.forEach((row, index) => {
    expect(typeof row.score).toBe('number')
    expect(Math.abs(row.score - (expected[index]?.score ?? Number.NaN))).toBeLessThan(1e-6)
  })
}

describe.each(SIM_TARGETS)(
  'vectors against the sim (needs the sim: exact search and its query log) (%s)',
  (target) => {
    let server: TestServer
    let db: Kysely<VectorDB>

    beforeAll(async () => {
      server = await startServer({ target, needsSim: true })
      db = connect<VectorDB>(server).db
      await createVectorTables(db)
    }, 180_000)

    afterAll(async () => {
      await db?.destroy()
      await server?.stop()
    })

    function statementsSent(): number {
      return server.sim?.queryLog.entries.length ?? Number.NaN
    }

    /** Runs `attempt`, which must fail with IrisInputError, and checks the sim received nothing. */
    async function expectRefusedBeforeSending(
      attempt: () => Promise<unknown>,
      message: RegExp,
    ): Promise<void> {
      const sentBefore = statementsSent()
      expect(sentBefore).toBeGreaterThan(0) // the log is live: setup went through it
      await expect(attempt()).rejects.toThrow(IrisInputError)
      await expect(attempt()).rejects.toThrow(message)
      expect(statementsSent()).toBe(sentBefore)
    }

    it('holds the 2 000 inserted rows', async () => {
      const { count } = await db
        .selectFrom('vec_items')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow()
      expect(Number(count)).toBe(ROW_COUNT)
    })

    it('top-10 by cosine equals brute force: same ids, same order, scores within 1e-6', async () => {
      for (const query of queries)
        expectSameRanking(await searchTopK(db, query, 'cosine'), expectedTopK(query, 'cosine'))
    })

    it('top-10 by dot product equals brute force', async () => {
      for (const query of queries)
        expectSameRanking(
          await searchTopK(db, query, 'dotProduct'),
          expectedTopK(query, 'dotProduct'),
        )
    })

    it('top-10 by dot product over a DOUBLE column equals brute force', async () => {
      const exactRows = inputs
        .slice(0, EXACT_ROW_COUNT)
        .map((vector, index) => ({ id: index + 1, vector }))
      for (const query of queries) {
        const actual = await db
          .selectFrom('vec_exact')
          .select('id')
          .$call((qb) =>
            nearestNeighbors(qb, {
              column: 'embedding',
              vector: query,
              k: K,
              metric: 'dotProduct',
              elementType: 'double',
              scoreAs: 'score',
            }),
          )
          .execute()
        expectSameRanking(actual, bruteForceTopK(exactRows, query, K, dot))
      }
    })

    it('a filtered top-10 equals brute force over the filtered rows', async () => {
      const [query = []] = queries
      for (const category of ['green', 'gold']) {
        const actual = await searchTopK(db, query, 'cosine', category)
        expectSameRanking(actual, expectedTopK(query, 'cosine', category))
      }
    })

    it('a dimension the client knows is refused before sending (IrisInputError)', async () => {
      const short = queries[0]?.slice(0, DIMENSIONS - 1) ?? []
      await expectRefusedBeforeSending(
        () => searchTopK(db, short, 'cosine'),
        /has 383 elements but the column holds 384/,
      )
    })

    it('a mismatch only the server sees is IrisVectorMismatchError with the vector SQLCODE', async () => {
      const short = queries[0]?.slice(0, DIMENSIONS - 1) ?? []
      const byLength = db
        .selectFrom('vec_items')
        .select(cosineSimilarity('embedding', short).as('s'))
        .where('id', '=', 1)
        .execute()
      const error = await byLength.then(
        () => undefined,
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(IrisVectorMismatchError)
      expect([-257, -258, -259]).toContain((error as IrisVectorMismatchError).sqlcode)

      const byType = db
        .selectFrom('vec_items')
        .select(cosineSimilarity('embedding', queries[0] ?? [], { elementType: 'double' }).as('s'))
        .where('id', '=', 1)
        .execute()
      await expect(byType).rejects.toThrow(IrisVectorMismatchError)
    })

    it('NaN, Infinity, an empty vector and a wrong type are refused before sending', async () => {
      const insert = (vector: unknown) => async () =>
        db
          .insertInto('vec_items')
          .values({ id: 99_999, category: 'red', embedding: toVector(vector as number[]) })
          .execute()
      const withNaN = [...(queries[0] ?? [])]
      withNaN[7] = Number.NaN
      await expectRefusedBeforeSending(insert(withNaN), /element 7 is NaN/)
      await expectRefusedBeforeSending(
        insert([1, Number.POSITIVE_INFINITY]),
        /element 1 is Infinity/,
      )
      await expectRefusedBeforeSending(insert([]), /empty vector/)
      await expectRefusedBeforeSending(
        insert('0.1,0.2'),
        /must be a number\[\], Float32Array or Float64Array/,
      )
      await expectRefusedBeforeSending(insert([0.1, '0.2']), /element 1 is the string "0.2"/)
    })

    it('a FLOAT vector round-trips at single precision, as text by default and number[] with the plugin', async () => {
      const row = await db
        .selectFrom('vec_items')
        .select(['id', 'embedding'])
        .where('id', '=', 5)
        .executeTakeFirstOrThrow()
      expect(typeof row.embedding).toBe('string')
      const parsed = parseVector(row.embedding)
      expect(new Float32Array(parsed)).toEqual(new Float32Array(inputs[4] ?? []))

      const withPlugin = db.withPlugin(new VectorPlugin({ tables: { vec_items: ['embedding'] } }))
      const rows = await withPlugin
        .selectFrom('vec_items as v')
        .select(['v.id', 'v.embedding as vector'])
        .where('id', 'in', [5, 6])
        .orderBy('id')
        .execute()
      rows.forEach((item, index) => {
        const vector = item.vector as unknown as number[]
        expect(Array.isArray(vector)).toBe(true)
        expect(new Float32Array(vector)).toEqual(new Float32Array(inputs[4 + index] ?? []))
      })
    })

    // iris-pgwire's embedded backend, which the sim's pgwire-1.0-embedded profile models, labels `SELECT *`
    // column1..N (docs/iris-sql.md#iris-pgwire-result-quirks): no row could be keyed by column, so
    // the dialect refuses such a result (README, "Labels").
    it('the plugin converts selectAll() rows on sim-iris; behind the embedded backend the column1..N result is refused', async () => {
      const withPlugin = db.withPlugin(new VectorPlugin({ tables: { vec_items: ['embedding'] } }))
      const read = () =>
        withPlugin.selectFrom('vec_items').selectAll().where('id', '=', 7).executeTakeFirstOrThrow()
      if (target === 'sim-iris') {
        const row = await read()
        expect(new Float32Array(row.embedding as unknown as number[])).toEqual(
          new Float32Array(inputs[6] ?? []),
        )
      } else {
        await expect(read()).rejects.toThrow(IrisUnsupportedError)
      }
    })

    it('a DOUBLE vector round-trips exactly', async () => {
      const withPlugin = db.withPlugin(new VectorPlugin({ columns: ['embedding'] }))
      const rows = await withPlugin
        .selectFrom('vec_exact')
        .select(['id', 'embedding'])
        .orderBy('id')
        .execute()
      expect(rows).toHaveLength(EXACT_ROW_COUNT)
      expect(rows.map((row) => row.embedding)).toEqual(inputs.slice(0, EXACT_ROW_COUNT))
    })
  },
)

describe.each(SIM_TARGETS)(
  'nearestNeighbors in paging mode top, on IRIS 2024.3 where LIMIT is refused (needs the sim) (%s)',
  (target) => {
    let server: TestServer
    let db: Kysely<VectorDB>
    const vectors = randomVectors(3, 50, 8)

    beforeAll(async () => {
      server = await startServer({ target, irisVersion: '2024.3', needsSim: true })
      db = connect<VectorDB>(server, { paging: 'top' }).db
      await db.schema
        .createTable('vec_exact')
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('embedding', vectorType('double', 8))
        .execute()
      await db
        .insertInto('vec_exact')
        .values(
          vectors.map((vector, index) => ({
            id: index + 1,
            embedding: toVector(vector, 'double'),
          })),
        )
        .execute()
    })

    afterAll(async () => {
      await db?.destroy()
      await server?.stop()
    })

    it('top-5 by cosine equals brute force', async () => {
      const [query = []] = randomVectors(4, 1, 8)
      const actual = await db
        .selectFrom('vec_exact')
        .select('id')
        .$call((qb) =>
          nearestNeighbors(qb, {
            column: 'embedding',
            vector: query,
            k: 5,
            elementType: 'double',
            scoreAs: 'score',
          }),
        )
        .execute()
      const rows = vectors.map((vector, index) => ({ id: index + 1, vector }))
      expectSameRanking(actual, bruteForceTopK(rows, query, 5, cosine))
    })
  },
)

describe.skipIf(!realIrisUrl)(
  'needs IRIS_URL: vector search on a real IRIS reaches recall@10 ≥ 0.9 with HNSW',
  () => {
    let server: TestServer
    let db: Kysely<VectorDB>

    beforeAll(async () => {
      server = await startServer()
      db = connect<VectorDB>(server).db
      await createVectorTables(db)
    }, 600_000)

    afterAll(async () => {
      for (const table of ['vec_items', 'vec_exact'] as const)
        await db?.schema.dropTable(table).ifExists().execute()
      await db?.destroy()
      await server?.stop()
    })

    it.each(['cosine', 'dotProduct'] as const)('recall@10 by %s', async (metric) => {
      let found = 0
      for (const query of queries) {
        const expected = new Set(expectedTopK(query, metric).map((row) => row.id))
        found += (await searchTopK(db, query, metric)).filter((row) => expected.has(row.id)).length
      }
      expect(found / (queries.length * K)).toBeGreaterThanOrEqual(0.9)
    })
  },
)
