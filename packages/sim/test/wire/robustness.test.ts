import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeWire } from './fake-wire.js'
import { type BackendMessage, errorFields, frontend, RawClient, types } from './raw-client.js'

function expectProtocolViolation(messages: BackendMessage[], text: string | RegExp): void {
  const error = messages.find((message) => message.type === 'E')
  expect(error, `got ${types(messages)}`).toBeDefined()
  const fields = errorFields(error!)
  expect(fields).toMatchObject({ S: 'FATAL', C: '08P01' })
  expect(fields.M).toMatch(text)
}

describe('wire: a malformed message closes only its own connection', () => {
  let wire: Awaited<ReturnType<typeof startFakeWire>>

  beforeAll(async () => {
    wire = await startFakeWire()
  })
  afterAll(() => wire.stop())

  async function sendAfterStartup(...data: Buffer[]): Promise<BackendMessage[]> {
    const { client } = await RawClient.connect(wire.port)
    client.send(...data)
    return client.readToEnd()
  }

  async function sendAsFirstMessage(...data: Buffer[]): Promise<BackendMessage[]> {
    const client = await RawClient.open(wire.port)
    client.send(...data)
    return client.readToEnd()
  }

  it.each([
    ['an unknown type byte', frontend.raw('Y', Buffer.from('x')), /unknown or unsupported/],
    ['a length below 4', Buffer.from([0x51, 0, 0, 0, 2]), /invalid message length 2/],
    [
      'a length over the cap',
      Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff]),
      /invalid message length/,
    ],
    ['a string without NUL', frontend.raw('Q', Buffer.from('rows 1')), /not NUL-terminated/],
    [
      'a truncated Bind',
      frontend.raw(
        'B',
        frontend.cstring(''),
        frontend.cstring(''),
        frontend.int16(0),
        frontend.int16(1),
      ),
      /invalid Bind message: message is truncated/,
    ],
    [
      'a Bind parameter longer than the message',
      frontend.raw(
        'B',
        frontend.cstring(''),
        frontend.cstring(''),
        frontend.int16(0),
        frontend.int16(1),
        frontend.int32(1000),
        Buffer.from('abc'),
      ),
      /truncated/,
    ],
    [
      'an unknown Describe target',
      frontend.raw('D', Buffer.from('X'), frontend.cstring('')),
      /target/,
    ],
    ['trailing bytes in Sync', frontend.raw('S', Buffer.from([1])), /trailing bytes/],
    ['a password message after startup', frontend.raw('p', frontend.cstring('secret')), /unknown/],
  ])('%s', async (_, data, text) => {
    const other = await wire.client()
    const messages = await sendAfterStartup(data)
    expectProtocolViolation(messages, text)
    expect((await other.query('rows 2')).rows).toEqual([{ n: 1 }, { n: 2 }])
  })

  it.each([
    [
      'a startup packet whose parameters lack their NUL',
      frontend.untyped(frontend.int32(196608), Buffer.from('user\0tester')),
      /invalid StartupMessage/,
    ],
    [
      'a startup packet missing the final NUL',
      frontend.untyped(frontend.int32(196608), Buffer.from('user\0tester\0')),
      /invalid StartupMessage/,
    ],
    ['an unknown initial request', frontend.untyped(frontend.int32(12345678)), /initial message/],
    [
      'a startup packet over 10000 bytes',
      frontend.untyped(frontend.int32(196608), Buffer.alloc(10_000, 0x61)),
      /invalid message length/,
    ],
    [
      'a short CancelRequest',
      frontend.untyped(frontend.int32(80877102), frontend.int32(1)),
      /CancelRequest/,
    ],
  ])('%s, as the first message', async (_, data, text) => {
    expectProtocolViolation(await sendAsFirstMessage(data), text)
    const other = await wire.client()
    expect((await other.query('rows 1')).rows).toEqual([{ n: 1 }])
  })

  it('sends the output collected before the broken message first', async () => {
    const messages = await sendAfterStartup(
      frontend.parse('', 'rows 1'),
      frontend.raw('Y', Buffer.alloc(0)),
    )
    expect(types(messages)).toBe('1E')
  })

  it('reassembles messages that arrive one byte at a time', async () => {
    const { client } = await RawClient.connect(wire.port)
    const bytes = Buffer.concat([frontend.query('rows 2'), frontend.query('rows 1')])
    for (const byte of bytes) {
      client.send(Buffer.from([byte]))
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(types(await client.readUntil('Z'))).toBe('TDDCZ')
    expect(types(await client.readUntil('Z'))).toBe('TDCZ')
    client.destroy()
  })

  it('survives random garbage on many sockets and keeps serving', async () => {
    let seed = 42
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const garbage = (length: number) =>
      Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)))
    const attempts = Array.from({ length: 40 }, async (_, index) => {
      const afterStartup = index % 2 === 0
      const client = afterStartup
        ? (await RawClient.connect(wire.port)).client
        : await RawClient.open(wire.port)
      client.send(garbage(1 + Math.floor(random() * 64)))
      // Garbage may also look like the start of a long message: the client then gives up.
      setTimeout(() => client.destroy(), 200)
      await client.closed
    })
    await Promise.all(attempts)
    const other = await wire.client()
    expect((await other.query('echo $1', ['still here'])).rows).toEqual([{ p1: 'still here' }])
  })
})
