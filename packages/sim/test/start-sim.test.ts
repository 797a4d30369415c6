import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SimConfigError, type SimOptions, startSim } from '../src/index.js'
import { startTestSim, type TestSim } from './support/start-test-sim.js'
import { frontend, RawClient, types } from './wire/raw-client.js'

let limitTables = 0

/** Reads a three-row table through an Execute limited to `maxRows`; returns the message types. */
async function executeWithRowLimit(sim: TestSim, maxRows: number): Promise<string> {
  const table = `limited${limitTables++}`
  const setup = await sim.client()
  await setup.query(`CREATE TABLE ${table} (id INTEGER)`)
  for (const id of ['1', '2', '3']) {
    await setup.query(`INSERT INTO ${table} (id) VALUES ($1)`, [id])
  }
  const { client } = await RawClient.connect(sim.port)
  client.send(
    frontend.parse('', `SELECT id FROM ${table} ORDER BY id`),
    frontend.bind('', '', []),
    frontend.execute('', maxRows),
    frontend.sync(),
  )
  const messages = await client.readUntil('Z')
  client.destroy()
  return types(messages)
}

describe('startSim: option validation', () => {
  it.each<[string, SimOptions, string, RegExp]>([
    ['an unknown option', { prot: 1 } as SimOptions, 'prot', /unknown option; allowed: host, port/],
    ['a port out of range', { port: 70_000 }, 'port', /integer from 0 to 65535 \(got 70000\)/],
    ['a fractional port', { port: 1.5 }, 'port', /integer/],
    ['an empty host', { host: ' ' }, 'host', /non-empty string/],
    [
      'an unknown profile',
      { profile: 'postgres' as 'iris' },
      'profile',
      /one of iris, pgwire-1.0-dbapi, pgwire-1.0-embedded/,
    ],
    ['a malformed IRIS version', { irisVersion: '2025' }, 'irisVersion', /like "2025.1"/],
    ['a numeric IRIS version', { irisVersion: 2025.1 as unknown as string }, 'irisVersion', /like/],
    ['an empty dataDir', { dataDir: '' }, 'dataDir', /non-empty string/],
    ['no users', { users: {} }, 'users', /at least one user/],
    ['an empty password', { users: { app: '' } }, 'users', /password of "app"/],
    ['a negative lock timeout', { lockTimeoutMs: -1 }, 'lockTimeoutMs', /integer from 0/],
  ])('rejects %s with SimConfigError before starting', async (_, options, option, message) => {
    const error = await startSim(options).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(SimConfigError)
    expect(error).toMatchObject({ name: 'SimConfigError', option })
    expect((error as Error).message).toMatch(message)
  })
})

// These start engines (PGlite), which takes seconds on a loaded machine.
describe('startSim: a running sim', { timeout: 120_000 }, () => {
  let sim: TestSim

  beforeAll(async () => {
    sim = await startTestSim()
  })
  afterAll(() => sim.close())

  it('describes itself, with the default credentials in its URL (docs/iris-sql.md#topology)', () => {
    expect(sim).toMatchObject({ host: '127.0.0.1', profile: 'iris', irisVersion: '2025.1' })
    expect(sim.port).toBeGreaterThan(0)
    expect(sim.url).toBe(`postgres://_SYSTEM:SYS@127.0.0.1:${sim.port}/USER`)
  })

  it('reports server_version 16.0 (InterSystems IRIS) at startup (docs/iris-sql.md#server-identity)', async () => {
    const client = new pg.Client({ connectionString: sim.url })
    const parameters: Record<string, string> = {}
    const connection = (client as unknown as { connection: NodeJS.EventEmitter }).connection
    connection.on(
      'parameterStatus',
      (message: { parameterName: string; parameterValue: string }) => {
        parameters[message.parameterName] = message.parameterValue
      },
    )
    await client.connect()
    await client.end()
    expect(parameters.server_version).toBe('16.0 (InterSystems IRIS)')
  })

  it('answers 1000 concurrent queries over a 20-connection pool', async () => {
    const pool = sim.pool({ max: 20 })
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        index % 2 === 0
          ? pool.query('SELECT 1 AS one').then((result) => result.rows[0].one)
          : pool
              .query('SELECT $1 AS echoed', [String(index)])
              .then((result) => result.rows[0].echoed),
      ),
    )
    expect(results.map(String)).toEqual(
      Array.from({ length: 1000 }, (_, index) => (index % 2 === 0 ? '1' : String(index))),
    )
    expect(sim.connectionCount()).toBe(20)
    await pool.end()
  })

  it('logs each statement with its parameters', async () => {
    sim.queryLog.clear()
    const client = await sim.client()
    await client.query('SELECT $1 AS logged', ['value'])
    expect(sim.queryLog.entries).toEqual([
      expect.objectContaining({ sql: 'SELECT $1 AS logged', params: ['value'] }),
    ])
    await client.end()
  })

  it('honours Execute row limits with PortalSuspended under profile iris', async () => {
    expect(await executeWithRowLimit(sim, 2)).toBe('12DDsZ')
  })

  it('cancels a statement waiting for another transaction through a CancelRequest', async () => {
    const holder = await sim.client()
    await holder.query('CREATE TABLE waited (id INTEGER)')
    await holder.query('START TRANSACTION')
    await holder.query('INSERT INTO waited (id) VALUES ($1)', ['1'])
    const waiter = await sim.client()
    const started = Date.now()
    const waiting = waiter
      .query('SELECT COUNT(*) AS n FROM waited')
      .catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const { processID, secretKey } = waiter as unknown as { processID: number; secretKey: number }
    const canceller = await RawClient.open(sim.port)
    canceller.send(
      frontend.untyped(
        frontend.int32(80877102),
        frontend.int32(processID),
        frontend.int32(secretKey),
      ),
    )
    expect(await waiting).toMatchObject({ code: '57014' })
    expect(Date.now() - started).toBeLessThan(5_000)
    await holder.query('ROLLBACK')
    const after = await waiter.query('SELECT COUNT(*) AS n FROM waited')
    expect(String(after.rows[0].n)).toBe('0')
  })

  it('drops every connection, rolls back their transactions, and keeps serving', async () => {
    const setup = await sim.client()
    await setup.query('CREATE TABLE dropped (id INTEGER)')
    const victim = await sim.client()
    await victim.query('START TRANSACTION')
    await victim.query('INSERT INTO dropped (id) VALUES ($1)', ['1'])
    sim.dropConnections()
    await expect(victim.query('SELECT 1 AS one')).rejects.toThrow()
    const survivor = await sim.client()
    const result = await survivor.query('SELECT COUNT(*) AS n FROM dropped')
    expect(String(result.rows[0].n)).toBe('0')
  })
})

describe('startSim: SCRAM users, profile, version and data directory', { timeout: 120_000 }, () => {
  it('puts the first configured user in the URL and requires its password', async () => {
    const sim = await startTestSim({ users: { 'app user': 'p@ss:word', other: 'x' } })
    try {
      expect(sim.url).toBe(`postgres://app%20user:p%40ss%3Aword@127.0.0.1:${sim.port}/USER`)
      const client = await sim.client()
      expect((await client.query('SELECT 1 AS one')).rows).toHaveLength(1)
      const wrongPassword = `postgres://other:no@127.0.0.1:${sim.port}/USER`
      await expect(sim.client({ connectionString: wrongPassword })).rejects.toThrow(
        /password authentication failed/,
      )
    } finally {
      await sim.close()
    }
  })

  it.each(['pgwire-1.0-dbapi', 'pgwire-1.0-embedded'] as const)(
    'reports its profile and IRIS version; %s ignores Execute row limits (docs/iris-sql.md#execute-row-limit)',
    async (profile) => {
      const sim = await startTestSim({ profile, irisVersion: '2024.1' })
      try {
        expect(sim).toMatchObject({ profile, irisVersion: '2024.1' })
        expect(await executeWithRowLimit(sim, 2)).toBe('12DDDCZ')
      } finally {
        await sim.close()
      }
    },
  )

  it('keeps committed data across a stop and start with the same dataDir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'iris-sim-'))
    try {
      const first = await startTestSim({ dataDir })
      const writer = await first.client()
      await writer.query('CREATE TABLE kept (id INTEGER, name VARCHAR(20))')
      await writer.query('INSERT INTO kept (id, name) VALUES ($1, $2)', ['1', 'persisted'])
      await first.close()

      const second = await startTestSim({ dataDir })
      try {
        const reader = await second.client()
        const result = await reader.query('SELECT name FROM kept')
        expect(result.rows).toEqual([{ name: 'persisted' }])
      } finally {
        await second.close()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
