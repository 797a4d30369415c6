import { CompiledQuery, type DatabaseConnection } from 'kysely'
import { IrisConfigError } from './errors.js'

/** What to do when the server does not say it is IRIS: refuse the connection, warn once, or skip the check. */
export type IrisServerCheck = 'fail' | 'warn' | 'off'

export const SERVER_CHECKS: readonly IrisServerCheck[] = ['fail', 'warn', 'off']

/**
 * iris-pgwire answers `SELECT version()` with `PostgreSQL 16.0 (InterSystems IRIS PGWire Protocol)`
 * (docs/iris-sql.md#server-identity).
 */
const IRIS_VERSION = /InterSystems IRIS/i

/** The code of the process warning emitted in `warn` mode. */
export const NOT_IRIS_WARNING = 'KYSELY_IRIS_NOT_IRIS'

/**
 * Runs `SELECT version()` on a new connection and, unless the server says it is InterSystems IRIS
 * (docs/iris-sql.md#server-identity), fails with an IrisConfigError or emits a process warning, per
 * `mode`.
 */
export async function checkIrisServer(
  connection: DatabaseConnection,
  mode: Exclude<IrisServerCheck, 'off'>,
): Promise<void> {
  const { rows } = await connection.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw('select version()'),
  )
  const version = String(Object.values(rows[0] ?? {})[0] ?? '')
  if (IRIS_VERSION.test(version)) return
  const message = `the server is not InterSystems IRIS (SELECT version() returned ${JSON.stringify(version)}): point connectionString at iris-pgwire, or set serverCheck: 'off' to skip this check`
  if (mode === 'fail') throw new IrisConfigError(message)
  process.emitWarning(message, { code: NOT_IRIS_WARNING })
}
