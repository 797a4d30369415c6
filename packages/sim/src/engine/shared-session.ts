/**
 * iris-pgwire's embedded backend: every client's statement runs through `iris.sql.exec` in one
 * IRIS process, so all clients share one IRIS session, with one transaction and one
 * LAST_IDENTITY() (docs/iris-sql.md#iris-pgwire-backends). Statements take turns in arrival order,
 * as one process runs them; a failure leaves the session as it is.
 */
import type { IrisSessions } from './iris-sessions.js'
import type { IrisSession } from './session.js'

export class SharedSession implements IrisSessions {
  readonly #session: IrisSession
  #turns: Promise<unknown> = Promise.resolve()

  constructor(session: IrisSession) {
    this.#session = session
  }

  use<T>(work: (session: IrisSession) => Promise<T>): Promise<T> {
    const turn = this.#turns.then(() => work(this.#session))
    this.#turns = turn.catch(() => undefined)
    return turn
  }

  async close(): Promise<void> {
    await this.#turns
    await this.#session.close()
  }
}
