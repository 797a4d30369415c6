/**
 * Decoding of the frontend (client → server) messages of PostgreSQL protocol v3 that arrive after
 * authentication, plus the two initial requests the startup library does not know (CancelRequest,
 * GSSENCRequest). Pure functions over complete frames; every read is bounds-checked and a frame
 * must be consumed exactly, so a malformed message is a {@link ProtocolViolation}, never a crash.
 *
 * https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
import type { ParameterValue } from '../engine/types.js'

/** The client broke the protocol. The wire layer answers 08P01 and closes only that connection. */
export class ProtocolViolation extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProtocolViolation'
  }
}

export type DescribeTarget = 'statement' | 'portal'

export type FrontendMessage =
  | { type: 'query'; sql: string }
  | { type: 'parse'; statement: string; sql: string; paramTypeIDs: number[] }
  | {
      type: 'bind'
      portal: string
      statement: string
      params: ParameterValue[]
      resultFormats: number[]
    }
  | { type: 'describe'; target: DescribeTarget; name: string }
  | { type: 'execute'; portal: string; maxRows: number }
  | { type: 'close'; target: DescribeTarget; name: string }
  | { type: 'sync' }
  | { type: 'flush' }
  | { type: 'terminate' }

const textFormat = 0
const binaryFormat = 1

/** Reads one message body; each read checks that the bytes are there. */
class BodyReader {
  private offset = 0

  constructor(
    private readonly body: Buffer,
    private readonly messageName: string,
  ) {}

  int16(): number {
    this.need(2)
    const value = this.body.readInt16BE(this.offset)
    this.offset += 2
    return value
  }

  int32(): number {
    this.need(4)
    const value = this.body.readInt32BE(this.offset)
    this.offset += 4
    return value
  }

  uint32(): number {
    this.need(4)
    const value = this.body.readUInt32BE(this.offset)
    this.offset += 4
    return value
  }

  byte(): number {
    this.need(1)
    return this.body[this.offset++]!
  }

  bytes(length: number): Buffer {
    this.need(length)
    const value = this.body.subarray(this.offset, this.offset + length)
    this.offset += length
    return value
  }

  cstring(): string {
    const end = this.body.indexOf(0, this.offset)
    if (end === -1) throw this.violation('a string is not NUL-terminated')
    const value = this.body.toString('utf8', this.offset, end)
    this.offset = end + 1
    return value
  }

  /** A count (int16) that must not be negative. */
  count(): number {
    const value = this.int16()
    if (value < 0) throw this.violation(`negative count ${value}`)
    return value
  }

  /** The whole body must be consumed, as PostgreSQL's pq_getmsgend demands. */
  end(): void {
    if (this.offset !== this.body.length) {
      throw this.violation(`${this.body.length - this.offset} unexpected trailing bytes`)
    }
  }

  violation(problem: string): ProtocolViolation {
    return new ProtocolViolation(`invalid ${this.messageName} message: ${problem}`)
  }

  private need(length: number): void {
    if (this.offset + length > this.body.length) throw this.violation('message is truncated')
  }
}

type Decoder = (reader: BodyReader) => FrontendMessage

function describeTarget(reader: BodyReader): DescribeTarget {
  const kind = reader.byte()
  if (kind === 0x53) return 'statement' // 'S'
  if (kind === 0x50) return 'portal' // 'P'
  throw reader.violation(`unknown target type ${JSON.stringify(String.fromCharCode(kind))}`)
}

/**
 * Bind's format codes: none (all text), one (for all values) or one per value. Only text (0) and
 * binary (1) exist.
 */
function formatOf(reader: BodyReader, formats: number[], index: number): number {
  const format = formats.length === 1 ? formats[0]! : (formats[index] ?? textFormat)
  if (format !== textFormat && format !== binaryFormat) {
    throw reader.violation(`unknown format code ${format}`)
  }
  return format
}

function decodeBind(reader: BodyReader): FrontendMessage {
  const portal = reader.cstring()
  const statement = reader.cstring()
  const paramFormats = Array.from({ length: reader.count() }, () => reader.int16())
  const params: ParameterValue[] = []
  const paramCount = reader.count()
  if (paramFormats.length > 1 && paramFormats.length !== paramCount) {
    throw reader.violation(
      `${paramFormats.length} parameter format codes for ${paramCount} parameters`,
    )
  }
  for (let index = 0; index < paramCount; index++) {
    const format = formatOf(reader, paramFormats, index)
    const length = reader.int32()
    if (length < -1) throw reader.violation(`invalid parameter length ${length}`)
    if (length === -1) {
      params.push(null)
      continue
    }
    const bytes = reader.bytes(length)
    // Binary values are handed over as bytes; the engine decides what it accepts (docs/iris-sql.md#parameter-re-typing).
    params.push(format === textFormat ? bytes.toString('utf8') : Buffer.from(bytes))
  }
  const resultFormats = Array.from({ length: reader.count() }, () => reader.int16())
  return { type: 'bind', portal, statement, params, resultFormats }
}

const decoders: Record<string, { name: string; decode: Decoder }> = {
  Q: { name: 'Query', decode: (reader) => ({ type: 'query', sql: reader.cstring() }) },
  P: {
    name: 'Parse',
    decode: (reader) => {
      const statement = reader.cstring()
      const sql = reader.cstring()
      const paramTypeIDs = Array.from({ length: reader.count() }, () => reader.uint32())
      return { type: 'parse', statement, sql, paramTypeIDs }
    },
  },
  B: { name: 'Bind', decode: decodeBind },
  D: {
    name: 'Describe',
    decode: (reader) => ({
      type: 'describe',
      target: describeTarget(reader),
      name: reader.cstring(),
    }),
  },
  E: {
    name: 'Execute',
    decode: (reader) => ({ type: 'execute', portal: reader.cstring(), maxRows: reader.int32() }),
  },
  C: {
    name: 'Close',
    decode: (reader) => ({ type: 'close', target: describeTarget(reader), name: reader.cstring() }),
  },
  S: { name: 'Sync', decode: () => ({ type: 'sync' }) },
  H: { name: 'Flush', decode: () => ({ type: 'flush' }) },
  X: { name: 'Terminate', decode: () => ({ type: 'terminate' }) },
}

/**
 * Decodes one complete frame (type byte, int32 length, body) as framed by {@link MessageFramer}.
 * Unknown type bytes (including COPY and FunctionCall, which the sim does not support) are
 * protocol violations.
 */
export function decodeFrontendMessage(frame: Buffer): FrontendMessage {
  const typeByte = String.fromCharCode(frame[0]!)
  const decoder = Object.hasOwn(decoders, typeByte) ? decoders[typeByte] : undefined
  if (!decoder) {
    throw new ProtocolViolation(`unknown or unsupported message type ${JSON.stringify(typeByte)}`)
  }
  const reader = new BodyReader(frame.subarray(5), decoder.name)
  const message = decoder.decode(reader)
  reader.end()
  return message
}

/** Request codes of the initial, untyped messages (in place of a protocol version). */
export const cancelRequestCode = 80877102
export const gssEncryptionRequestCode = 80877104

/** The request code of an initial message (length, code, ...), or undefined if it is too short. */
export function initialRequestCode(frame: Buffer): number | undefined {
  return frame.length >= 8 ? frame.readInt32BE(4) : undefined
}

export interface CancelRequest {
  processId: number
  secretKey: number
}

/** CancelRequest: int32 length (16), int32 80877102, int32 process id, int32 secret key. */
export function decodeCancelRequest(frame: Buffer): CancelRequest {
  const reader = new BodyReader(frame.subarray(8), 'CancelRequest')
  const request = { processId: reader.uint32(), secretKey: reader.uint32() }
  reader.end()
  return request
}

/** StartupMessage protocol version 3.0, in place of a request code. */
export const protocolVersion3 = 196608

/**
 * Checks a StartupMessage's parameter list (name/value C strings, then an empty name ending the
 * message) before pg-gateway reads it: its reader looks for a NUL past the end of a malformed
 * message and would never return.
 */
export function checkStartupMessage(frame: Buffer): void {
  const reader = new BodyReader(frame.subarray(8), 'StartupMessage')
  while (reader.cstring() !== '') reader.cstring()
  reader.end()
}

/** Checks a SASLInitialResponse (mechanism name, int32 length, bytes) for the same reason. */
export function checkSaslInitialResponse(frame: Buffer): void {
  const reader = new BodyReader(frame.subarray(5), 'SASLInitialResponse')
  reader.cstring()
  const length = reader.int32()
  if (length > 0) reader.bytes(length)
  reader.end()
}
