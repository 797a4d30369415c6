import { Kysely } from 'kysely'
import type pg from 'pg'
import { expect } from 'vitest'
import { createPool } from '../../src/create-pool.js'
import { IrisDialect, type IrisDialectConfig } from '../../src/index.js'
import { resolveIrisDialectConfig } from '../../src/iris-dialect-config.js'
import type { AnyDB, TestDb } from '../support/server.js'
import { type TestDatabase, useTestDatabase } from '../support/test-database.js'

/**
 * A Kysely over the pool the dialect builds itself (src/create-pool.ts), so the dialect's own
 * timeout options are the ones under test; the pool is handed back for its counts.
 * (`connect()` in ../support/server.ts builds its pool in the test and ignores those options.)
 */
export async function connectWithDialectPool(
  url: string,
  config: Omit<IrisDialectConfig, 'pool' | 'connectionString'> = {},
): Promise<TestDb<AnyDB>> {
  const pool = (await createPool(
    resolveIrisDialectConfig({ ...config, connectionString: url }),
  )) as unknown as pg.Pool
  const db = new Kysely<AnyDB>({ dialect: new IrisDialect({ ...config, pool }) })
  return { db, pool }
}

/**
 * The faults suites' database: the sim (they read its hooks) behind a TCP proxy they cut or stall,
 * a 4-connection pool, and one table of `(id, note)` rows.
 */
export function useNotesBehindProxy(table: string): TestDatabase {
  return useTestDatabase({
    needsSim: true,
    viaProxy: true,
    connection: { max: 4 },
    tables: {
      [table]: (create) =>
        create.addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('note', 'varchar(40)'),
    },
  })
}

export type Outcome<T> =
  | { readonly status: 'fulfilled'; readonly value: T; readonly ms: number }
  | { readonly status: 'rejected'; readonly error: unknown; readonly ms: number }
  | { readonly status: 'hung'; readonly ms: number }

/** Races `promise` against a timer: every operation in these tests must settle, never hang. */
export async function settle<T>(promise: Promise<T>, hangAfterMs: number): Promise<Outcome<T>> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), hangAfterMs)
  })
  try {
    const value = await Promise.race([promise, hung])
    const ms = performance.now() - started
    return value === 'hung'
      ? { status: 'hung', ms }
      : { status: 'fulfilled', value: value as T, ms }
  } catch (error) {
    return { status: 'rejected', error, ms: performance.now() - started }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Awaits `promise` (raced against `hangAfterMs`), expects it to reject with `ErrorClass`, and
 * returns the error with how long the rejection took.
 */
export async function expectRejection(
  promise: Promise<unknown>,
  ErrorClass: new (...args: never[]) => Error,
  hangAfterMs = 10_000,
): Promise<{ error: Error; ms: number }> {
  const outcome = await settle(promise, hangAfterMs)
  expect(outcome.status).toBe('rejected')
  const { error } = outcome as { error: Error }
  expect(error).toBeInstanceOf(ErrorClass)
  return { error, ms: outcome.ms }
}

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(20)
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The pool's counts, compared as one object so a failure shows all of them. */
export function poolCounts(pool: pg.Pool): { total: number; idle: number; waiting: number } {
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
}

/** Resolves once `promise` has not settled for `ms` (it is really waiting on the server). */
export async function stillPending(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const outcome = await settle(promise, ms)
  return outcome.status === 'hung'
}
