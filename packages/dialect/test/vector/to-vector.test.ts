import { describe, expect, it } from 'vitest'
import { IrisInputError } from '../../src/errors.js'
import { MAX_VECTOR_DIMENSIONS, parseVector, toVector } from '../../src/index.js'
import { compileOnlyDb } from './compile-db.js'

const db = compileOnlyDb()

function compiled(expression: ReturnType<typeof toVector>) {
  const { sql, parameters } = expression.compile(db)
  return { sql, parameters }
}

describe('toVector', () => {
  it('sends the vector as one bracketed text parameter with a lower-case type word', () => {
    expect(compiled(toVector([0.1, 0.2, -3]))).toEqual({
      sql: 'TO_VECTOR($1, float)',
      parameters: ['[0.1,0.2,-3]'],
    })
    expect(compiled(toVector([1, 2], 'double'))).toEqual({
      sql: 'TO_VECTOR($1, double)',
      parameters: ['[1,2]'],
    })
    expect(compiled(toVector([1, 2], { elementType: 'integer', dimensions: 2 }))).toEqual({
      sql: 'TO_VECTOR($1, integer)',
      parameters: ['[1,2]'],
    })
    expect(compiled(toVector([1.5], 'decimal')).sql).toBe('TO_VECTOR($1, decimal)')
  })

  it('brackets a one-element vector so the server cannot re-type it as a number', () => {
    expect(compiled(toVector([0.5])).parameters).toEqual(['[0.5]'])
  })

  it('accepts Float32Array and Float64Array, writing the exact element value', () => {
    expect(compiled(toVector(new Float64Array([0.1, 0.25]))).parameters).toEqual(['[0.1,0.25]'])
    // 0.1 in single precision is 0.100000001490116…; the text reads back to that same float.
    const [text] = compiled(toVector(new Float32Array([0.1, 2]))).parameters as [string]
    expect(text).toBe('[0.10000000149011612,2]')
    expect(new Float32Array(parseVector(text))).toEqual(new Float32Array([0.1, 2]))
  })

  it('writes a float element lying halfway between two floats as the float ties-to-even picks', () => {
    // 1 + 2^-24 lies exactly halfway between the floats 1 and 1 + 2^-23: ties to even gives 1.
    const halfway = 1 + 2 ** -24
    expect(compiled(toVector([halfway, 0.1])).parameters).toEqual(['[1,0.1]'])
    expect(compiled(toVector([halfway], 'double')).parameters).toEqual(['[1.0000000596046448]'])
  })

  it('writes numbers without exponents, and each reads back as the same double', () => {
    const values = [
      1e-7,
      -1.25e-10,
      1e21,
      1.5e300,
      Number.MIN_VALUE,
      -0,
      123456789.123,
      0.30000000000000004,
    ]
    const [text] = compiled(toVector(values, 'double')).parameters as [string]
    expect(text).not.toMatch(/e/i)
    expect(text.startsWith('[0.0000001,-0.000000000125,1000000000000000000000,15')).toBe(true)
    const back = parseVector(text)
    expect(back).toEqual(values)
    expect(Object.is(back[5], -0)).toBe(true)
  })

  it('round-trips random doubles exactly through its text', () => {
    let seed = 12345
    const values = Array.from({ length: 2000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return (seed / 2 ** 31 - 0.5) * 10 ** ((seed % 40) - 20)
    })
    const [text] = compiled(toVector(values, 'double')).parameters as [string]
    expect(parseVector(text)).toEqual(values)
  })

  describe('refuses, before anything is sent, with IrisInputError', () => {
    const cases: [string, () => unknown, RegExp][] = [
      ['NaN, naming its index', () => toVector([1, Number.NaN]), /element 1 is NaN/],
      ['Infinity', () => toVector([Number.POSITIVE_INFINITY]), /element 0 is Infinity/],
      ['-Infinity', () => toVector([0, 0, Number.NEGATIVE_INFINITY]), /element 2 is -Infinity/],
      ['NaN in a Float32Array', () => toVector(new Float32Array([Number.NaN])), /element 0 is NaN/],
      ['an empty vector', () => toVector([]), /empty vector/],
      ['an empty typed array', () => toVector(new Float64Array(0)), /empty vector/],
      [
        'a string element',
        () => toVector([1, '2' as unknown as number]),
        /element 1 is the string "2", not a number/,
      ],
      ['a null element', () => toVector([null as unknown as number]), /element 0 is null/],
      ['a hole', () => toVector(new Array(2) as number[]), /element 0 is undefined/],
      ['a bigint element', () => toVector([1n as unknown as number]), /element 0 is a bigint/],
      [
        'a string vector',
        () => toVector('0.1,0.2' as unknown as number[]),
        /must be a number\[\], Float32Array or Float64Array/,
      ],
      [
        'an Int32Array',
        () => toVector(new Int32Array(2) as unknown as number[]),
        /not an object \(Int32Array\)/,
      ],
      ['null', () => toVector(null as unknown as number[]), /not null/],
      [
        'a wrong dimension',
        () => toVector([1, 2, 3], { dimensions: 384 }),
        /has 3 elements but the column holds 384/,
      ],
      [
        'a bad dimensions option',
        () => toVector([1], { dimensions: 1.5 }),
        /whole number from 1 to 65536/,
      ],
      [
        'a non-integer in an integer vector',
        () => toVector([1, 2.5], 'integer'),
        /element 1 is 2.5, not a whole number/,
      ],
      [
        'a double beyond single precision in a float vector',
        () => toVector([1e39]),
        /beyond single precision/,
      ],
      [
        'the string element type',
        () => toVector([1], 'string' as 'float'),
        /"string" is not supported/,
      ],
      [
        'an upper-case element type',
        () => toVector([1], 'DOUBLE' as 'double'),
        /"DOUBLE" is not supported/,
      ],
      [
        `more than ${MAX_VECTOR_DIMENSIONS} elements (100 000)`,
        () => toVector(new Float32Array(100_000)),
        /100000 elements is longer than the 65536/,
      ],
      [
        'text longer than an IRIS string',
        () => toVector(new Array(13_000).fill(1e-300), 'double'),
        /longer than IRIS's 3641144-character strings/,
      ],
    ]
    it.each(cases)('%s', (_, call, message) => {
      expect(call).toThrow(IrisInputError)
      expect(call).toThrow(message)
    })
  })

  it('takes the maximum length', () => {
    expect(compiled(toVector(new Float32Array(MAX_VECTOR_DIMENSIONS))).parameters).toHaveLength(1)
  })
})
