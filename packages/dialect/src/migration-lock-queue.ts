/**
 * The in-process half of the migration lock (iris-adapter.ts): the migrators of one adapter that
 * want the same lock row queue here, first come first served, so only one of them at a time tries
 * to insert the row, and a release hands the turn straight to the next instead of leaving it to the
 * next poll. The row still excludes other processes. A holder is the `db` its migrator passes to
 * both acquire and release, so a second release of one holder does nothing.
 */
export class MigrationLockQueue {
  /** Per lock row: settles when the last holder queued so far has released. */
  readonly #tails = new Map<string, Promise<void>>()
  /** Per holder: ends its turn (it then passes to the next in line). */
  readonly #ends = new Map<object, () => void>()

  /**
   * Waits for `holder`'s turn at `key`: true once it has it, false when `deadline` (a Date.now()
   * value) passes first; then the holder has left the line without holding it.
   */
  async acquire(key: string, holder: object, deadline: number): Promise<boolean> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    let end: () => void = () => {}
    const ended = new Promise<void>((resolve) => {
      end = resolve
    })
    // The next holder's turn comes when this one has ended and every one before it too.
    const tail = previous.then(() => ended)
    this.#tails.set(key, tail)
    this.#ends.set(holder, () => {
      end()
      void tail.then(() => {
        if (this.#tails.get(key) === tail) this.#tails.delete(key)
      })
    })
    let timer: ReturnType<typeof setTimeout> | undefined
    const expired = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))
    })
    const turn = await Promise.race([previous.then(() => true as const), expired])
    clearTimeout(timer)
    if (!turn) this.release(holder)
    return turn
  }

  /** Whether `holder` has its turn (or, before acquire returns, its place in line). */
  holds(holder: object): boolean {
    return this.#ends.has(holder)
  }

  /** Ends `holder`'s turn, or its place in line; nothing when it has neither. */
  release(holder: object): void {
    const end = this.#ends.get(holder)
    this.#ends.delete(holder)
    end?.()
  }
}
