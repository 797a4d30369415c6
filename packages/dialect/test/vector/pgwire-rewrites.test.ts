/**
 * The vector helpers' SQL passes iris-pgwire's extended-path rewrites unchanged: no upper-case
 * DOUBLE (docs/iris-sql.md#the-double-rewrite), no ORDER BY its alias rewrite touches, and no
 * pgvector distance operator (docs/iris-sql.md#distance-operators).
 */
import { type Compilable, type RawBuilder, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisUnsupportedError } from '../../src/errors.js'
import {
  cosineDistance,
  cosineSimilarity,
  createHnswIndex,
  dotProduct,
  nearestNeighbors,
  VECTOR_ELEMENT_TYPES,
  vectorType,
} from '../../src/index.js'
import { compileOnlyDb } from './compile-db.js'
import {
  pgwireDoubleRewrite,
  pgwireOrderByAliasRewrite,
  pgwirePlaceholders,
} from './pgwire-rewrites.js'

const db = compileOnlyDb()
const vector = [2, -1, 3]

function sqlOf(query: Compilable | RawBuilder<unknown>): string {
  return ('isRawBuilder' in query ? query.compile(db) : query.compile()).sql
}

/** Every statement shape the helpers write, for each element type. */
const helperStatements = VECTOR_ELEMENT_TYPES.flatMap((elementType) => [
  sqlOf(
    db
      .selectFrom('items')
      .select([
        cosineSimilarity('embedding', vector, { elementType }).as('cosine'),
        dotProduct('items.embedding', vector, { elementType }).as('dot'),
        cosineDistance('embedding', vector, { elementType }).as('distance'),
      ]),
  ),
  ...(['cosine', 'dotProduct'] as const).map((metric) =>
    sqlOf(
      db
        .selectFrom('items')
        .select(['id', (eb) => eb.cast<number>('id', 'double precision').as('n')])
        .where('category', '=', 'news')
        .$call((qb) =>
          nearestNeighbors(qb, {
            column: 'embedding',
            vector,
            k: 5,
            metric,
            elementType,
            scoreAs: 'score',
          }),
        ),
    ),
  ),
  sqlOf(
    db.schema
      .createTable('items')
      .addColumn('embedding', vectorType(elementType, 3))
      .addColumn('loose', vectorType(elementType)),
  ),
  sqlOf(db.schema.alterTable('items').addColumn('extra', vectorType(elementType, 3))),
])
const hnswStatements = (['cosine', 'dotProduct'] as const).map((distance) =>
  sqlOf(createHnswIndex({ name: 'ix', table: 'items', column: 'embedding', distance, m: 16 })),
)

describe('the vector helpers against iris-pgwire 1.0.1 rewrites', () => {
  it.each([...helperStatements, ...hnswStatements].map((statement) => [statement]))(
    'no upper-case DOUBLE, so the DOUBLE rewrite leaves it alone: %s',
    (statement) => {
      expect(statement).not.toMatch(/DOUBLE/)
      expect(pgwireDoubleRewrite(statement)).toBe(pgwirePlaceholders(statement))
    },
  )

  it.each(helperStatements.map((statement) => [statement]))(
    'the ORDER BY alias rewrite leaves it alone: %s',
    (statement) => {
      expect(pgwireOrderByAliasRewrite(statement)).toBe(pgwirePlaceholders(statement))
    },
  )

  it.each([...helperStatements, ...hnswStatements].map((statement) => [statement]))(
    'no pgvector distance operator: %s',
    (statement) => {
      expect(statement).not.toMatch(/<=>|<#>|<->/)
    },
  )

  it('the ports do rewrite what iris-pgwire rewrites', () => {
    expect(pgwireDoubleRewrite('select cast(x as double) as "DOUBLE_X" from t')).toBe(
      'select cast(x as double) as "DOUBLE PRECISION_X" from t',
    )
    expect(pgwireOrderByAliasRewrite('select a + b as s from t order by s desc')).toBe(
      'select a + b as s from t ORDER BY a + b desc',
    )
  })
})

describe('pgvector distance operators in sql`...`', () => {
  it.each(['<=>', '<#>', '<->'])('%s is refused, pointing to the vector helpers', (operator) => {
    const build = () =>
      db
        .selectFrom('items')
        .select('id')
        .orderBy(sql`embedding ${sql.raw(operator)} ${'[1,2,3]'}`)
        .compile()
    expect(build).toThrow(IrisUnsupportedError)
    expect(build).toThrow(/similarity.*cosineSimilarity, dotProduct, nearestNeighbors/)
  })
})
