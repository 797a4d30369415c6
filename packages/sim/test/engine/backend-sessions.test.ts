/**
 * How the modelled iris-pgwire backends hand out IRIS sessions
 * (docs/iris-sql.md#iris-pgwire-backends): the external backend's pool (last returned first, at
 * most 10 idle, a failed session dropped) and the embedded backend's one shared session (turns in
 * arrival order).
 */
import { describe, expect, it } from 'vitest'
import type { IrisSession } from '../../src/engine/session.js'
import { MAX_IDLE_SESSIONS, SessionPool } from '../../src/engine/session-pool.js'
import { SharedSession } from '../../src/engine/shared-session.js'

interface FakeSession {
  id: number
  closed: boolean
}

function fakeSessions() {
  const opened: FakeSession[] = []
  const open = () => {
    const session = { id: opened.length + 1, closed: false, close: async () => {} }
    session.close = async () => {
      session.closed = true
    }
    opened.push(session)
    return session as unknown as IrisSession
  }
  return { opened, open }
}

const idOf = (session: IrisSession) => (session as unknown as FakeSession).id

describe('SessionPool (the external backend)', () => {
  it('gives each statement the idle session returned last, and opens one when none is idle', async () => {
    const { open } = fakeSessions()
    const pool = new SessionPool(open)
    let releaseFirst = () => {}
    const first = pool.use(async (session) => {
      await new Promise<void>((resolve) => {
        releaseFirst = resolve
      })
      return idOf(session)
    })
    const second = await pool.use(async (session) => idOf(session))
    releaseFirst()
    expect([await first, second]).toEqual([1, 2])
    expect(await pool.use(async (session) => idOf(session))).toBe(1) // returned last
  })

  it('drops a session whose statement failed: closed, never handed out again', async () => {
    const { opened, open } = fakeSessions()
    const pool = new SessionPool(open)
    await expect(
      pool.use(async () => {
        throw new Error('failed')
      }),
    ).rejects.toThrow('failed')
    expect(opened[0]?.closed).toBe(true)
    expect(await pool.use(async (session) => idOf(session))).toBe(2)
  })

  it(`keeps at most ${MAX_IDLE_SESSIONS} idle sessions and closes the rest, and all of them on close`, async () => {
    const { opened, open } = fakeSessions()
    const pool = new SessionPool(open)
    await Promise.all(Array.from({ length: 12 }, () => pool.use(async () => undefined)))
    expect(pool.idleCount).toBe(MAX_IDLE_SESSIONS)
    expect(opened.filter((session) => session.closed)).toHaveLength(2)
    await pool.close()
    expect(opened.every((session) => session.closed)).toBe(true)
  })
})

describe('SharedSession (the embedded backend)', () => {
  it('runs every client’s work on one session, one at a time in arrival order, past failures', async () => {
    const { opened, open } = fakeSessions()
    const shared = new SharedSession(open())
    const order: string[] = []
    const step = (name: string, fail = false) =>
      shared.use(async (session) => {
        order.push(`${name} start on ${idOf(session)}`)
        await new Promise((resolve) => setTimeout(resolve, 5))
        order.push(`${name} end`)
        if (fail) throw new Error(name)
      })
    await Promise.allSettled([step('a'), step('b', true), step('c')])
    expect(order).toEqual([
      'a start on 1',
      'a end',
      'b start on 1',
      'b end',
      'c start on 1',
      'c end',
    ])
    expect(opened[0]?.closed).toBe(false)
    await shared.close()
    expect(opened[0]?.closed).toBe(true)
  })
})
