import { IrisInputError } from '../errors.js'
import type { IrisVectorElementType } from '../iris-metadata.js'

/**
 * The element types the vector helpers write: the numeric ones (docs/iris-sql.md#the-vector-type).
 * STRING and TIMESTAMP vectors have no similarity semantics, so the helpers refuse them.
 */
export type VectorElementType = Extract<
  IrisVectorElementType,
  'float' | 'double' | 'decimal' | 'integer'
>

export const VECTOR_ELEMENT_TYPES: readonly VectorElementType[] = [
  'float',
  'double',
  'decimal',
  'integer',
]

/** What the helpers accept as a vector's values. */
export type VectorValues = readonly number[] | Float32Array | Float64Array

/**
 * The most elements a vector may have, checked before anything is sent. Embedding models stay far
 * below it (384 … 4 096); at worst ~25 characters an element its text stays under IRIS's
 * 3 641 144-character string limit (see {@link MAX_VECTOR_TEXT_LENGTH}). IRIS's own limit is
 * unverified (docs/iris-sql.md#the-vector-type).
 */
export const MAX_VECTOR_DIMENSIONS = 65_536

/** IRIS's longest string (long strings enabled, the default); a vector's text must fit in it. */
export const MAX_VECTOR_TEXT_LENGTH = 3_641_144

export interface VectorTextOptions {
  /** Element type the server converts to (`TO_VECTOR(…, type)`); default `float`. */
  readonly elementType?: VectorElementType
  /** The column's declared length, when known: a vector of another length is refused. */
  readonly dimensions?: number
}

/**
 * Validates a vector and writes it as the one text parameter `TO_VECTOR` takes: `[0.1,0.2,…]`
 * (docs/iris-sql.md#to_vector). Every problem is an {@link IrisInputError} raised before anything
 * is sent.
 *
 * The brackets are optional for IRIS, but they keep a one-element vector from looking like a
 * number, which iris-pgwire would re-type
 * (docs/iris-sql.md#parameter-re-typing).
 */
export function toVectorText(values: VectorValues, options: VectorTextOptions = {}): string {
  const elementType = checkElementType(options.elementType ?? 'float')
  if (
    !(Array.isArray(values) || values instanceof Float32Array || values instanceof Float64Array)
  ) {
    throw new IrisInputError(
      `a vector must be a number[], Float32Array or Float64Array, not ${describe(values)}`,
    )
  }
  if (values.length === 0)
    throw new IrisInputError(
      'an empty vector cannot be stored or compared; pass at least one number',
    )
  if (values.length > MAX_VECTOR_DIMENSIONS) {
    throw new IrisInputError(
      `a vector of ${values.length} elements is longer than the ${MAX_VECTOR_DIMENSIONS} kysely-iris accepts`,
    )
  }
  if (options.dimensions !== undefined && values.length !== checkDimensions(options.dimensions)) {
    throw new IrisInputError(
      `the vector has ${values.length} elements but the column holds ${options.dimensions}; pass a vector of ${options.dimensions}`,
    )
  }
  let text = '['
  for (let index = 0; index < values.length; index++) {
    if (index > 0) text += ','
    text += formatVectorElement(values[index], index, elementType)
  }
  text += ']'
  if (text.length > MAX_VECTOR_TEXT_LENGTH) {
    throw new IrisInputError(
      `the vector's text is ${text.length} characters, longer than IRIS's ${MAX_VECTOR_TEXT_LENGTH}-character strings`,
    )
  }
  return text
}

/** Checks a declared vector length (`dimensions`, `VECTOR(type, length)`). */
export function checkDimensions(dimensions: number): number {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_VECTOR_DIMENSIONS) {
    throw new IrisInputError(
      `a vector length must be a whole number from 1 to ${MAX_VECTOR_DIMENSIONS}, not ${String(dimensions)}`,
    )
  }
  return dimensions
}

export function checkElementType(elementType: unknown): VectorElementType {
  if (!VECTOR_ELEMENT_TYPES.includes(elementType as VectorElementType)) {
    throw new IrisInputError(
      `vector element type ${JSON.stringify(elementType)} is not supported; use one of ${VECTOR_ELEMENT_TYPES.join(', ')}`,
    )
  }
  return elementType as VectorElementType
}

/**
 * One element as the shortest text that reads back as the same double (what `String` gives), but
 * never in exponent form: `1e-7` is written `0.0000001`, because whether IRIS's TO_VECTOR reads
 * exponents is unverified (docs/iris-sql.md#to_vector). `-0` keeps its sign.
 */
function formatVectorElement(
  value: unknown,
  index: number,
  elementType: VectorElementType,
): string {
  if (typeof value !== 'number') {
    throw new IrisInputError(`vector element ${index} is ${describe(value)}, not a number`)
  }
  if (!Number.isFinite(value)) {
    throw new IrisInputError(
      `vector element ${index} is ${value}; IRIS vectors hold finite numbers only`,
    )
  }
  // TO_VECTOR would truncate a fraction without error (docs/iris-sql.md#to_vector).
  if (elementType === 'integer' && !Number.isSafeInteger(value)) {
    throw new IrisInputError(
      `vector element ${index} is ${value}, not a whole number; an integer vector would truncate it silently`,
    )
  }
  const sent = elementType === 'float' ? floatElement(value) : value
  if (!Number.isFinite(sent)) {
    throw new IrisInputError(
      `vector element ${index} is ${value}, beyond single precision, the range of a FLOAT vector's elements; use a double vector`,
    )
  }
  if (Object.is(sent, -0)) return '-0'
  const text = String(sent)
  return text.includes('e') ? expandExponent(text) : text
}

/**
 * What a `float` element is written as. A double is written as itself, and a server reading its
 * text straight into single precision gets the float `Math.fround` gives, except when the double
 * lies exactly halfway between two floats: its shortest text is then not exactly halfway, and such
 * a reader may round it the other way (the sim's pgvector does, docs/iris-sql.md#the-vector-type).
 * That double is written as the float `Math.fround` picks (ties to even). Beyond single precision:
 * Infinity.
 */
function floatElement(value: number): number {
  const nearest = Math.fround(value)
  const mirror = 2 * value - nearest
  const halfway =
    nearest !== value && Math.fround(mirror) === mirror && (nearest + mirror) / 2 === value
  return halfway || !Number.isFinite(nearest) ? nearest : value
}

const EXPONENT_FORM = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/

/** `-1.25e-7` → `-0.000000125`; `1e+21` → `1000000000000000000000`. */
function expandExponent(text: string): string {
  const match = EXPONENT_FORM.exec(text)
  if (!match) throw new IrisInputError(`cannot write the number ${text} as a decimal`)
  const [, sign = '', lead = '', fraction = '', exponent = '0'] = match
  const digits = lead + fraction
  const point = 1 + Number(exponent)
  return point <= 0
    ? `${sign}0.${'0'.repeat(-point)}${digits}`
    : `${sign}${digits}${'0'.repeat(Math.max(0, point - digits.length))}`
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined (a hole or a missing value)'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`
  return `a ${typeof value} (${String(value)})`
}
