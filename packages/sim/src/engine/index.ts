/**
 * The engine: runs IRIS statements on embedded PGlite with IRIS session semantics. The wire layer
 * talks to it through the {@link Engine} seam (types.ts); statements are translated by src/translate.
 */
import { translate } from '../translate/index.js'
import { Backend } from './backend.js'
import type { EngineContext } from './engine-context.js'
import type { EngineOptions } from './engine-options.js'
import { FifoLock } from './fifo-lock.js'
import { openPglite } from './pglite-factory.js'
import { PlanCache } from './plan-cache.js'
import { ProfilePresenter } from './profile-presenter.js'
import { QueryLog } from './query-log.js'
import { ResultShaper } from './result-shaping.js'
import { SERVER_PARAMETERS } from './server-parameters.js'
import { IrisSession } from './session.js'
import { TableInfo } from './table-info.js'
import { TableLocks } from './table-locks.js'
import type { Engine, SessionInfo } from './types.js'

export type { EngineOptions } from './engine-options.js'
export { QueryLog, type QueryLogEntry } from './query-log.js'

function validate(options: EngineOptions): void {
  if (options.profile !== 'iris' && options.profile !== 'pgwire-1.0') {
    throw new TypeError(
      `engine profile must be 'iris' or 'pgwire-1.0' (got ${String(options.profile)})`,
    )
  }
  const [major, minor] = options.irisVersion ?? []
  if (!Number.isInteger(major) || !Number.isInteger(minor))
    throw new TypeError('engine irisVersion must be [major, minor]')
  if (!Number.isInteger(options.lockTimeoutMs) || options.lockTimeoutMs < 0) {
    throw new TypeError(
      `engine lockTimeoutMs must be a non-negative integer (got ${String(options.lockTimeoutMs)})`,
    )
  }
  if (
    options.dataDir !== undefined &&
    (typeof options.dataDir !== 'string' || options.dataDir === '')
  ) {
    throw new TypeError('engine dataDir must be a non-empty path')
  }
}

async function vectorTypeIDs(backend: Backend): Promise<Set<number>> {
  const { results, error } = await backend.simple(
    "select oid from pg_type where typname in ('vector', 'halfvec', 'sparsevec')",
  )
  if (error) throw new Error(`cannot read the vector types: ${error.message}`)
  return new Set((results[0]?.rows ?? []).map(([oid]) => Number(oid)))
}

/** Opens the database (see pglite-factory.ts) and returns an engine serving any number of sessions. */
export async function createEngine(
  options: EngineOptions,
): Promise<Engine & { queryLog: QueryLog }> {
  validate(options)
  const backend = new Backend(await openPglite(options.dataDir))
  const tables = new TableInfo(backend)
  const presenter = new ProfilePresenter(
    options.profile,
    new ResultShaper(tables, await vectorTypeIDs(backend)),
  )
  const sessions = new Map<number, IrisSession>()
  const queryLog = new QueryLog()
  const planCache = new PlanCache(translate)
  const context: EngineContext = {
    options: { ...options },
    backend,
    backendLock: new FifoLock(),
    tableLocks: new TableLocks(),
    tables,
    queryLog,
    translate: (sql, translateOptions) => planCache.plans(sql, translateOptions),
    shape: (raw, plan) => presenter.result(raw, plan),
    describeFields: (fields, plan) => presenter.describedFields(fields, plan),
    forget: (processId) => sessions.delete(processId),
  }
  let nextProcessId = 1000
  let closed = false

  return {
    serverParameters: SERVER_PARAMETERS,
    queryLog,
    openSession(_info: SessionInfo) {
      if (closed) throw new Error('the engine is closed')
      const processId = nextProcessId++
      const session = new IrisSession(context, processId, (Math.random() * 0x7fffffff) | 0)
      sessions.set(processId, session)
      return session
    },
    cancel(processId: number, secretKey: number) {
      const session = sessions.get(processId)
      if (session && session.secretKey === secretKey) session.cancel()
    },
    async close() {
      if (closed) return
      closed = true
      await Promise.all([...sessions.values()].map((session) => session.close()))
      await backend.close()
    },
  }
}
