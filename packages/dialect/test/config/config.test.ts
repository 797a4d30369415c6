import { describe, expect, it, vi } from 'vitest'
import { typeParsers } from '../../src/create-pool.js'
import { DEFAULT_CONNECTION_STRING, IrisConfigError, IrisDialect } from '../../src/index.js'
import { resolveIrisDialectConfig } from '../../src/iris-dialect-config.js'

describe('configuration', () => {
  it('defaults: IRIS_URL, else DATABASE_URL, else the local default', () => {
    expect(resolveIrisDialectConfig({}, {}).connectionString).toBe(DEFAULT_CONNECTION_STRING)
    expect(DEFAULT_CONNECTION_STRING).toBe('postgres://_SYSTEM:SYS@localhost:5432/USER')
    expect(
      resolveIrisDialectConfig({}, { DATABASE_URL: 'postgres://d@h/USER' }).connectionString,
    ).toBe('postgres://d@h/USER')
    expect(
      resolveIrisDialectConfig(
        {},
        { DATABASE_URL: 'postgres://d@h/USER', IRIS_URL: 'postgres://i@h/USER' },
      ).connectionString,
    ).toBe('postgres://i@h/USER')
    expect(
      resolveIrisDialectConfig(
        { connectionString: 'postgres://c@h/USER' },
        { IRIS_URL: 'postgres://i@h/USER' },
      ).connectionString,
    ).toBe('postgres://c@h/USER')
  })

  it('documented defaults', () => {
    expect(resolveIrisDialectConfig({}, {})).toMatchObject({
      paging: 'limit',
      int8: 'number',
      numeric: 'string',
      date: 'string',
      bulkInsert: 'values',
      maxParameters: 2000,
      insertId: false,
    })
  })

  it('irisVersion chooses paging; a contradiction is refused', () => {
    expect(resolveIrisDialectConfig({ irisVersion: '2024.1' }, {}).paging).toBe('top')
    expect(resolveIrisDialectConfig({ irisVersion: '2025.1' }, {}).paging).toBe('limit')
    expect(resolveIrisDialectConfig({ irisVersion: '2025.3', paging: 'limit' }, {}).paging).toBe(
      'limit',
    )
    expect(() => resolveIrisDialectConfig({ irisVersion: '2024.1', paging: 'limit' }, {})).toThrow(
      /contradicts/,
    )
  })

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['unknown option', { pagin: 'top' }, /unknown IrisDialect option "pagin"/],
    [
      'renamed option',
      { statementTimeoutMillis: 100 },
      /"statementTimeoutMillis" is now "queryTimeoutMillis"/,
    ],
    [
      'bad queryTimeoutMillis',
      { queryTimeoutMillis: 0 },
      /"queryTimeoutMillis" must be an integer >= 1/,
    ],
    ['bad paging', { paging: 'fetch' }, /"paging" must be one of 'limit', 'top'/],
    ['bad int8', { int8: 'float' }, /"int8"/],
    ['bad numeric', { numeric: 'bigint' }, /"numeric"/],
    ['bad date', { date: 'iso' }, /"date"/],
    ['bad bulkInsert', { bulkInsert: 'copy' }, /"bulkInsert"/],
    ['bad maxParameters', { maxParameters: 0 }, /"maxParameters" must be an integer >= 1/],
    ['bad pool size', { maxConnections: 1.5 }, /"maxConnections"/],
    ['bad timeout', { connectionTimeoutMillis: -1 }, /"connectionTimeoutMillis"/],
    ['bad insertId', { insertId: 'yes' }, /"insertId" must be true or false/],
    ['bad pool', { pool: {} }, /"pool" must be a pg Pool/],
    ['bad cursor', { cursor: 'pg-cursor' }, /"cursor" must be a function/],
    ['bad irisVersion', { irisVersion: '25' }, /"irisVersion" must look like/],
    ['not a URL', { connectionString: 'localhost:5432' }, /not a URL|must start with postgres/],
    [
      'wrong scheme',
      { connectionString: 'mysql://u:secret@h/USER' },
      /must start with postgres:\/\//,
    ],
  ]
  for (const [name, config, message] of invalid) {
    it(`${name} → IrisConfigError at construction`, () => {
      expect(() => new IrisDialect(config as never)).toThrowError(IrisConfigError)
      expect(() => new IrisDialect(config as never)).toThrowError(message)
    })
  }

  it('never prints a password in a config error', () => {
    expect(() => new IrisDialect({ connectionString: 'mysql://u:secret@h/USER' })).toThrowError(
      /u:\*\*\*@/,
    )
  })

  it('type parsing is per pool and never touches pg.types', async () => {
    const fallback = { getTypeParser: () => (v: string) => `fallback:${v}` }
    const parse = (config: Parameters<typeof typeParsers>[0], oid: number, value: string) =>
      typeParsers(config, fallback)(oid, 'text')(value)
    expect(parse({ int8: 'number', numeric: 'string', date: 'string' }, 20, '42')).toBe(42)
    expect(
      parse({ int8: 'bigint', numeric: 'string', date: 'string' }, 20, '9007199254740993'),
    ).toBe(9007199254740993n)
    expect(parse({ int8: 'string', numeric: 'string', date: 'string' }, 20, '42')).toBe('42')
    expect(parse({ int8: 'number', numeric: 'number', date: 'string' }, 1700, '1.50')).toBe(1.5)
    expect(parse({ int8: 'number', numeric: 'string', date: 'string' }, 1700, '1.50')).toBe('1.50')
    expect(
      parse({ int8: 'number', numeric: 'string', date: 'string' }, 1114, '2024-01-02 03:04:05'),
    ).toBe('2024-01-02 03:04:05')
    expect(
      parse({ int8: 'number', numeric: 'string', date: 'Date' }, 1114, '2024-01-02 03:04:05.5'),
    ).toEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 500)))
    expect(parse({ int8: 'number', numeric: 'string', date: 'Date' }, 1082, '2024-01-02')).toEqual(
      new Date(Date.UTC(2024, 0, 2)),
    )
    expect(parse({ int8: 'number', numeric: 'string', date: 'string' }, 25, 'x')).toBe('fallback:x')
    // A bool is a BIT's 1 / 0, as the embedded backend sends it (docs/iris-sql.md#booleans).
    const bool = (value: string) =>
      parse({ int8: 'number', numeric: 'string', date: 'string' }, 16, value)
    expect(['t', 'f', 'true', 'false', '1', '0'].map(bool)).toEqual([1, 0, 1, 0, 1, 0])
    const pg = await import('pg')
    expect(pg.default.types.getTypeParser(20, 'text')('42')).toBe('42')
  })

  it('a missing pg says how to install it', async () => {
    vi.resetModules()
    vi.doMock('pg', () => {
      throw new Error("Cannot find package 'pg'")
    })
    try {
      const { createPool } = await import('../../src/create-pool.js')
      await expect(createPool(resolveIrisDialectConfig({}, {}))).rejects.toThrowError(
        /npm install pg/,
      )
    } finally {
      vi.doUnmock('pg')
    }
  })
})
