import { IrisInputError } from './errors.js'
import { LONE_SURROGATE } from './iris-sql-text.js'

/**
 * What a JS value becomes as a statement parameter (docs/iris-sql.md#parameter-re-typing,
 * docs/iris-sql.md#dates-and-times, docs/iris-sql.md#booleans): booleans 1/0, dates in IRIS's ODBC
 * format in UTC; types iris-pgwire cannot carry are refused before anything is sent.
 */
export function toIrisParameter(value: unknown): unknown {
  switch (typeof value) {
    case 'boolean':
      return value ? 1 : 0
    case 'number':
      if (!Number.isFinite(value))
        throw new IrisInputError(`${value} cannot be stored in IRIS; pass a finite number`)
      return value
    case 'bigint':
      return value
    case 'string':
      checkNoNul(value)
      checkWellFormed(value)
      return value
    case 'undefined':
      return null
    case 'object':
      if (value === null) return null
      if (value instanceof Date) return toOdbcTimestamp(value)
      throw new IrisInputError(
        `${describe(value)} cannot be sent to IRIS (iris-pgwire takes no binary parameters, arrays or objects); ` +
          'pass a string, number, bigint, boolean, Date or null (for a list use `in`)',
      )
    default:
      throw new IrisInputError(`a ${typeof value} cannot be sent to IRIS as a value`)
  }
}

/** A Date as `YYYY-MM-DD HH:MM:SS.fff` in UTC (docs/iris-sql.md#dates-and-times). */
export function toOdbcTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime()))
    throw new IrisInputError('Invalid Date cannot be sent to IRIS; pass a valid Date')
  // The ODBC format has a four-digit year (docs/iris-sql.md#dates-and-times); toISOString writes
  // others as ±YYYYYY.
  const year = date.getUTCFullYear()
  if (year < 1 || year > 9999) {
    throw new IrisInputError(
      `a Date in year ${year} cannot be sent to IRIS, whose timestamps hold years 1 to 9999; pass a Date in that range`,
    )
  }
  return date.toISOString().replace('T', ' ').replace('Z', '')
}

export function checkNoNul(value: string): void {
  if (value.includes('\0')) {
    throw new IrisInputError(
      'a string containing NUL (\\0) cannot be sent to IRIS; remove the NUL character',
    )
  }
}

/**
 * A lone surrogate cannot be encoded as UTF-8: `pg` would send U+FFFD, silently changing the value
 * (docs/iris-sql.md#text-encoding).
 */
function checkWellFormed(value: string): void {
  if (LONE_SURROGATE.test(value)) {
    throw new IrisInputError(
      'a string that is not well-formed Unicode (a lone surrogate) cannot be sent to IRIS unchanged; fix the string',
    )
  }
}

function describe(value: object): string {
  if (Array.isArray(value)) return 'an array'
  if (value instanceof Uint8Array) return 'a Buffer/Uint8Array'
  return `an object (${value.constructor?.name ?? 'Object'})`
}
