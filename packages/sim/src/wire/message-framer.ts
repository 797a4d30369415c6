/**
 * Cuts a client's byte stream into complete messages. The first messages of a connection
 * (SSLRequest, StartupMessage, CancelRequest) have no type byte: int32 length, then the body;
 * every later message has a type byte before the length. The length counts itself.
 */
import { ProtocolViolation } from './frontend-messages.js'

/** PostgreSQL refuses startup packets over 10000 bytes (MAX_STARTUP_PACKET_LENGTH). */
export const maxStartupMessageBytes = 10_000
/** A sane cap on one message, checked on its header, before its bytes are buffered. */
export const maxMessageBytes = 256 * 1024 * 1024

export class MessageFramer {
  private chunks: Buffer[] = []
  private buffered = 0

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.chunks.push(chunk)
    this.buffered += chunk.length
  }

  /**
   * The next complete message (header included), or undefined while its bytes are still coming.
   * Throws {@link ProtocolViolation} for a length below 4 or over the cap.
   */
  next(hasTypeByte: boolean): Buffer | undefined {
    const typeLength = hasTypeByte ? 1 : 0
    const header = this.peek(typeLength + 4)
    if (!header) return undefined
    const length = header.readUInt32BE(typeLength)
    const cap = hasTypeByte ? maxMessageBytes : maxStartupMessageBytes
    if (length < 4 || length > cap) {
      throw new ProtocolViolation(`invalid message length ${length} (allowed: 4 to ${cap} bytes)`)
    }
    const total = typeLength + length
    return this.buffered >= total ? this.take(total) : undefined
  }

  private peek(length: number): Buffer | undefined {
    if (this.buffered < length) return undefined
    this.joinFront(length)
    return this.chunks[0]!.subarray(0, length)
  }

  private take(length: number): Buffer {
    this.joinFront(length)
    const first = this.chunks[0]!
    const frame = first.subarray(0, length)
    if (first.length === length) this.chunks.shift()
    else this.chunks[0] = first.subarray(length)
    this.buffered -= length
    return frame
  }

  /** Merges leading chunks until the first holds at least `length` bytes (which are buffered). */
  private joinFront(length: number): void {
    if (this.chunks[0]!.length >= length) return
    let count = 0
    let joined = 0
    while (joined < length) joined += this.chunks[count++]!.length
    this.chunks.splice(0, count, Buffer.concat(this.chunks.slice(0, count), joined))
  }
}
