import { describe, expect, it, vi } from 'vitest'
import { IrisTimeoutError } from '../../src/index.js'
import { dbWith, FakePool } from '../support/fake-pool.js'

// Kysely 0.29 only: vitest.kysely028.config.ts leaves the cancellation files out of the 0.28 run.
describe('cancellation (AbortSignal, Kysely 0.29+)', () => {
  it('an aborted query rejects at once and its connection is discarded, never reused', async () => {
    const pool = new FakePool(() => new Promise(() => {}))
    const db = dbWith(pool)
    const controller = new AbortController()
    const pending = db.selectFrom('t').selectAll().execute({ signal: controller.signal })
    await new Promise((r) => setTimeout(r, 10))
    controller.abort(new IrisTimeoutError('stopped by the caller'))
    await expect(pending).rejects.toThrow(IrisTimeoutError)
    // The fake query never settles on its own; the dialect ends the client and the pool destroys it.
    await vi.waitFor(() => expect(pool.released).toEqual([{ client: 1, destroyed: true }]))
  })
})
