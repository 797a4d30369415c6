/**
 * Encoding of the backend (server → client) messages the sim sends after authentication.
 * Pure functions returning complete frames (type byte, int32 length, body).
 * Results always travel in text format (format code 0).
 *
 * https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
import { createBackendErrorMessage } from 'pg-gateway'
import type { ErrorFields, FieldDescription, TransactionStatus } from '../engine/types.js'

/** Builds one message body from typed parts, then frames it. */
class MessageWriter {
  private readonly parts: Buffer[] = []
  private length = 0

  int16(value: number): this {
    const part = Buffer.allocUnsafe(2)
    part.writeInt16BE(value)
    return this.add(part)
  }

  int32(value: number): this {
    const part = Buffer.allocUnsafe(4)
    part.writeInt32BE(value | 0)
    return this.add(part)
  }

  cstring(value: string): this {
    return this.add(Buffer.from(`${value}\0`, 'utf8'))
  }

  add(part: Buffer): this {
    this.parts.push(part)
    this.length += part.length
    return this
  }

  frame(type: string): Buffer {
    const header = Buffer.allocUnsafe(5)
    header.write(type, 0, 'latin1')
    header.writeInt32BE(this.length + 4, 1)
    return Buffer.concat([header, ...this.parts], this.length + 5)
  }
}

function emptyMessage(type: string): Buffer {
  return new MessageWriter().frame(type)
}

export const parseComplete = emptyMessage('1')
export const bindComplete = emptyMessage('2')
export const closeComplete = emptyMessage('3')
export const noData = emptyMessage('n')
export const portalSuspended = emptyMessage('s')
export const emptyQueryResponse = emptyMessage('I')

export function parameterStatus(name: string, value: string): Buffer {
  return new MessageWriter().cstring(name).cstring(value).frame('S')
}

/** Process id and secret key travel as 32 raw bits; a CancelRequest brings them back unsigned. */
export function backendKeyData(processId: number, secretKey: number): Buffer {
  return new MessageWriter().int32(processId).int32(secretKey).frame('K')
}

/** IRIS has no aborted-transaction state, so 'E' is never sent (docs/iris-sql.md#error-format). */
export function readyForQuery(status: TransactionStatus): Buffer {
  return new MessageWriter().add(Buffer.from(status === 'transaction' ? 'T' : 'I')).frame('Z')
}

export function rowDescription(fields: readonly FieldDescription[]): Buffer {
  const writer = new MessageWriter().int16(fields.length)
  for (const field of fields) {
    writer
      .cstring(field.name)
      .int32(field.tableID)
      .int16(field.columnID)
      .int32(field.dataTypeID)
      .int16(field.dataTypeSize)
      .int32(field.dataTypeModifier)
      .int16(0) // text format
  }
  return writer.frame('T')
}

export function dataRow(values: readonly (string | null)[]): Buffer {
  const writer = new MessageWriter().int16(values.length)
  for (const value of values) {
    if (value === null) {
      writer.int32(-1)
      continue
    }
    const bytes = Buffer.from(value, 'utf8')
    writer.int32(bytes.length).add(bytes)
  }
  return writer.frame('D')
}

export function commandComplete(tag: string): Buffer {
  return new MessageWriter().cstring(tag).frame('C')
}

export function parameterDescription(typeIDs: readonly number[]): Buffer {
  const writer = new MessageWriter().int16(typeIDs.length)
  for (const typeID of typeIDs) writer.int32(typeID)
  return writer.frame('t')
}

/** ErrorResponse, encoded by pg-gateway (the library that also answers errors during startup). */
export function errorResponse(fields: ErrorFields): Buffer {
  return createBackendErrorMessage(fields)
}
