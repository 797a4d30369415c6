import { describe, expect, it } from 'vitest'
import { FifoLock, LockTimeoutError } from '../../src/engine/fifo-lock.js'
import { TableLocks } from '../../src/engine/table-locks.js'

describe('FifoLock', () => {
  it('grants in arrival order', async () => {
    const lock = new FifoLock()
    await lock.acquire(1, 1000)
    const order: number[] = []
    const second = lock.acquire(2, 1000).then(() => order.push(2))
    const third = lock.acquire(3, 1000).then(() => order.push(3))
    lock.release(1)
    await second
    expect(lock.holder).toBe(2)
    lock.release(2)
    await third
    expect(order).toEqual([2, 3])
  })

  it('times out a waiter without disturbing the queue', async () => {
    const lock = new FifoLock()
    await lock.acquire(1, 1000)
    await expect(lock.acquire(2, 20)).rejects.toBeInstanceOf(LockTimeoutError)
    const third = lock.acquire(3, 1000)
    lock.release(1)
    await third
    expect(lock.holder).toBe(3)
  })

  it('rejects an aborted waiter with the abort reason', async () => {
    const lock = new FifoLock()
    await lock.acquire(1, 1000)
    const controller = new AbortController()
    const waiting = lock.acquire(2, 1000, controller.signal)
    controller.abort(new Error('cancelled'))
    await expect(waiting).rejects.toThrow('cancelled')
    lock.release(1)
    expect(lock.holder).toBeUndefined()
  })

  it('ignores a release by a non-holder', async () => {
    const lock = new FifoLock()
    await lock.acquire(1, 1000)
    lock.release(2)
    expect(lock.holder).toBe(1)
  })
})

describe('TableLocks', () => {
  const table = { schema: 'SQLUser', name: 't' }

  it('counts nested locks of one owner and releases everything on releaseAll', async () => {
    const locks = new TableLocks()
    await locks.lock(1, table, 100)
    await locks.lock(1, table, 100)
    locks.unlock(1, table)
    await expect(locks.lock(2, table, 20)).rejects.toBeInstanceOf(LockTimeoutError)
    locks.releaseAll(1)
    await locks.lock(2, table, 20)
  })
})
