import { type Compilable, type RawBuilder, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisInputError } from '../../src/errors.js'
import {
  cosineDistance,
  cosineSimilarity,
  createHnswIndex,
  dotProduct,
  nearestNeighbors,
  toVector,
  vectorType,
} from '../../src/index.js'
import { compileOnlyDb } from './compile-db.js'

const db = compileOnlyDb()
const query = [0.5, -0.25, 1]

/** SQL and parameters of a builder, or of a raw statement compiled with the IRIS compiler. */
function compiled(query: Compilable | RawBuilder<unknown>) {
  const { sql, parameters } = 'isRawBuilder' in query ? query.compile(db) : query.compile()
  return { sql, parameters }
}

describe('similarity helpers', () => {
  it('cosineSimilarity and dotProduct call the IRIS functions with the vector as a parameter', () => {
    expect(
      compiled(db.selectFrom('items').select(cosineSimilarity('embedding', query).as('s'))),
    ).toEqual({
      sql: 'select VECTOR_COSINE("embedding", TO_VECTOR($1, float)) as "s" from "items"',
      parameters: ['[0.5,-0.25,1]'],
    })
    expect(
      compiled(
        db
          .selectFrom('items')
          .select(dotProduct('items.embedding', query, { elementType: 'double' }).as('s')),
      ),
    ).toEqual({
      sql: 'select VECTOR_DOT_PRODUCT("items"."embedding", TO_VECTOR($1, double)) as "s" from "items"',
      parameters: ['[0.5,-0.25,1]'],
    })
  })

  it('cosineDistance is named truthfully: 1 - similarity', () => {
    expect(
      compiled(db.selectFrom('items').select(cosineDistance('embedding', query).as('d'))).sql,
    ).toBe('select (1 - VECTOR_COSINE("embedding", TO_VECTOR($1, float))) as "d" from "items"')
  })

  it('takes expressions for the column and the vector (column against column)', () => {
    const q = db
      .selectFrom(['items as a', 'docs as b'])
      .select((eb) => cosineSimilarity(eb.ref('a.embedding'), sql.ref('b.vec')).as('s'))
    expect(compiled(q)).toEqual({
      sql: 'select VECTOR_COSINE("a"."embedding", "b"."vec") as "s" from "items" as "a", "docs" as "b"',
      parameters: [],
    })
    expect(
      compiled(
        db.selectFrom('items').select(dotProduct('embedding', toVector([1, 2], 'integer')).as('s')),
      ).sql,
    ).toBe('select VECTOR_DOT_PRODUCT("embedding", TO_VECTOR($1, integer)) as "s" from "items"')
  })

  it('checks the dimension when it is given', () => {
    expect(() => cosineSimilarity('embedding', query, { dimensions: 384 })).toThrow(IrisInputError)
  })

  it.each([
    ['a name with a quote', 'embed"ding'],
    ['a placeholder', 'x$1'],
    ['a semicolon', 'a;drop'],
    ['NUL', 'a\0'],
    ['an empty name', ''],
    ['four parts', 'a.b.c.d'],
    ['a space', 'my column'],
  ])('refuses a column name with %s', (_, name) => {
    expect(() => cosineSimilarity(name, query)).toThrow(IrisInputError)
  })

  it('refuses a non-string, non-expression column', () => {
    expect(() => dotProduct(42 as unknown as string, query)).toThrow(
      /vector column 42 is not a plain IRIS name/,
    )
  })
})

describe('nearestNeighbors: SELECT TOP k … ORDER BY similarity DESC', () => {
  const search = (paging: 'limit' | 'top') =>
    compileOnlyDb(paging)
      .selectFrom('items')
      .select(['id', 'category'])
      .where('category', '=', 'news')
      .$call((qb) =>
        nearestNeighbors(qb, { column: 'embedding', vector: query, k: 10, scoreAs: 'score' }),
      )

  it.each(['limit', 'top'] as const)(
    'emits the HNSW shape with the vector as a parameter (paging %s)',
    (paging) => {
      expect(compiled(search(paging))).toEqual({
        sql:
          'select top $1 "id", "category", VECTOR_COSINE("embedding", TO_VECTOR($2, float)) as "score" from "items" ' +
          'where "category" = $3 order by VECTOR_COSINE("embedding", TO_VECTOR($4, float)) desc',
        parameters: [10, '[0.5,-0.25,1]', 'news', '[0.5,-0.25,1]'],
      })
    },
  )

  it('orders by dot product, and selects no score unless asked', () => {
    const q = db
      .selectFrom('items')
      .select('id')
      .$call((qb) =>
        nearestNeighbors(qb, {
          column: 'embedding',
          vector: new Float64Array(query),
          k: 3,
          metric: 'dotProduct',
        }),
      )
    expect(compiled(q).sql).toBe(
      'select top $1 "id" from "items" order by VECTOR_DOT_PRODUCT("embedding", TO_VECTOR($2, float)) desc',
    )
  })

  it('types the score as a number', async () => {
    const rows = [] as Awaited<ReturnType<ReturnType<typeof search>['execute']>>
    const score: number | undefined = rows[0]?.score
    const category: string | undefined = rows[0]?.category
    expect([score, category]).toEqual([undefined, undefined])
  })

  it.each([
    ['k = 0', { k: 0 }, /k must be a whole number of at least 1/],
    ['k = 2.5', { k: 2.5 }, /k must be a whole number/],
    ['an unknown metric', { metric: 'l2' }, /metric "l2" is not supported/],
    ['a NaN in the vector', { vector: [Number.NaN] }, /element 0 is NaN/],
    [
      'a score alias with a quote',
      { scoreAs: 'sc"ore' },
      /scoreAs "sc\\"ore" is not a plain IRIS name/,
    ],
  ])('refuses %s', (_, override, message) => {
    const options = { column: 'embedding', vector: query, k: 5, ...override } as Parameters<
      typeof nearestNeighbors
    >[1]
    expect(() => nearestNeighbors(db.selectFrom('items').select('id'), options)).toThrow(
      IrisInputError,
    )
    expect(() => nearestNeighbors(db.selectFrom('items').select('id'), options)).toThrow(message)
  })

  it('refuses a builder that is already ordered or limited', () => {
    const options = { column: 'embedding', vector: query, k: 5 }
    for (const qb of [
      db.selectFrom('items').select('id').orderBy('id'),
      db.selectFrom('items').select('id').limit(3),
      db.selectFrom('items').select('id').top(3),
    ]) {
      expect(() => nearestNeighbors(qb, options)).toThrow(
        /without orderBy, limit, offset, fetch or top/,
      )
    }
  })
})

describe('vectorType: VECTOR(type, length) for addColumn', () => {
  it('renders the column type in a CREATE TABLE', () => {
    const ddl = db.schema
      .createTable('items')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('embedding', vectorType('float', 384))
      .addColumn('exact', vectorType('double', 3))
      .addColumn('loose', vectorType('decimal'))
    expect(compiled(ddl)).toEqual({
      sql: 'create table "items" ("id" integer primary key, "embedding" VECTOR(float, 384), "exact" VECTOR(double, 3), "loose" VECTOR(decimal))',
      parameters: [],
    })
  })

  it.each([
    ['a zero length', () => vectorType('float', 0), /whole number from 1 to 65536/],
    ['a fractional length', () => vectorType('float', 3.5), /whole number from 1 to 65536/],
    ['a huge length', () => vectorType('float', 100_000), /whole number from 1 to 65536/],
    ['a string vector', () => vectorType('string' as 'float', 3), /"string" is not supported/],
    ['SQL in the type', () => vectorType('float, 3); drop table x' as 'float'), /is not supported/],
  ])('refuses %s', (_, call, message) => {
    expect(call).toThrow(IrisInputError)
    expect(call).toThrow(message)
  })
})

describe('createHnswIndex', () => {
  it('emits CREATE INDEX … AS HNSW with quoted names and no parameters', () => {
    expect(
      compiled(
        createHnswIndex({
          name: 'items_hnsw',
          table: 'items',
          column: 'embedding',
          distance: 'cosine',
        }),
      ),
    ).toEqual({
      sql: `CREATE INDEX "items_hnsw" ON "items" ("embedding") AS HNSW(Distance='Cosine')`,
      parameters: [],
    })
    const full = createHnswIndex({
      name: 'ix',
      table: 'SQLUser.items',
      column: 'embedding',
      distance: 'dotProduct',
      m: 16,
      efConstruct: 200,
    })
    expect(compiled(full)).toEqual({
      sql: `CREATE INDEX "ix" ON "SQLUser"."items" ("embedding") AS HNSW(Distance='DotProduct', M=16, efConstruct=200)`,
      parameters: [],
    })
  })

  const base = { name: 'ix', table: 'items', column: 'embedding', distance: 'cosine' } as const
  it.each([
    ['a quoted index name', { name: 'ix"; drop' }, /HNSW index name/],
    ['a qualified index name', { name: 's.ix' }, /HNSW index name/],
    ['a placeholder in the table', { table: 't$1' }, /HNSW table/],
    ['three-part table', { table: 'a.b.c' }, /HNSW table/],
    ['a qualified column', { column: 'items.embedding' }, /HNSW column/],
    ['an unknown distance', { distance: 'L2' }, /distance "L2" is not supported/],
    ['an inherited distance key', { distance: 'toString' }, /distance "toString" is not supported/],
    ['M = 1', { m: 1 }, /HNSW M must be a whole number from 2 to 1000/],
    ['M = 16.5', { m: 16.5 }, /HNSW M/],
    ['M = NaN', { m: Number.NaN }, /HNSW M/],
    ['efConstruct = 0', { efConstruct: 0 }, /efConstruct must be a whole number from 1 to 10000/],
    ['efConstruct as a string', { efConstruct: '64' }, /efConstruct/],
  ])('refuses %s', (_, override, message) => {
    const call = () =>
      createHnswIndex({ ...base, ...override } as Parameters<typeof createHnswIndex>[0])
    expect(call).toThrow(IrisInputError)
    expect(call).toThrow(message)
  })
})
