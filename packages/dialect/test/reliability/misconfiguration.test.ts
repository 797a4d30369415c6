import net from 'node:net'
import { type Sim, startSim } from '@kysely-iris/sim'
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  IrisConfigError,
  IrisConnectionError,
  IrisDialect,
  type IrisDialectConfig,
  IrisError,
} from '../../src/index.js'
import { NOT_IRIS_WARNING } from '../../src/server-check.js'
import type { AnyDB } from '../support/server.js'
import { expectRejection } from './fixtures.js'
import { type NotIrisServer, startNotIrisServer } from './not-iris-server.js'

/** Runs one query through a dialect that builds its own pool, and destroys it. */
async function firstQuery(config: IrisDialectConfig): Promise<unknown> {
  const db = new Kysely<AnyDB>({
    dialect: new IrisDialect({ connectionTimeoutMillis: 5000, ...config }),
  })
  try {
    return await sql`select 1`.execute(db)
  } finally {
    await db.destroy()
  }
}

/** Each misconfiguration fails (or warns) with ONE line that names the fix. */
function expectOneLine(error: unknown, ErrorClass: typeof IrisError, fix: RegExp) {
  expect(error).toBeInstanceOf(ErrorClass)
  const { message } = error as Error
  expect(message).not.toContain('\n')
  expect(message).toMatch(fix)
}

/** The error the first query fails with (any IrisError; `expectOneLine` checks the class). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  return (await expectRejection(promise, IrisError, 15_000)).error
}

describe('misconfiguration: one-line errors that name the fix', () => {
  let secured: Sim
  let notIris: NotIrisServer

  beforeAll(async () => {
    secured = await startSim({ port: 0, users: { app: 'right-password' } })
    notIris = await startNotIrisServer()
  })

  afterAll(async () => {
    await notIris?.stop()
    await secured?.stop()
  })

  it('a URL that is not a URL, or not postgres://, is refused at construction', () => {
    for (const connectionString of ['localhost:5432/USER', 'iris://localhost:1972/USER', '']) {
      let error: unknown
      try {
        new IrisDialect({ connectionString })
      } catch (caught) {
        error = caught
      }
      expectOneLine(
        error,
        IrisConfigError,
        /postgres:\/\/user:pass@host:5432\/USER|start with postgres:\/\//,
      )
    }
  })

  it('a URL where no server listens: IrisConnectionError naming the host and what to check', async () => {
    const closed = net.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()))
    const { port } = closed.address() as net.AddressInfo
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const error = await rejection(
      firstQuery({ connectionString: `postgres://_SYSTEM:SYS@127.0.0.1:${port}/USER` }),
    )
    expectOneLine(error, IrisConnectionError, new RegExp(`127\\.0\\.0\\.1:${port}`))
    expectOneLine(error, IrisConnectionError, /connection string|iris-pgwire.*running|running/i)
  })

  it('a wrong password: IrisConnectionError saying to check the user and password', async () => {
    const url = new URL(secured.url)
    url.password = 'wrong-password'
    const error = await rejection(firstQuery({ connectionString: url.toString() }))
    expectOneLine(error, IrisConnectionError, /check the user and password/i)
    expect((error as Error).message).not.toContain('wrong-password')
    // The right one works: the failure was the password, nothing else.
    await expect(firstQuery({ connectionString: secured.url })).resolves.toBeDefined()
  })

  it("a server that is not IRIS, serverCheck 'fail': IrisConfigError naming the fix", async () => {
    const error = await rejection(
      firstQuery({ connectionString: notIris.url, serverCheck: 'fail' }),
    )
    expectOneLine(error, IrisConfigError, /not InterSystems IRIS/)
    expect((error as Error).message).toMatch(/PostgreSQL 16\.4/)
    expect((error as Error).message).toMatch(/connectionString|serverCheck: 'off'/)
  })

  it("a server that is not IRIS, serverCheck 'warn': one process warning, and the query runs", async () => {
    const warnings: Error[] = []
    const onWarning = (warning: Error & { code?: string }) => {
      if (warning.code === NOT_IRIS_WARNING) warnings.push(warning)
    }
    process.on('warning', onWarning)
    try {
      await expect(
        firstQuery({ connectionString: notIris.url, serverCheck: 'warn' }),
      ).resolves.toBeDefined()
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.message).not.toContain('\n')
    expect(warnings[0]?.message).toMatch(/not InterSystems IRIS/)
  })

  it("the sim passes serverCheck 'fail' (it answers SELECT version() as iris-pgwire does)", async () => {
    await expect(
      firstQuery({ connectionString: secured.url, serverCheck: 'fail' }),
    ).resolves.toBeDefined()
  })

  it('an unknown serverCheck value is refused at construction', () => {
    expect(() => new IrisDialect({ serverCheck: 'maybe' as never })).toThrow(IrisConfigError)
  })
})
