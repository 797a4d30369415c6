import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { DiffChecker } from '../src/kysely-codegen.js'
import { typeIdentifiersOf } from '../src/type-identifiers.js'

describe('typeIdentifiersOf (kysely-codegen without the TypeScript compiler)', () => {
  it('finds the names of generics, intersections, arrays and qualified names', () => {
    expect(
      typeIdentifiersOf('ColumnType<number[] & VectorBrand<N, E>, string & VectorBrand<N, E>>'),
    ).toEqual(['ColumnType', 'number', 'VectorBrand', 'N', 'E', 'string'])
    expect(typeIdentifiersOf('Temporal.Instant | null')).toEqual(['Temporal.Instant', 'null'])
  })

  it('skips names inside string and template literals', () => {
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a TypeScript template literal type
      typeIdentifiersOf('"Generated" | \'ColumnType\' | `note:${string}` | JSONColumnType<Foo>'),
    ).toEqual(['JSONColumnType', 'Foo'])
  })

  it("is the parser kysely-codegen's transformer uses, whatever typescript resolves", () => {
    expect(DiffChecker).toBeTypeOf('function')
    const require = createRequire(import.meta.url)
    const { typeExpressionParser } =
      require('kysely-codegen/dist/generator/parser/type-expression-parser.js') as {
        typeExpressionParser: { extractTypeIdentifiers(type: string): string[] }
      }
    expect(typeExpressionParser.extractTypeIdentifiers('string & VectorBrand<N, E>')).toEqual(
      typeIdentifiersOf('string & VectorBrand<N, E>'),
    )
    expect(typeExpressionParser.constructor.name).toBe('LexicalTypeExpressionParser')
  })
})
