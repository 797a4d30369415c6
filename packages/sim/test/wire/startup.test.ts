import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeWire } from './fake-wire.js'
import { errorFields, frontend, RawClient, types } from './raw-client.js'

async function eventually(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  expect(check()).toBe(true)
}

describe('wire: startup, trust authentication and session lifecycle', () => {
  let wire: Awaited<ReturnType<typeof startFakeWire>>

  beforeAll(async () => {
    wire = await startFakeWire()
  })
  afterAll(() => wire.stop())

  it('accepts any user and database (docs/iris-sql.md#authentication)', async () => {
    const client = await wire.client({ user: 'nobody', database: 'ANYTHING', password: 'ignored' })
    expect((await client.query('rows 1')).rows).toEqual([{ n: 1 }])
    expect(wire.engine.sessions.at(-1)!.info).toMatchObject({
      user: 'nobody',
      database: 'ANYTHING',
    })
  })

  it('sends AuthenticationOk, every ParameterStatus, BackendKeyData, then ReadyForQuery', async () => {
    const { client, startup } = await RawClient.connect(wire.port, {
      user: 'tester',
      database: 'USER',
    })
    expect(types(startup)).toBe('RSSKZ')
    const parameters = startup
      .filter((message) => message.type === 'S')
      .map((message) => message.body.toString().split('\0').slice(0, 2))
    expect(Object.fromEntries(parameters)).toEqual(wire.engine.serverParameters)
    const session = wire.engine.sessions.at(-1)!
    const keyData = startup[3]!.body
    expect([keyData.readUInt32BE(0), keyData.readUInt32BE(4)]).toEqual([
      session.processId,
      session.secretKey,
    ])
    client.destroy()
  })

  it("answers SSLRequest and GSSENCRequest with 'N' and goes on without encryption", async () => {
    const client = await RawClient.open(wire.port)
    client.send(frontend.untyped(frontend.int32(80877104)))
    expect((await client.readBytes(1)).toString()).toBe('N')
    client.send(frontend.untyped(frontend.int32(80877103)))
    expect((await client.readBytes(1)).toString()).toBe('N')
    client.send(frontend.startup({ user: 'tester' }))
    expect(types(await client.readUntil('Z'))).toBe('RSSKZ')
    client.send(frontend.query('rows 1'))
    expect(types(await client.readUntil('Z'))).toBe('TDCZ')
    client.destroy()
  })

  it('handles a query pipelined in the same packet as the StartupMessage', async () => {
    const client = await RawClient.open(wire.port)
    client.send(frontend.startup({ user: 'eager' }), frontend.query('rows 1'))
    expect(types(await client.readUntil('Z'))).toBe('RSSKZ')
    expect(types(await client.readUntil('Z'))).toBe('TDCZ')
    client.destroy()
  })

  it('passes a CancelRequest to engine.cancel and closes that socket', async () => {
    const client = await wire.client()
    const running = client.query('wait').catch((error: unknown) => error)
    const { processID, secretKey } = client as unknown as { processID: number; secretKey: number }
    await eventually(() => wire.engine.sessions.some((session) => session.executed.length > 0))
    const canceller = await RawClient.open(wire.port)
    canceller.send(
      frontend.untyped(
        frontend.int32(80877102),
        frontend.int32(processID),
        frontend.int32(secretKey),
      ),
    )
    expect(await canceller.readToEnd()).toEqual([])
    expect(await running).toMatchObject({ code: '57014' })
    const session = wire.engine.sessions.find((candidate) => candidate.processId === processID)!
    expect(wire.engine.cancels.at(-1)).toEqual({
      processId: session.processId,
      secretKey: session.secretKey,
    })
    expect((await client.query('rows 1')).rows).toEqual([{ n: 1 }])
  })

  it('closes the session once on Terminate', async () => {
    const { client } = await RawClient.connect(wire.port)
    const session = wire.engine.sessions.at(-1)!
    client.send(frontend.terminate())
    await client.closed
    await eventually(() => session.closeCount === 1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(session.closeCount).toBe(1)
  })

  it('closes the session once through pg client.end()', async () => {
    const client = await wire.client()
    const session = wire.engine.sessions.at(-1)!
    await client.end()
    await eventually(() => session.closeCount === 1)
  })

  it('closes the session once when the client vanishes', async () => {
    const { client } = await RawClient.connect(wire.port)
    const session = wire.engine.sessions.at(-1)!
    client.send(frontend.query('begin'))
    await client.readUntil('Z')
    client.destroy()
    await eventually(() => session.closeCount === 1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(session.closeCount).toBe(1)
  })

  it('cancels the statement of a vanished client, and closes its session once it has ended', async () => {
    const client = await wire.client()
    const session = wire.engine.sessions.at(-1)!
    const cancel = session.cancel.bind(session)
    let closeCountAtCancel: number | undefined
    session.cancel = () => {
      closeCountAtCancel = session.closeCount
      cancel()
    }
    const running = client.query('wait').catch(() => undefined)
    await eventually(() => session.executed.length === 1)
    ;(
      client as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy()
    await eventually(() =>
      wire.engine.cancels.some(({ processId }) => processId === session.processId),
    )
    await running
    await eventually(() => session.closeCount === 1)
    expect(closeCountAtCancel).toBe(0) // cancelled first; closed after the statement ended
  })
})

describe('wire: dropConnections and stop', () => {
  it('drops every client, keeps serving new ones, and stops idempotently', async () => {
    const wire = await startFakeWire()
    const clients = await Promise.all([wire.client(), wire.client(), wire.client()])
    expect(wire.server.connectionCount()).toBe(3)
    wire.server.dropConnections()
    await Promise.all(clients.map((client) => expect(client.query('rows 1')).rejects.toThrow()))
    await eventually(() => wire.server.connectionCount() === 0)
    expect(wire.engine.sessions.map((session) => session.closeCount)).toEqual([1, 1, 1])
    const fresh = await wire.client()
    expect((await fresh.query('rows 1')).rows).toEqual([{ n: 1 }])
    await Promise.all([wire.server.stop(), wire.server.stop()])
    expect(wire.engine.sessions.map((session) => session.closeCount)).toEqual([1, 1, 1, 1])
    await expect(RawClient.open(wire.port)).rejects.toThrow()
    await wire.stop()
  })
})

describe('wire: SCRAM-SHA-256 with configured users', () => {
  let wire: Awaited<ReturnType<typeof startFakeWire>>

  beforeAll(async () => {
    wire = await startFakeWire({ users: { alice: 'wonder land', _SYSTEM: 'SYS' } })
  })
  afterAll(() => wire.stop())

  it('accepts the right password', async () => {
    const client = await wire.client({ user: 'alice', password: 'wonder land' })
    expect((await client.query('rows 1')).rows).toEqual([{ n: 1 }])
    const system = await wire.client({ user: '_SYSTEM', password: 'SYS' })
    expect((await system.query('rows 1')).rows).toEqual([{ n: 1 }])
  })

  it('refuses a wrong password and an unknown user, opening no session', async () => {
    const sessionsBefore = wire.engine.sessions.length
    await expect(wire.client({ user: 'alice', password: 'wrong' })).rejects.toMatchObject({
      message: 'password authentication failed for user "alice"',
    })
    await expect(wire.client({ user: 'mallory', password: 'wonder land' })).rejects.toThrow(
      'password authentication failed for user "mallory"',
    )
    expect(wire.engine.sessions.length).toBe(sessionsBefore)
  })

  it('refuses a malformed SASLInitialResponse with 08P01 instead of hanging', async () => {
    const client = await RawClient.open(wire.port)
    client.send(frontend.startup({ user: 'alice' }))
    expect(types(await client.readUntil('R'))).toBe('R')
    client.send(frontend.raw('p', Buffer.from('SCRAM-SHA-256')))
    const [error] = await client.readToEnd()
    expect(errorFields(error!)).toMatchObject({ S: 'FATAL', C: '08P01' })
    expect(
      (await (await wire.client({ user: 'alice', password: 'wonder land' })).query('rows 1'))
        .rowCount,
    ).toBe(1)
  })
})
