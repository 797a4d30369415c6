/**
 * Connection start with pg-gateway: SSLRequest (answered 'N': no TLS), StartupMessage, and
 * authentication, either trust (any user, any database, as iris-pgwire does,
 * docs/iris-sql.md#authentication) or
 * SCRAM-SHA-256 against configured users. pg-gateway sends AuthenticationOk and the first
 * ReadyForQuery; the `onAuthenticated` hook, which runs between the two, sends ParameterStatus and
 * BackendKeyData (pg-gateway's `serverVersion` option stays unset, so nothing is sent twice).
 *
 * Why pg-gateway does not read the socket itself: its framing buffers a message of any announced
 * length (no cap, so one bad header could exhaust memory), cannot reject a bad length before the
 * bytes arrive, and frames bytes pipelined behind the StartupMessage with the startup header
 * size. So {@link ClientSocket} frames the stream, handles CancelRequest first, and feeds
 * complete startup messages to pg-gateway's public `handleClientMessage`.
 */

import { randomBytes } from 'node:crypto'
import type { Socket } from 'node:net'
import { createScramSha256Data, PostgresConnection, type ScramSha256Data } from 'pg-gateway'
import type { SessionInfo } from '../engine/types.js'
import {
  checkSaslInitialResponse,
  checkStartupMessage,
  initialRequestCode,
  protocolVersion3,
} from './frontend-messages.js'

/** SCRAM secrets per user name; `undefined` means trust authentication. */
export type Credentials = ReadonlyMap<string, ScramSha256Data> | undefined

/** Derives SCRAM secrets once per server, so a connection does not pay for PBKDF2 again. */
export function scramCredentials(users: Readonly<Record<string, string>>): Credentials {
  return new Map(
    Object.entries(users).map(([name, password]) => [name, createScramSha256Data(password)]),
  )
}

/** An unknown user gets secrets nobody knows, so the exchange fails like a wrong password. */
function secretsFor(credentials: ReadonlyMap<string, ScramSha256Data>, user: string) {
  return credentials.get(user) ?? createScramSha256Data(randomBytes(32).toString('base64'))
}

export class Handshake extends PostgresConnection {
  /** pg-gateway starts handling a StartupMessage without awaiting it; we keep the promise. */
  private startup: Promise<void> | undefined
  private readonly isScram: boolean
  private saslResponses = 0

  constructor(
    socket: Socket,
    credentials: Credentials,
    onAuthenticated: (info: SessionInfo) => void,
  ) {
    super(socket, {
      auth: credentials
        ? {
            method: 'scram-sha-256',
            getScramSha256Data: ({ username }) => secretsFor(credentials, username),
          }
        : { method: 'trust' },
      onAuthenticated: ({ clientInfo }) => {
        const parameters = clientInfo!.parameters
        onAuthenticated({
          user: parameters.user,
          database: parameters.database ?? parameters.user,
          applicationName: parameters.application_name,
        })
      },
    })
    this.removeSocketHandlers(socket)
    this.isScram = credentials !== undefined
  }

  override handleStartupMessage(message: Buffer): Promise<void> {
    this.startup = super.handleStartupMessage(message)
    return this.startup
  }

  /**
   * Handles one complete startup-phase message, including the work pg-gateway leaves running, so
   * that when it returns after authentication, ReadyForQuery has gone out.
   */
  async feed(message: Buffer): Promise<void> {
    this.check(message)
    await this.handleClientMessage(message)
    const startup = this.startup
    this.startup = undefined
    await startup
  }

  /** Validates what pg-gateway reads with its unbounded C-string reader. */
  private check(message: Buffer): void {
    if (!this.hasStarted) {
      if (initialRequestCode(message) === protocolVersion3) checkStartupMessage(message)
    } else if (this.isScram && this.saslResponses++ === 0) {
      checkSaslInitialResponse(message)
    }
  }
}
