import { Kysely, PostgresDialect } from 'kysely'
import { IrisDialect, type IrisDialectConfig } from 'kysely-iris'
import pg from 'pg'
import type { BenchDB } from './fixtures.js'
import type { Target } from './targets/target.js'

export type ContenderId =
  | 'raw-pg'
  | 'raw-pg-row-loop'
  | 'kysely-iris'
  | 'kysely-iris-prepared'
  | 'kysely-pg'
  | 'iris-codegen'

export const CONTENDER_LABELS: Record<ContenderId, string> = {
  'raw-pg': 'raw pg, hand-written SQL',
  'raw-pg-row-loop': 'raw pg, one INSERT per row',
  'kysely-iris': 'Kysely + IrisDialect',
  'kysely-iris-prepared': 'Kysely + IrisDialect, preparedStatements: 100',
  'kysely-pg': 'Kysely + PostgresDialect',
  'iris-codegen': 'iris-codegen',
}

/** Every pool in the bench has this many connections (the concurrent scenario's 20). */
export const POOL_SIZE = 20

export function rawPool(target: Target): pg.Pool {
  const pool = new pg.Pool({ connectionString: target.url, max: POOL_SIZE })
  // An idle connection that dies (the server stopping) is reported by the next query that needs
  // one; without a listener pg's 'error' event would end the process.
  pool.on('error', () => {})
  return pool
}

/**
 * Kysely + IrisDialect as a user would set it up: the dialect builds its own pool from the URL
 * (so its per-pool value parsing applies).
 */
export function irisDb(target: Target, config: IrisDialectConfig = {}): Kysely<BenchDB> {
  return new Kysely<BenchDB>({
    dialect: new IrisDialect({
      connectionString: target.url,
      maxConnections: POOL_SIZE,
      sessionModel: target.sessionModel,
      ...config,
    }),
  })
}

/** Kysely + stock PostgresDialect over a pg Pool, its documented setup. */
export function pgDb(target: Target): Kysely<BenchDB> {
  return new Kysely<BenchDB>({ dialect: new PostgresDialect({ pool: rawPool(target) }) })
}

export interface KyselyContender {
  id: 'kysely-iris' | 'kysely-iris-prepared' | 'kysely-pg'
  db: Kysely<BenchDB>
}

/**
 * The Kysely contenders for a target: IrisDialect everywhere, stock PostgresDialect only where its
 * SQL is valid, i.e. on PostgreSQL (on IRIS it fails: docs/iris-sql.md#the-sql-the-dialect-emits).
 */
export function kyselyContenders(
  target: Target,
  irisConfig: IrisDialectConfig = {},
): KyselyContender[] {
  const contenders: KyselyContender[] = [{ id: 'kysely-iris', db: irisDb(target, irisConfig) }]
  if (target.kind === 'postgres') contenders.push({ id: 'kysely-pg', db: pgDb(target) })
  return contenders
}

/** How many statements each connection of the prepared-statements contender keeps prepared. */
export const PREPARED_STATEMENTS = 100

/**
 * The read scenarios' Kysely contenders: those of kyselyContenders, plus IrisDialect with its
 * statement cache on, so each run measures what the cache saves on each target.
 */
export function readContenders(target: Target): KyselyContender[] {
  return [
    ...kyselyContenders(target),
    {
      id: 'kysely-iris-prepared',
      db: irisDb(target, { preparedStatements: PREPARED_STATEMENTS }),
    },
  ]
}

export async function destroyAll(
  ...resources: ({ destroy(): Promise<void> } | { end(): Promise<void> })[]
) {
  await Promise.all(resources.map((r) => ('destroy' in r ? r.destroy() : r.end())))
}
