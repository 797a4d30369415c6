/**
 * The engine: runs IRIS statements on embedded PGlite with IRIS session semantics, each client
 * behind the session its profile gives it (docs/iris-sql.md#simulator-profiles). The wire layer
 * talks to it through the {@link Engine} seam (types.ts); statements are translated by src/translate.
 */
import type { PgwireBackend } from '../front-end/start-pgwire.js'
import { PROFILES, type Profile, pgwireBackendOf } from '../profiles.js'
import { translate } from '../translate/index.js'
import { Backend } from './backend.js'
import { readCatalogSnapshot } from './catalog-snapshot.js'
import type { EngineContext } from './engine-context.js'
import type { EngineOptions } from './engine-options.js'
import { FifoLock } from './fifo-lock.js'
import type { IrisSessions } from './iris-sessions.js'
import { openPglite } from './pglite-factory.js'
import { PgwireFrontEnd } from './pgwire-front-end.js'
import { PlanCache } from './plan-cache.js'
import { ProfilePresenter } from './profile-presenter.js'
import { QueryLog } from './query-log.js'
import { labelledFields } from './result-labels.js'
import { ResultShaper } from './result-shaping.js'
import { SERVER_PARAMETERS } from './server-parameters.js'
import { IrisSession } from './session.js'
import { SessionPool } from './session-pool.js'
import { SharedSession } from './shared-session.js'
import { ShownTypes } from './shown-types.js'
import { TableInfo } from './table-info.js'
import { TableLocks } from './table-locks.js'
import type { Engine, SessionInfo } from './types.js'

export type { EngineOptions } from './engine-options.js'
export { QueryLog, type QueryLogEntry } from './query-log.js'

function validate(options: EngineOptions): void {
  if (!PROFILES.includes(options.profile)) {
    throw new TypeError(
      `engine profile must be one of ${PROFILES.join(', ')} (got ${String(options.profile)})`,
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

/** The IRIS sessions behind iris-pgwire's executor, for the profiles that model one of its backends. */
function pgwireSessions(backend: PgwireBackend, openIrisSession: () => IrisSession): IrisSessions {
  return backend === 'dbapi'
    ? new SessionPool(openIrisSession)
    : new SharedSession(openIrisSession())
}

/** The modelled iris-pgwire backend and its IRIS sessions, when the profile models one. */
function pgwireBackend(
  profile: Profile,
  openIrisSession: () => IrisSession,
): { backend: PgwireBackend; sessions: IrisSessions } | undefined {
  const backend = pgwireBackendOf(profile)
  return backend && { backend, sessions: pgwireSessions(backend, openIrisSession) }
}

const secretKey = () => (Math.random() * 0x7fffffff) | 0

/**
 * Opens the database (see pglite-factory.ts) and returns an engine serving any number of sessions:
 * one IRIS session per client connection, or, for the profiles that model a backend of
 * iris-pgwire, a front end per client over that backend's IRIS sessions (pgwire-front-end.ts).
 */
export async function createEngine(
  options: EngineOptions,
): Promise<Engine & { queryLog: QueryLog }> {
  validate(options)
  const backend = new Backend(await openPglite(options.dataDir))
  const tables = new TableInfo(backend)
  const shownTypes = await ShownTypes.read(backend)
  const presenter = new ProfilePresenter(
    options.profile,
    new ResultShaper(tables, await vectorTypeIDs(backend), shownTypes),
    tables,
  )
  const sessions = new Map<number, IrisSession | PgwireFrontEnd>()
  const queryLog = new QueryLog()
  const planCache = new PlanCache(translate)
  let catalog = await readCatalogSnapshot(backend, 0)
  const context: EngineContext = {
    options: { ...options },
    backend,
    backendLock: new FifoLock(),
    tableLocks: new TableLocks(),
    tables,
    shownTypes,
    queryLog,
    translate: (sql, translateOptions, statement) =>
      statement === undefined
        ? planCache.plans(sql, { ...translateOptions, catalog })
        : translate(sql, { ...translateOptions, catalog }, statement),
    keepPlan: (sql, translateOptions, index, plan) =>
      planCache.keep(sql, { ...translateOptions, catalog }, index, plan),
    async schemaChanged() {
      tables.clear()
      const next = await readCatalogSnapshot(backend, catalog.version + 1)
      // Snapshot, version and cached plans change together, after the read: a statement translated
      // while it ran got the old snapshot, and its plan the old version (docs/iris-sql.md#rowid).
      catalog = next
      planCache.clear()
      backend.forgetPrepared()
    },
    schemaVersion: () => catalog.version,
    shape: async (raw, plan) =>
      presenter.result(
        raw.fields ? { ...raw, fields: await labelledFields(raw.fields, plan, tables) } : raw,
        plan,
      ),
    describeFields: async (fields, plan) =>
      presenter.describedFields(await labelledFields(fields, plan, tables), plan),
    forget: (processId) => sessions.delete(processId),
  }
  let nextProcessId = 1000
  const openIrisSession = () => new IrisSession(context, nextProcessId++, secretKey())
  const pgwire = pgwireBackend(options.profile, openIrisSession)
  let closed = false

  return {
    serverParameters: SERVER_PARAMETERS,
    queryLog,
    openSession(_info: SessionInfo) {
      if (closed) throw new Error('the engine is closed')
      const session = pgwire
        ? new PgwireFrontEnd({
            ...pgwire,
            processId: nextProcessId++,
            secretKey: secretKey(),
            forget: context.forget,
          })
        : openIrisSession()
      sessions.set(session.processId, session)
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
      await pgwire?.sessions.close()
      await backend.close()
    },
  }
}
