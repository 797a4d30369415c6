/**
 * iris-pgwire's external backend: one pool of IRIS connections, each its own IRIS session, for all
 * clients (docs/iris-sql.md#iris-pgwire-backends). Each statement, and each Describe, takes the
 * idle session returned last (or opens a new one) and gives it back when it succeeds; at most 10
 * are kept idle, the others are closed. A session whose statement failed is dropped: iris-pgwire
 * neither returns nor closes it, and the sim closes it, rolling back whatever transaction it was in.
 *
 * iris-pgwire runs statements on worker threads, side by side: requests that arrive together each
 * take a session. The sim runs a statement within one turn of the event loop, so a session taken
 * is held until the requests that arrived with it have taken theirs.
 */
import { setImmediate } from 'node:timers/promises'
import type { IrisSessions } from './iris-sessions.js'
import type { IrisSession } from './session.js'

/** iris-pgwire's `_max_connections`: the idle sessions kept for reuse. */
export const MAX_IDLE_SESSIONS = 10

export class SessionPool implements IrisSessions {
  readonly #open: () => IrisSession
  /** Last in, first out. */
  readonly #idle: IrisSession[] = []
  readonly #inUse = new Set<IrisSession>()
  #closed = false

  constructor(open: () => IrisSession) {
    this.#open = open
  }

  /** Idle sessions, for tests: the next statement takes the last. */
  get idleCount(): number {
    return this.#idle.length
  }

  async use<T>(work: (session: IrisSession) => Promise<T>): Promise<T> {
    const session = this.#idle.pop() ?? this.#open()
    this.#inUse.add(session)
    let result: T
    try {
      await setImmediate()
      result = await work(session)
    } catch (error) {
      this.#inUse.delete(session)
      await session.close()
      throw error
    }
    this.#inUse.delete(session)
    await this.#giveBack(session)
    return result
  }

  async #giveBack(session: IrisSession): Promise<void> {
    if (!this.#closed && this.#idle.length < MAX_IDLE_SESSIONS) this.#idle.push(session)
    else await session.close()
  }

  async close(): Promise<void> {
    this.#closed = true
    const sessions = [...this.#idle, ...this.#inUse]
    this.#idle.length = 0
    this.#inUse.clear()
    await Promise.all(sessions.map((session) => session.close()))
  }
}
