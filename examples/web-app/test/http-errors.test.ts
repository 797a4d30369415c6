import {
  IrisConnectionError,
  IrisError,
  IrisForeignKeyViolationError,
  IrisInputError,
  IrisNotFoundError,
  IrisSyntaxError,
  IrisTimeoutError,
  IrisUniqueViolationError,
  IrisVectorMismatchError,
} from 'kysely-iris'
import { describe, expect, it } from 'vitest'
import { HttpError, mapError } from '../src/http-errors.js'
import { SQL_WORDS } from './sql-words.js'

const SQL = 'insert into "document" ("slug") values ($1)'
const serverMessage =
  '[SQLCODE: <-119>:<UNIQUE or PRIMARY KEY constraint failed>] insert into "document"'

/** Each error class the app can meet, and the status it must become (no server needed). */
const cases: Array<[string, unknown, number]> = [
  [
    'IrisUniqueViolationError',
    new IrisUniqueViolationError(serverMessage, { sqlcode: -119, sql: SQL }),
    409,
  ],
  [
    'IrisForeignKeyViolationError',
    new IrisForeignKeyViolationError(serverMessage, { sqlcode: -121, sql: SQL }),
    400,
  ],
  ['IrisInputError', new IrisInputError('the vector has 3 elements but the column holds 384'), 400],
  [
    'IrisVectorMismatchError',
    new IrisVectorMismatchError(serverMessage, { sqlcode: -259, sql: SQL }),
    400,
  ],
  [
    'IrisConnectionError',
    new IrisConnectionError(`connect ECONNREFUSED while running ${SQL}`),
    503,
  ],
  ['IrisTimeoutError', new IrisTimeoutError(`timeout running ${SQL}`, { sql: SQL }), 503],
  [
    'IrisNotFoundError (a missing table is a server fault)',
    new IrisNotFoundError(serverMessage, { sqlcode: -30, sql: SQL }),
    500,
  ],
  ['IrisSyntaxError', new IrisSyntaxError(serverMessage, { sqlcode: -1, sql: SQL }), 500],
  ['a bare IrisError', new IrisError(serverMessage, { sql: SQL }), 500],
  ['a route 404', new HttpError(404, 'document 7 not found'), 404],
  ['an unexpected error', new Error(`boom in ${SQL}`), 500],
]

describe('mapError', () => {
  it.each(cases)('%s → its HTTP status, with a message free of SQL', (_, error, statusCode) => {
    const mapped = mapError(error)
    expect(mapped.statusCode).toBe(statusCode)
    expect(mapped.message).not.toMatch(SQL_WORDS)
    expect(mapped.message).not.toContain('SQLCODE')
  })
})
