import type { ReadQuery } from './column-catalog.js'
import { IrisTransactionsUnsupportedError } from './errors.js'
import { SessionLane } from './session-lane.js'
import { type IrisSessionModel, probeSessionModel } from './session-probe.js'

/** What to do when the front end does not honour transactions. */
export type IrisTransactionsMode = 'required' | 'unsafe-autocommit'

export interface SessionPolicyOptions {
  /** A declared model, or `detect` to probe it once, when first needed. */
  readonly sessionModel: 'detect' | IrisSessionModel
  readonly transactions: IrisTransactionsMode
}

/**
 * One pool's knowledge of its front end's session model (docs/iris-sql.md#iris-pgwire-backends),
 * and what follows from it: whether transactions may start, whether `LAST_IDENTITY()` can be
 * trusted, and the lane that keeps a shared process's transactions apart from the pool's other
 * statements.
 */
export class SessionPolicy {
  readonly lane = new SessionLane()
  readonly #options: SessionPolicyOptions
  #model: IrisSessionModel | undefined
  #probing: Promise<IrisSessionModel> | undefined

  constructor(options: SessionPolicyOptions) {
    this.#options = options
    if (options.sessionModel !== 'detect') this.#model = options.sessionModel
  }

  /**
   * Whether a statement must share the lane: while the model is unknown a probe may be holding it,
   * and in a shared process a transaction may be.
   */
  get statementsShareLane(): boolean {
    return this.#model === undefined || this.#model === 'shared-process'
  }

  /** The model once declared or probed; undefined until then (model() finds it). */
  get known(): IrisSessionModel | undefined {
    return this.#model
  }

  /** The model, probed with `read` the first time (holding the lane alone meanwhile). */
  async model(read: ReadQuery): Promise<IrisSessionModel> {
    if (this.#model) return this.#model
    this.#probing ??= this.#probe(read).then(
      (model) => {
        this.#model = model
        return model
      },
      (error: unknown) => {
        // Probed again next time: a lost connection says nothing about the front end, and an
        // unknown one is refused each time, until the model is declared.
        this.#probing = undefined
        throw error
      },
    )
    return this.#probing
  }

  /**
   * Whether a transaction (or a chunked insert's atomicity) can be had under `model`. Throws,
   * before anything is written, where it cannot and the user has not opted into autocommit;
   * `subject` names the refused work. Returns false under the `unsafe-autocommit` opt-in: run
   * without a transaction.
   */
  transactionsHonoured(model: IrisSessionModel, subject: string): boolean {
    if (model !== 'pooled-autocommit') return true
    if (this.#options.transactions === 'unsafe-autocommit') return false
    throw new IrisTransactionsUnsupportedError(
      `${subject} was refused before anything was sent: this front end does not honour transactions. iris-pgwire's external (DB-API) backend answers START TRANSACTION, COMMIT and ROLLBACK itself and autocommits every statement on whichever pooled IRIS connection is free, so a rollback would undo nothing. Run iris-pgwire's embedded backend (irispython -m iris_pgwire.server), or set transactions: 'unsafe-autocommit' to run such work without a transaction`,
    )
  }

  async #probe(read: ReadQuery): Promise<IrisSessionModel> {
    const leave = await this.lane.exclusive()
    try {
      return await probeSessionModel(read)
    } finally {
      leave()
    }
  }
}
