/**
 * One client socket from accept to close: frames its bytes, answers CancelRequest and
 * GSSENCRequest, runs the startup and authentication through {@link Handshake}, then hands every
 * message to its {@link Connection}, strictly in order. A protocol violation gets a FATAL
 * ErrorResponse (08P01) and closes this socket only; nothing a client sends can throw past here.
 */
import type { Socket } from 'node:net'
import type { Engine } from '../engine/types.js'
import { backendKeyData, errorResponse, parameterStatus } from './backend-messages.js'
import { Connection } from './connection.js'
import {
  cancelRequestCode,
  decodeCancelRequest,
  decodeFrontendMessage,
  gssEncryptionRequestCode,
  initialRequestCode,
} from './frontend-messages.js'
import { type Credentials, Handshake } from './handshake.js'
import { MessageFramer } from './message-framer.js'

export interface ClientSocketOptions {
  engine: Engine
  credentials: Credentials
  honourRowLimit: boolean
}

export class ClientSocket {
  private readonly framer = new MessageFramer()
  private readonly handshake: Handshake
  private connection: Connection | undefined
  /** Every piece of work on this socket, chained so that messages are handled one at a time. */
  private work: Promise<void> = Promise.resolve()
  /** No more messages are read: the client terminated, broke the protocol, or went away. */
  private done = false
  /** Resolves once the socket has closed and its engine session (if any) has been closed. */
  readonly closed: Promise<void>

  constructor(
    private readonly socket: Socket,
    private readonly options: ClientSocketOptions,
  ) {
    this.handshake = new Handshake(socket, options.credentials, (info) => {
      const session = options.engine.openSession(info)
      this.connection = new Connection({
        session,
        honourRowLimit: options.honourRowLimit,
        write: (data) => this.write(data),
      })
      for (const [name, value] of Object.entries(options.engine.serverParameters)) {
        this.write(parameterStatus(name, value))
      }
      this.write(backendKeyData(session.processId, session.secretKey))
    })
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => {
      if (this.done) return
      this.framer.push(chunk)
      this.enqueue(() => this.readMessages())
    })
    // A vanished client shows up as 'error' (e.g. ECONNRESET) followed by 'close'.
    socket.on('error', () => {})
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.done = true
        // The statement in progress is cancelled, as a CancelRequest would: one still waiting for
        // the backend or a table lock is abandoned at once instead of running (or holding its
        // place in line) for a client that is gone. One already running on the backend finishes;
        // then the session closes, rolling back any transaction.
        this.cancelRunningStatement()
        this.enqueue(async () => {
          try {
            await this.connection?.close()
          } finally {
            resolve()
          }
        })
      })
    })
  }

  /** Cancels the statement this client is running, if any (used when the server stops). */
  cancelRunningStatement(): void {
    const session = this.connection?.session
    if (session) this.options.engine.cancel(session.processId, session.secretKey)
  }

  destroy(): void {
    this.socket.destroy()
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((error: unknown) => this.fail(error))
  }

  private async readMessages(): Promise<void> {
    while (!this.done) {
      const frame = this.framer.next(this.handshake.hasStarted)
      if (!frame) return
      await this.handleFrame(frame)
    }
  }

  private async handleFrame(frame: Buffer): Promise<void> {
    if (this.connection) {
      const message = decodeFrontendMessage(frame)
      if (message.type === 'terminate') {
        this.done = true
        await this.connection.close()
        this.socket.end()
        return
      }
      await this.connection.handle(message)
      return
    }
    if (!this.handshake.hasStarted) {
      const code = initialRequestCode(frame)
      if (code === cancelRequestCode) {
        const { processId, secretKey } = decodeCancelRequest(frame)
        this.options.engine.cancel(processId, secretKey)
        this.done = true
        this.socket.end()
        return
      }
      if (code === gssEncryptionRequestCode) {
        this.write(Buffer.from('N')) // no GSSAPI encryption; the client goes on unencrypted
        return
      }
    }
    await this.handshake.feed(frame)
    // pg-gateway ends the socket itself when authentication fails.
    if (!this.socket.writable) this.done = true
  }

  /**
   * A broken message (or, during startup, anything pg-gateway rejects): answer FATAL 08P01 and end
   * this socket. Output collected before the broken message goes out first.
   */
  private fail(error: unknown): void {
    this.done = true
    this.connection?.flush()
    const message = error instanceof Error ? error.message : String(error)
    this.write(errorResponse({ severity: 'FATAL', code: '08P01', message }))
    this.socket.end()
  }

  private write(data: Buffer): void {
    if (this.socket.writable) this.socket.write(data)
  }
}
