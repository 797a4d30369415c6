/**
 * Keeps the last part of a child process's output, for error messages; iris-pgwire logs every
 * statement, so keeping all of it would grow without bound.
 */
export class OutputTail {
  private text = ''

  constructor(private readonly limit = 16_384) {}

  push(chunk: Buffer | string): void {
    this.text += chunk.toString()
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit)
  }

  toString(): string {
    // structlog's console renderer colours its output; the colour codes only garble a message.
    return this.text.slice(-this.limit).replace(/\u001b\[[0-9;]*m/g, '')
  }
}
