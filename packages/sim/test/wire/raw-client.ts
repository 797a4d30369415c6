/**
 * A bare protocol client for wire tests that `pg` cannot express: hand-made (and broken) frontend
 * messages, Execute row limits, binary parameters, and exact backend message sequences.
 */
import { connect, type Socket } from 'node:net'
import { serialize } from 'pg-protocol'

export interface BackendMessage {
  type: string
  body: Buffer
}

function frame(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts)
  const header = Buffer.alloc(5)
  header.write(type, 0, 'latin1')
  header.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([header, body])
}

function int16(value: number): Buffer {
  const part = Buffer.alloc(2)
  part.writeInt16BE(value)
  return part
}

function int32(value: number): Buffer {
  const part = Buffer.alloc(4)
  part.writeInt32BE(value)
  return part
}

function cstring(value: string): Buffer {
  return Buffer.from(`${value}\0`)
}

/**
 * Frontend messages. The well-formed ones are encoded by pg-protocol's serializer, the encoder
 * node-postgres itself uses; only what it never writes is built by hand: broken frames (`raw`,
 * `untyped`) and Bind's parameter format codes given explicitly (`bindWithFormats`).
 */
export const frontend = {
  startup: (parameters: Record<string, string>) => serialize.startup(parameters),
  untyped(...parts: Buffer[]): Buffer {
    const body = Buffer.concat(parts)
    return Buffer.concat([int32(body.length + 4), body])
  },
  query: (sql: string) => serialize.query(sql),
  parse: (name: string, sql: string, types: number[] = []) =>
    serialize.parse({ name, text: sql, types }),
  /** Bind as node-postgres sends it: one format code per parameter (a Buffer is binary). */
  bind: (
    portal: string,
    statement: string,
    params: (string | Buffer | null)[],
    options: { binaryResults?: boolean } = {},
  ) => serialize.bind({ portal, statement, values: params, binary: options.binaryResults }),
  /** Bind with the parameter format codes given as they are: one for all, or deliberately wrong. */
  bindWithFormats(params: (string | Buffer)[], paramFormats: number[]): Buffer {
    const values = params.map((value) => {
      const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value)
      return Buffer.concat([int32(bytes.length), bytes])
    })
    return frame(
      'B',
      cstring(''),
      cstring(''),
      int16(paramFormats.length),
      ...paramFormats.map(int16),
      int16(params.length),
      ...values,
      int16(0),
    )
  },
  describe: (target: 'S' | 'P', name: string) => serialize.describe({ type: target, name }),
  execute: (portal: string, maxRows = 0) => serialize.execute({ portal, rows: maxRows }),
  close: (target: 'S' | 'P', name: string) => serialize.close({ type: target, name }),
  sync: () => serialize.sync(),
  flush: () => serialize.flush(),
  terminate: () => serialize.end(),
  cancel: (processId: number, secretKey: number) => serialize.cancel(processId, secretKey),
  raw: frame,
  int16,
  int32,
  cstring,
}

export class RawClient {
  private buffer = Buffer.alloc(0)
  private readonly messages: BackendMessage[] = []
  private waiter: (() => void) | undefined
  private ended = false
  readonly closed: Promise<void>

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      this.parse()
      this.waiter?.()
    })
    socket.on('error', () => {})
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.ended = true
        this.waiter?.()
        resolve()
      }),
    )
  }

  /** Opens a socket without sending anything. */
  static async open(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    return new RawClient(socket)
  }

  /** Opens a socket and completes a trust startup, up to the first ReadyForQuery. */
  static async connect(port: number, parameters = { user: 'tester', database: 'USER' }) {
    const client = await RawClient.open(port)
    client.send(frontend.startup(parameters))
    const startup = await client.readUntil('Z')
    return { client, startup }
  }

  send(...data: Buffer[]): void {
    this.socket.write(Buffer.concat(data))
  }

  /** Reads raw bytes (for the one-byte SSLRequest/GSSENCRequest answers). */
  async readBytes(count: number): Promise<Buffer> {
    while (this.buffer.length < count) await this.wait()
    const bytes = this.buffer.subarray(0, count)
    this.buffer = this.buffer.subarray(count)
    return bytes
  }

  /** Backend messages up to and including the first of type `type`. */
  async readUntil(type: string): Promise<BackendMessage[]> {
    for (;;) {
      const index = this.messages.findIndex((message) => message.type === type)
      if (index !== -1) return this.messages.splice(0, index + 1)
      if (this.ended) {
        throw new Error(`connection closed before ${type}; got ${types(this.messages)}`)
      }
      await this.wait()
    }
  }

  /** Every message received until the server closes the socket. */
  async readToEnd(): Promise<BackendMessage[]> {
    await this.closed
    return this.messages.splice(0)
  }

  /** The one-byte answers to SSLRequest/GSSENCRequest are shorter than a message header. */
  private parse(): void {
    while (this.buffer.length >= 5) {
      const length = this.buffer.readInt32BE(1)
      if (this.buffer.length < length + 1) return
      this.messages.push({
        type: String.fromCharCode(this.buffer[0]!),
        body: this.buffer.subarray(5, length + 1),
      })
      this.buffer = this.buffer.subarray(length + 1)
    }
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => {
      this.waiter = resolve
    })
  }

  destroy(): void {
    this.socket.destroy()
  }
}

export function types(messages: BackendMessage[]): string {
  return messages.map((message) => message.type).join('')
}

/** The text values of a DataRow body (null for SQL NULL). */
export function dataRowValues(message: BackendMessage): (string | null)[] {
  const { body } = message
  const values: (string | null)[] = []
  let offset = 2
  for (let index = 0; index < body.readInt16BE(0); index++) {
    const length = body.readInt32BE(offset)
    offset += 4
    if (length === -1) {
      values.push(null)
      continue
    }
    values.push(body.toString('utf8', offset, offset + length))
    offset += length
  }
  return values
}

/** The fields of an ErrorResponse body, keyed by their one-letter codes. */
export function errorFields(message: BackendMessage): Record<string, string> {
  const fields: Record<string, string> = {}
  let offset = 0
  while (message.body[offset] !== 0) {
    const code = String.fromCharCode(message.body[offset]!)
    const end = message.body.indexOf(0, offset + 1)
    fields[code] = message.body.toString('utf8', offset + 1, end)
    offset = end + 1
  }
  return fields
}
