import { describe, expect, it } from 'vitest'
import { explainDefaultConnectionString } from '../../src/default-connection-hint.js'
import { IrisConnectionError, IrisSyntaxError, IrisTimeoutError } from '../../src/index.js'
import { resolveIrisDialectConfig } from '../../src/iris-dialect-config.js'
import { FakePool } from '../support/fake-pool.js'

const refused = () =>
  new IrisConnectionError('Could not reach the IRIS server (connect ECONNREFUSED)', {
    cause: new Error('connect ECONNREFUSED'),
  })

describe('a connection failure on the default connection string', () => {
  it('says the URL was the default, which one, and how to set one', () => {
    const config = resolveIrisDialectConfig({}, {})
    expect(config.connectionStringSource).toBe('default')
    const error = explainDefaultConnectionString(refused(), config)
    expect(error).toBeInstanceOf(IrisConnectionError)
    expect(error.message).toBe(
      'Could not reach the IRIS server (connect ECONNREFUSED). The connection string was the default postgres://_SYSTEM:SYS@localhost:5432/USER, because no connectionString was given and neither IRIS_URL nor DATABASE_URL is set: set IRIS_URL (postgres://user:password@host:port/NAMESPACE) or pass connectionString to IrisDialect',
    )
    expect(error.cause).toEqual(new Error('connect ECONNREFUSED'))
  })

  it('keeps the error class of a connect timeout', () => {
    const timeout = new IrisTimeoutError('Timed out: timeout expired')
    const error = explainDefaultConnectionString(timeout, resolveIrisDialectConfig({}, {}))
    expect(error).toBeInstanceOf(IrisTimeoutError)
    expect(error.message).toContain('was the default postgres://_SYSTEM:SYS@localhost:5432/USER')
  })

  it.each([
    ['connectionString', { connectionString: 'postgres://c@h/USER' }, {}],
    ['IRIS_URL', {}, { IRIS_URL: 'postgres://i@h/USER' }],
    ['DATABASE_URL', {}, { DATABASE_URL: 'postgres://d@h/USER' }],
  ] as const)('leaves the error alone when the URL came from %s', (source, config, env) => {
    const resolved = resolveIrisDialectConfig(config, env)
    expect(resolved.connectionStringSource).toBe(source)
    const error = refused()
    expect(explainDefaultConnectionString(error, resolved)).toBe(error)
  })

  it('leaves other errors, and a pool the user gave, alone', () => {
    const config = resolveIrisDialectConfig({}, {})
    const syntax = new IrisSyntaxError('IRIS SQLCODE -1: Invalid SQL statement')
    expect(explainDefaultConnectionString(syntax, config)).toBe(syntax)
    const error = refused()
    expect(explainDefaultConnectionString(error, { ...config, pool: new FakePool() })).toBe(error)
  })
})
