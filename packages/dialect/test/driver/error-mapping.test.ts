import { describe, expect, it } from 'vitest'
import {
  IrisConnectionError,
  IrisError,
  IrisForeignKeyViolationError,
  IrisLockError,
  IrisNotFoundError,
  IrisNotNullViolationError,
  IrisSyntaxError,
  IrisTimeoutError,
  IrisUniqueViolationError,
  IrisVectorMismatchError,
  parseSqlcode,
  toIrisError,
} from '../../src/index.js'

/**
 * A pg DatabaseError as iris-pgwire sends it: SQLSTATE 42000, the SQLCODE in the message
 * (docs/iris-sql.md#error-format).
 */
function serverError(sqlcode: number, text = 'message') {
  return Object.assign(new Error(`[SQLCODE: <${sqlcode}>:<${text}>] [%msg: <details>]`), {
    code: '42000',
    severity: 'ERROR',
  })
}

describe('error mapping by SQLCODE', () => {
  const table: [number, typeof IrisError][] = [
    [-1, IrisSyntaxError],
    [-12, IrisSyntaxError],
    [-25, IrisSyntaxError],
    [-29, IrisNotFoundError],
    [-30, IrisNotFoundError],
    [-104, IrisError],
    [-108, IrisNotNullViolationError],
    [-110, IrisLockError],
    [-114, IrisLockError],
    [-119, IrisUniqueViolationError],
    [-120, IrisUniqueViolationError],
    [-121, IrisForeignKeyViolationError],
    [-122, IrisForeignKeyViolationError],
    [-123, IrisForeignKeyViolationError],
    [-124, IrisForeignKeyViolationError],
    [-257, IrisVectorMismatchError],
    [-258, IrisVectorMismatchError],
    [-259, IrisVectorMismatchError],
    [-386, IrisSyntaxError],
    [-400, IrisError],
  ]
  for (const [sqlcode, ErrorClass] of table) {
    it(`SQLCODE ${sqlcode} → ${ErrorClass.name}`, () => {
      const cause = serverError(sqlcode, 'what IRIS said')
      const error = toIrisError(cause, 'select 1')
      expect(error).toBeInstanceOf(ErrorClass)
      expect(error.constructor).toBe(ErrorClass)
      expect(error).toMatchObject({ sqlcode, sqlstate: '42000', sql: 'select 1', cause })
      expect(error.message).toBe(`IRIS SQLCODE ${sqlcode}: what IRIS said`)
    })
  }

  it('parses the SQLCODE out of the message', () => {
    expect(parseSqlcode('x [SQLCODE: <-119>:<UNIQUE failed>] y')).toEqual({
      sqlcode: -119,
      text: 'UNIQUE failed',
    })
    expect(parseSqlcode('no code here')).toBeUndefined()
  })

  it('connection, authentication and timeout failures', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH']) {
      const unreachable = toIrisError(Object.assign(new Error(`connect ${code}`), { code }))
      expect(unreachable).toBeInstanceOf(IrisConnectionError)
      expect(unreachable.message).toMatch(/check the host and port in the connection string/)
    }
    expect(toIrisError(new Error('Connection terminated unexpectedly'))).toBeInstanceOf(
      IrisConnectionError,
    )
    expect(
      toIrisError(Object.assign(new Error('password authentication failed'), { code: '28P01' })),
    ).toBeInstanceOf(IrisConnectionError)
    // pg-pool's connectionTimeoutMillis failures name the settings to change.
    const poolFull = toIrisError(new Error('timeout exceeded when trying to connect'))
    expect(poolFull).toBeInstanceOf(IrisTimeoutError)
    expect(poolFull.message).toMatch(/maxConnections or connectionTimeoutMillis/)
    const slowConnect = toIrisError(new Error('Connection terminated due to connection timeout'))
    expect(slowConnect).toBeInstanceOf(IrisTimeoutError)
    expect(slowConnect.message).toMatch(/raise connectionTimeoutMillis/)
    expect(toIrisError(new Error('Query read timeout'))).toBeInstanceOf(IrisTimeoutError)
    const other = toIrisError(new Error('something else'))
    expect(other.constructor).toBe(IrisError)
  })

  it('passes IrisErrors through unchanged', () => {
    const error = new IrisLockError('x')
    expect(toIrisError(error)).toBe(error)
  })
})
