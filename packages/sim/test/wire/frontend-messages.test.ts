import { describe, expect, it } from 'vitest'
import {
  decodeCancelRequest,
  decodeFrontendMessage,
  ProtocolViolation,
} from '../../src/wire/frontend-messages.js'
import { MessageFramer, maxMessageBytes } from '../../src/wire/message-framer.js'
import { frontend } from './raw-client.js'

describe('decodeFrontendMessage', () => {
  it('decodes Parse, Bind, Describe, Execute, Close, Sync, Flush, Terminate and Query', () => {
    expect(decodeFrontendMessage(frontend.parse('s1', 'echo $1', [23, 0]))).toEqual({
      type: 'parse',
      statement: 's1',
      sql: 'echo $1',
      paramTypeIDs: [23, 0],
    })
    expect(decodeFrontendMessage(frontend.bind('p', 's1', ['x', null, Buffer.from([7])]))).toEqual({
      type: 'bind',
      portal: 'p',
      statement: 's1',
      params: ['x', null, Buffer.from([7])],
      // node-postgres asks for text results with one format code.
      resultFormats: [0],
    })
    expect(decodeFrontendMessage(frontend.describe('P', 'p'))).toEqual({
      type: 'describe',
      target: 'portal',
      name: 'p',
    })
    expect(decodeFrontendMessage(frontend.execute('p', 10))).toEqual({
      type: 'execute',
      portal: 'p',
      maxRows: 10,
    })
    expect(decodeFrontendMessage(frontend.close('S', 's1'))).toEqual({
      type: 'close',
      target: 'statement',
      name: 's1',
    })
    expect(decodeFrontendMessage(frontend.sync())).toEqual({ type: 'sync' })
    expect(decodeFrontendMessage(frontend.flush())).toEqual({ type: 'flush' })
    expect(decodeFrontendMessage(frontend.terminate())).toEqual({ type: 'terminate' })
    expect(decodeFrontendMessage(frontend.query('rows 1; rows 2'))).toEqual({
      type: 'query',
      sql: 'rows 1; rows 2',
    })
  })

  it('applies a single Bind format code to every parameter', () => {
    const message = decodeFrontendMessage(
      frontend.bindWithFormats([Buffer.from('a'), Buffer.from('b')], [1]),
    )
    expect(message).toMatchObject({ params: [Buffer.from('a'), Buffer.from('b')] })
  })

  it.each([
    [
      'format codes that match neither 1 nor every parameter',
      [0, 0],
      /2 parameter format codes for 3/,
    ],
    ['an unknown format code', [2], /unknown format code 2/],
  ])('rejects %s', (_, paramFormats, text) => {
    expect(() =>
      decodeFrontendMessage(frontend.bindWithFormats(['a', 'b', 'c'], paramFormats)),
    ).toThrow(text)
  })

  it('rejects a negative count', () => {
    const frame = frontend.raw('P', frontend.cstring(''), frontend.cstring('x'), frontend.int16(-1))
    expect(() => decodeFrontendMessage(frame)).toThrow(ProtocolViolation)
  })

  it('decodes a CancelRequest as unsigned 32-bit keys', () => {
    expect(decodeCancelRequest(frontend.cancel(7, 0x9000_0000 | 0))).toEqual({
      processId: 7,
      secretKey: 0x9000_0000,
    })
  })
})

describe('MessageFramer', () => {
  it('cuts several messages out of one chunk and waits for a split one', () => {
    const framer = new MessageFramer()
    const bytes = Buffer.concat([frontend.sync(), frontend.query('rows 1'), frontend.flush()])
    framer.push(bytes.subarray(0, 8))
    expect(framer.next(true)).toEqual(frontend.sync())
    expect(framer.next(true)).toBeUndefined()
    framer.push(bytes.subarray(8, 12))
    expect(framer.next(true)).toBeUndefined()
    framer.push(bytes.subarray(12))
    expect(framer.next(true)).toEqual(frontend.query('rows 1'))
    expect(framer.next(true)).toEqual(frontend.flush())
    expect(framer.next(true)).toBeUndefined()
  })

  it('frames initial messages without a type byte', () => {
    const framer = new MessageFramer()
    const startup = frontend.startup({ user: 'u' })
    framer.push(startup)
    framer.push(frontend.sync())
    expect(framer.next(false)).toEqual(startup)
    expect(framer.next(true)).toEqual(frontend.sync())
  })

  it('rejects a length over the cap from the header alone', () => {
    const framer = new MessageFramer()
    const header = Buffer.alloc(5)
    header.write('Q')
    header.writeUInt32BE(maxMessageBytes + 1, 1)
    framer.push(header)
    expect(() => framer.next(true)).toThrow(/invalid message length/)
  })
})
