import { IrisInputError } from '../errors.js'

/**
 * Reads a vector as IRIS returns it, comma-separated text without brackets
 * (docs/iris-sql.md#vector-results), into numbers. Brackets are accepted too, and `null` passes
 * through. IRIS may write `.5` for 0.5 or `1E-7`, which `Number` reads. Text that is not a list of
 * numbers is an {@link IrisInputError}.
 */
export function parseVector(text: string): number[]
export function parseVector(text: string | null | undefined): number[] | null
export function parseVector(text: string | null | undefined): number[] | null {
  if (text === null || text === undefined) return null
  if (typeof text !== 'string')
    throw new IrisInputError(`a vector to parse must be text, not a ${typeof text}`)
  const body = text
    .trim()
    .replace(/^\[(.*)\]$/s, '$1')
    .trim()
  if (body === '') return []
  return body.split(',').map((part, index) => {
    const element = part.trim()
    const value = element === '' ? Number.NaN : Number(element)
    if (Number.isNaN(value)) {
      throw new IrisInputError(
        `vector element ${index} (${JSON.stringify(element)}) is not a number in ${JSON.stringify(text.slice(0, 60))}`,
      )
    }
    return value
  })
}
