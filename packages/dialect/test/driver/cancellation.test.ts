import { describe, expect, it, vi } from 'vitest'
import { IrisTimeoutError } from '../../src/index.js'
import { dbWith, FakePool } from '../support/fake-pool.js'

// Kysely 0.29 only: vitest.kysely028.config.ts leaves the cancellation files out of the 0.28 run.
describe('cancellation (AbortSignal, Kysely 0.29+)', () => {
  const pause = () => new Promise((resolve) => setTimeout(resolve, 10))

  it("'ignore query' (Kysely's default): rejects at once; the connection returns to the pool when the query settles", async () => {
    let answer: (value: object) => void = () => {}
    const pool = new FakePool(
      () =>
        new Promise<object>((resolve) => {
          answer = resolve
        }),
    )
    const db = dbWith(pool)
    const controller = new AbortController()
    const pending = db.selectFrom('t').selectAll().execute({ signal: controller.signal })
    await pause()
    controller.abort(new IrisTimeoutError('stopped by the caller'))
    await expect(pending).rejects.toThrow(IrisTimeoutError)
    expect(pool.released).toEqual([])
    answer({})
    await vi.waitFor(() => expect(pool.released).toEqual([{ client: 1, destroyed: false }]))
  })

  it("'kill session': rejects at once; the socket is closed and the pool destroys the connection", async () => {
    const pool = new FakePool(() => new Promise(() => {}))
    const db = dbWith(pool)
    const controller = new AbortController()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const pending = db
        .selectFrom('t')
        .selectAll()
        .execute({ signal: controller.signal, inflightQueryAbortStrategy: 'kill session' })
      await pause()
      controller.abort(new IrisTimeoutError('stopped by the caller'))
      await expect(pending).rejects.toThrow(IrisTimeoutError)
      // The fake query never settles on its own; killSession ends the client.
      await vi.waitFor(() => expect(pool.released).toEqual([{ client: 1, destroyed: true }]))
    } finally {
      error.mockRestore()
    }
  })

  it("'cancel query' is refused before anything is sent: iris-pgwire's CancelRequest cancels nothing on its embedded backend", async () => {
    const pool = new FakePool()
    const db = dbWith(pool)
    await expect(
      db.selectFrom('t').selectAll().execute({
        signal: new AbortController().signal,
        inflightQueryAbortStrategy: 'cancel query',
      }),
    ).rejects.toThrow(/doesn't support `inflightQueryAbortStrategy` "cancel query"/)
    expect(pool.queries).toEqual([])
    expect(pool.released).toEqual([{ client: 1, destroyed: false }])
  })
})
