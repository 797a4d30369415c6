/**
 * An exclusive lock with an owner, granted first come first served. Waiting is bounded by a timeout
 * and can be aborted; a waiter never hangs. The backend lock and each table lock are one of these.
 */

/** A wait ran out of time (the session turns it into SQLCODE -110, docs/iris-sql.md#sqlcodes). */
export class LockTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`lock wait timed out after ${waitedMs} ms`)
    this.name = 'LockTimeoutError'
  }
}

interface Waiter {
  owner: number
  grant: () => void
}

export class FifoLock {
  #holder: number | undefined
  readonly #queue: Waiter[] = []

  /** The owner holding the lock, if any. */
  get holder(): number | undefined {
    return this.#holder
  }

  /**
   * Takes the lock for `owner`, waiting behind earlier waiters up to `timeoutMs`. Rejects with
   * {@link LockTimeoutError} on timeout, or with the signal's reason when `signal` aborts.
   * Taking a lock the owner already holds is an error in the caller.
   */
  acquire(owner: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.#holder === owner) throw new Error(`owner ${owner} already holds the lock`)
    if (this.#holder === undefined && this.#queue.length === 0) {
      this.#holder = owner
      return Promise.resolve()
    }
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        grant: () => {
          cleanup()
          resolve()
        },
      }
      const leave = (error: unknown) => {
        const index = this.#queue.indexOf(waiter)
        if (index >= 0) this.#queue.splice(index, 1)
        cleanup()
        reject(error)
      }
      const timer = setTimeout(() => leave(new LockTimeoutError(timeoutMs)), timeoutMs)
      const onAbort = () => leave(signal?.reason)
      const cleanup = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#queue.push(waiter)
    })
  }

  /** Releases the lock if `owner` holds it and hands it to the next waiter. */
  release(owner: number): void {
    if (this.#holder !== owner) return
    const next = this.#queue.shift()
    this.#holder = next?.owner
    next?.grant()
  }
}
