/**
 * `LOCK TABLE t IN EXCLUSIVE MODE [WAIT s]` / `UNLOCK TABLE t` (docs/iris-sql.md#table-locks):
 * locks held by the session (the IRIS process), not by its transaction, until unlocked or the
 * session ends. Locking a table the session already holds increments a count that UNLOCK
 * decrements, as IRIS lock counts do. Waiting here never holds the backend lock, so the holder can
 * go on working meanwhile.
 */
import type { TableRef } from '../translate/plan.js'
import { FifoLock } from './fifo-lock.js'

interface Held {
  lock: FifoLock
  count: number
}

function tableKey(table: TableRef): string {
  return `${table.schema}\u0000${table.name}`
}

export class TableLocks {
  readonly #locks = new Map<string, FifoLock>()
  /** owner → table key → what the owner holds. */
  readonly #held = new Map<number, Map<string, Held>>()

  async lock(
    owner: number,
    table: TableRef,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const key = tableKey(table)
    const mine = this.#held.get(owner)?.get(key)
    if (mine) {
      mine.count++
      return
    }
    let lock = this.#locks.get(key)
    if (!lock) {
      lock = new FifoLock()
      this.#locks.set(key, lock)
    }
    await lock.acquire(owner, timeoutMs, signal)
    let held = this.#held.get(owner)
    if (!held) {
      held = new Map()
      this.#held.set(owner, held)
    }
    held.set(key, { lock, count: 1 })
  }

  /**
   * Waits until no OTHER owner holds the table's lock (docs/iris-sql.md#table-locks: an exclusive
   * table lock keeps other processes from writing the table). Waits in line like a locker, then
   * lets go at once.
   */
  async waitUntilFree(
    owner: number,
    table: TableRef,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const lock = this.#locks.get(tableKey(table))
    if (lock?.holder === undefined || lock.holder === owner) return
    await lock.acquire(owner, timeoutMs, signal)
    lock.release(owner)
  }

  /** Decrements the owner's count on the table; at zero the lock passes on. Unlocking what is not held is accepted. */
  unlock(owner: number, table: TableRef): void {
    const key = tableKey(table)
    const held = this.#held.get(owner)
    const mine = held?.get(key)
    if (!held || !mine) return
    if (--mine.count > 0) return
    held.delete(key)
    mine.lock.release(owner)
  }

  /** Releases every table lock the owner holds (the session ends). */
  releaseAll(owner: number): void {
    const held = this.#held.get(owner)
    if (!held) return
    this.#held.delete(owner)
    for (const { lock } of held.values()) lock.release(owner)
  }
}
