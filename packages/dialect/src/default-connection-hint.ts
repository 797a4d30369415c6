import { IrisConnectionError, type IrisError, IrisTimeoutError } from './errors.js'
import type { ResolvedIrisDialectConfig } from './iris-dialect-config.js'

/**
 * A connection that fails on the built-in default connection string usually means the user forgot
 * to set one; the error says that the URL was a default, which one, and how to set a real one.
 */
export function explainDefaultConnectionString(
  error: IrisError,
  config: Pick<ResolvedIrisDialectConfig, 'pool' | 'connectionString' | 'connectionStringSource'>,
): IrisError {
  const failedToConnect = error instanceof IrisConnectionError || error instanceof IrisTimeoutError
  if (!failedToConnect || config.pool !== undefined || config.connectionStringSource !== 'default')
    return error
  const ErrorClass = error.constructor as typeof IrisError
  return new ErrorClass(
    `${error.message}. The connection string was the default ${config.connectionString}, because no connectionString was given and neither IRIS_URL nor DATABASE_URL is set: set IRIS_URL (postgres://user:password@host:port/NAMESPACE) or pass connectionString to IrisDialect`,
    { sqlstate: error.sqlstate, sql: error.sql, cause: error.cause },
  )
}
