/**
 * A shared / exclusive lane over one pool's statements, for a front end where every connection
 * shares one IRIS process (iris-pgwire's embedded backend, docs/iris-sql.md#iris-pgwire-backends):
 * a transaction, or an INSERT with its `LAST_IDENTITY()`, holds the lane alone, so none of the
 * pool's other statements runs inside that transaction or between that pair. Other statements
 * share it. Waiters are served in arrival order, so an exclusive waiter is never starved.
 */
export class SessionLane {
  #sharedHolders = 0
  #exclusiveHeld = false
  readonly #waiting: { exclusive: boolean; grant: () => void }[] = []

  /** Resolves when the lane is shared; call the returned function once to leave it. */
  shared(): Promise<() => void> {
    return this.#enter(false)
  }

  /**
   * Shares the lane at once when nobody holds it alone or waits for it, returning the function that
   * leaves it; undefined otherwise (then await `shared()`). A lone statement's common case costs no
   * promise.
   */
  tryShared(): (() => void) | undefined {
    if (this.#waiting.length > 0 || !this.#canGrant(false)) return undefined
    this.#take(false)
    return this.#leaver(false)
  }

  /** Resolves when the lane is held alone; call the returned function once to leave it. */
  exclusive(): Promise<() => void> {
    return this.#enter(true)
  }

  #enter(exclusive: boolean): Promise<() => void> {
    if (this.#waiting.length === 0 && this.#canGrant(exclusive)) {
      this.#take(exclusive)
      return Promise.resolve(this.#leaver(exclusive))
    }
    return new Promise((resolve) => {
      this.#waiting.push({ exclusive, grant: () => resolve(this.#leaver(exclusive)) })
    })
  }

  #canGrant(exclusive: boolean): boolean {
    return exclusive ? !this.#exclusiveHeld && this.#sharedHolders === 0 : !this.#exclusiveHeld
  }

  #take(exclusive: boolean): void {
    if (exclusive) this.#exclusiveHeld = true
    else this.#sharedHolders++
  }

  #leaver(exclusive: boolean): () => void {
    let left = false
    return () => {
      if (left) return
      left = true
      if (exclusive) this.#exclusiveHeld = false
      else this.#sharedHolders--
      this.#admit()
    }
  }

  /** Grants waiters in order while the first one can be granted. */
  #admit(): void {
    while (this.#waiting.length > 0) {
      const next = this.#waiting[0] as { exclusive: boolean; grant: () => void }
      if (!this.#canGrant(next.exclusive)) return
      this.#waiting.shift()
      this.#take(next.exclusive)
      next.grant()
    }
  }
}
