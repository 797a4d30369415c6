import { Kysely, sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import { IrisConfigError, IrisDialect } from '../../src/index.js'
import type { AnyDB } from '../support/server.js'

// `pg` is not installed: the dialect's lazy `import('pg')` (src/create-pool.ts) fails as Node's
// resolver would. Nothing else in this file imports pg.
vi.mock('pg', () => {
  throw Object.assign(new Error("Cannot find package 'pg' imported from kysely-iris"), {
    code: 'ERR_MODULE_NOT_FOUND',
  })
})

/** `pg` is missing. */
describe('pg is missing', () => {
  it('constructing the dialect still works; the first query fails with one line saying how to install pg', async () => {
    const db = new Kysely<AnyDB>({
      dialect: new IrisDialect({ connectionString: 'postgres://_SYSTEM:SYS@127.0.0.1:1/USER' }),
    })
    try {
      const error = await sql`select 1`.execute(db).then(
        () => undefined,
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(IrisConfigError)
      const { message } = error as Error
      expect(message).not.toContain('\n')
      expect(message).toMatch(/npm install pg/)
      // The resolver's error is kept as the cause (vitest's mocker wraps it once more).
      const causes: unknown[] = []
      for (let c = (error as Error).cause; c; c = (c as Error).cause) causes.push(c)
      expect(causes).toContainEqual(expect.objectContaining({ code: 'ERR_MODULE_NOT_FOUND' }))
    } finally {
      await db.destroy()
    }
  })
})
