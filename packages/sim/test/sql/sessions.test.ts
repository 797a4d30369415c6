/**
 * Sessions on the one PGlite backend: isolation by the backend lock, the -110 timeout,
 * statement-level atomicity (docs/iris-sql.md#error-format), a killed client, LAST_IDENTITY per
 * connection (docs/iris-sql.md#returning-and-last_identity), LOCK TABLE
 * (docs/iris-sql.md#table-locks), savepoints (docs/iris-sql.md#savepoints) and cancel.
 */
import { serialize } from 'pg-protocol'
import { expect, it } from 'vitest'
import { watchMessages } from '../support/wire-messages.js'
import { describeEachProfile, failure, sqlcodeOf } from './profiles.js'

// One IRIS session per client connection: profile iris. iris-pgwire's profiles pool or share
// sessions; their session tests are in pgwire-dbapi.test.ts and pgwire-embedded.test.ts.
describeEachProfile(
  'sessions',
  { lockTimeoutMs: 400 },
  ({ sim }) => {
    it('a reader waits for a writer’s transaction and then does not see its rolled-back row', async () => {
      const a = await sim().client()
      const b = await sim().client()
      await a.query('CREATE TABLE iso (id INTEGER PRIMARY KEY, name VARCHAR(20))')
      await a.query('START TRANSACTION')
      await a.query('INSERT INTO iso (id, name) VALUES (?, ?)', [1, 'uncommitted'])
      let bDone = false
      const read = b.query('SELECT COUNT(*) AS n FROM iso').then((result) => {
        bDone = true
        return result
      })
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(bDone).toBe(false) // B waits while A's transaction is open
      await a.query('ROLLBACK')
      const result = await read
      expect(Number(result.rows[0].n)).toBe(0)
    })

    // docs/iris-sql.md#rowid: `*` and an INSERT without a column list follow the schema as the
    // statement runs, not as it was when the statement arrived and waited.
    it('runs a statement that waited for DDL in another transaction against the committed schema', async () => {
      const a = await sim().client()
      const reader = await sim().client()
      const writer = await sim().client()
      await a.query('CREATE TABLE grown (a INTEGER)')
      await a.query('INSERT INTO grown VALUES (1)')
      await a.query('START TRANSACTION')
      const star = reader.query('SELECT * FROM grown')
      const insert = failure(writer, 'INSERT INTO grown VALUES (?)', [2])
      await new Promise((resolve) => setTimeout(resolve, 50)) // both translated, both waiting
      await a.query('ALTER TABLE grown ADD COLUMN c INTEGER')
      await a.query('COMMIT')
      const [starred, refused] = await Promise.all([star, insert])
      expect(starred.fields.map((field) => field.name)).toEqual(['a', 'c'])
      // One value for the two columns there now: the same failure as when sent afresh.
      const afresh = await failure(writer, 'INSERT INTO grown VALUES (?)', [2])
      expect(sqlcodeOf(refused)).toBe(sqlcodeOf(afresh))
      expect(sqlcodeOf(afresh)).toBeDefined()
      expect(Number((await a.query('SELECT COUNT(*) AS n FROM grown')).rows[0].n)).toBe(1)
    })

    it('runs a statement that waited for a rolled-back ADD COLUMN without that column', async () => {
      const a = await sim().client()
      const reader = await sim().client()
      const writer = await sim().client()
      await a.query('CREATE TABLE ungrown (a INTEGER)')
      await a.query('START TRANSACTION')
      await a.query('ALTER TABLE ungrown ADD COLUMN c INTEGER')
      const star = reader.query('SELECT * FROM ungrown')
      const insert = writer.query('INSERT INTO ungrown VALUES (?)', [1])
      await new Promise((resolve) => setTimeout(resolve, 50)) // both translated, both waiting
      await a.query('ROLLBACK')
      const [starred, inserted] = await Promise.all([star, insert])
      expect(starred.fields.map((field) => field.name)).toEqual(['a'])
      expect(inserted.rowCount).toBe(1)
    })

    it('fails a statement with SQLCODE -110 when another transaction outlasts lockTimeoutMs', async () => {
      const a = await sim().client()
      const b = await sim().client()
      await a.query('START TRANSACTION')
      const started = Date.now()
      const error = await failure(b, 'SELECT 1 AS one')
      expect(sqlcodeOf(error)).toBe(-110)
      expect(error.code).toBe('42000')
      expect(Date.now() - started).toBeGreaterThanOrEqual(350)
      await a.query('COMMIT')
      expect((await b.query('SELECT 1 AS one')).rows).toHaveLength(1) // B is usable afterwards
    })

    it('undoes only the failing statement inside a transaction; earlier writes commit', async () => {
      const a = await sim().client()
      await a.query('CREATE TABLE atom (id INTEGER PRIMARY KEY, name VARCHAR(20))')
      await a.query('START TRANSACTION')
      await a.query('INSERT INTO atom (id, name) VALUES (?, ?)', [1, 'one'])
      const error = await failure(a, 'INSERT INTO atom (id, name) VALUES (?, ?)', [1, 'again'])
      expect(sqlcodeOf(error)).toBe(-119)
      await a.query('INSERT INTO atom (id, name) VALUES (?, ?)', [2, 'two'])
      await a.query('COMMIT')
      const rows = await a.query('SELECT id FROM atom ORDER BY id')
      expect(rows.rows.map((row) => Number(row.id))).toEqual([1, 2])
    })

    it('rolls back a client killed mid-transaction and frees the backend', async () => {
      const a = await sim().client()
      const b = await sim().client()
      await a.query('CREATE TABLE killed (id INTEGER PRIMARY KEY)')
      await a.query('START TRANSACTION')
      await a.query('INSERT INTO killed (id) VALUES (?)', [1])
      ;(a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
      const result = await b.query('SELECT COUNT(*) AS n FROM killed')
      expect(Number(result.rows[0].n)).toBe(0)
    })

    it('abandons the statement a vanished client left waiting for the backend: it never runs', async () => {
      const a = await sim().client()
      const b = await sim().client()
      await a.query('CREATE TABLE vanished (id INTEGER PRIMARY KEY)')
      await a.query('START TRANSACTION')
      const waiting = b.query('INSERT INTO vanished (id) VALUES (?)', [1]).catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, 100))
      ;(b as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
      await waiting
      await new Promise((resolve) => setTimeout(resolve, 50))
      await a.query('COMMIT') // well within lockTimeoutMs: B's insert would be next in line
      const result = await a.query('SELECT COUNT(*) AS n FROM vanished')
      expect(Number(result.rows[0].n)).toBe(0)
    })

    it('keeps LAST_IDENTITY per connection under concurrency, empty after a table without identity', async () => {
      const setup = await sim().client()
      await setup.query('CREATE TABLE ident (id INTEGER IDENTITY PRIMARY KEY, who VARCHAR(10))')
      await setup.query('CREATE TABLE plain (who VARCHAR(10))')
      const clients = await Promise.all([1, 2, 3, 4].map(() => sim().client()))
      const seen = await Promise.all(
        clients.map(async (client, i) => {
          const mine: [string, string][] = []
          for (let round = 0; round < 5; round++) {
            await client.query('INSERT INTO ident (who) VALUES (?)', [`c${i}`])
            const last = await client.query('SELECT LAST_IDENTITY() AS id')
            const row = await client.query('SELECT who FROM ident WHERE id = ?', [last.rows[0].id])
            mine.push([String(last.rows[0].id), row.rows[0].who])
          }
          return mine
        }),
      )
      seen.forEach((mine, i) => {
        for (const [, who] of mine) expect(who).toBe(`c${i}`)
      })
      const client = clients[0]
      if (!client) throw new Error('no client')
      await client.query('INSERT INTO plain (who) VALUES (?)', ['x'])
      const empty = await client.query('SELECT LAST_IDENTITY() AS id')
      expect(empty.rows[0].id ?? '').toBe('')
    })

    it('holds LOCK TABLE per session until UNLOCK; a second locker waits and fails with -110', async () => {
      const a = await sim().client()
      const b = await sim().client()
      await a.query('CREATE TABLE locked (id INTEGER)')
      await a.query('LOCK TABLE locked IN EXCLUSIVE MODE')
      // Waiting for the table lock does not hold the backend: A keeps working meanwhile.
      const waiting = failure(b, 'LOCK TABLE locked IN EXCLUSIVE MODE')
      await a.query('INSERT INTO locked (id) VALUES (?)', [1])
      expect(sqlcodeOf(await waiting)).toBe(-110)
      // Another session's write waits for the lock too, and fails with -110 when it outlasts the timeout.
      expect(sqlcodeOf(await failure(b, 'INSERT INTO locked (id) VALUES (?)', [2]))).toBe(-110)
      expect(Number((await b.query('SELECT COUNT(*) AS n FROM locked')).rows[0].n)).toBe(1)
      await a.query('UNLOCK TABLE locked IN EXCLUSIVE MODE')
      await b.query('LOCK TABLE locked IN EXCLUSIVE MODE')
      await b.query('UNLOCK TABLE locked IN EXCLUSIVE MODE')
      expect(sqlcodeOf(await failure(b, 'LOCK TABLE no_such_table IN EXCLUSIVE MODE'))).toBe(-30)
    })

    it('rolls back to a savepoint; refuses RELEASE SAVEPOINT and COMMIT / ROLLBACK TRANSACTION', async () => {
      const a = await sim().client()
      await a.query('CREATE TABLE saved (id INTEGER)')
      await a.query('START TRANSACTION')
      await a.query('INSERT INTO saved (id) VALUES (?)', [1])
      await a.query('SAVEPOINT sp1')
      await a.query('INSERT INTO saved (id) VALUES (?)', [2])
      // docs/iris-sql.md#savepoints: IRIS has no RELEASE; the savepoint stays.
      expect(sqlcodeOf(await failure(a, 'RELEASE SAVEPOINT sp1'))).toBe(-1)
      await a.query('ROLLBACK TO SAVEPOINT sp1')
      // docs/iris-sql.md#savepoints: IRIS requires SAVEPOINT after TO.
      expect(sqlcodeOf(await failure(a, 'ROLLBACK TO sp1'))).toBe(-1)
      // docs/iris-sql.md#transaction-statements: COMMIT [WORK] and ROLLBACK [WORK] only; the
      // refused statement leaves the transaction open.
      for (const statement of ['COMMIT TRANSACTION', 'ROLLBACK TRANSACTION'])
        expect(sqlcodeOf(await failure(a, statement))).toBe(-25)
      await a.query('COMMIT WORK')
      const rows = await a.query('SELECT id FROM saved')
      expect(rows.rows.map((row) => Number(row.id))).toEqual([1])
    })

    // docs/iris-sql.md#savepoints: a SAVEPOINT with no transaction in progress starts one at
    // $TLEVEL 1; rolling back to it returns to level 0, which ends the transaction.
    it('starts a transaction with SAVEPOINT; ROLLBACK TO SAVEPOINT to it ends the transaction', async () => {
      const a = await sim().client()
      const b = await sim().client()
      const seen = watchMessages(a)
      await a.query('CREATE TABLE opened (id INTEGER)')
      await a.query('SAVEPOINT outer_sp')
      expect(seen.status()).toBe('T')
      await a.query('INSERT INTO opened (id) VALUES (?)', [1])
      await a.query('SAVEPOINT inner_sp')
      await a.query('INSERT INTO opened (id) VALUES (?)', [2])
      await a.query('ROLLBACK TO SAVEPOINT inner_sp')
      expect(seen.status()).toBe('T') // back to level 1: still inside
      await a.query('ROLLBACK TO SAVEPOINT OUTER_SP') // names are case-insensitive
      expect(seen.status()).toBe('I')
      expect(Number((await b.query('SELECT COUNT(*) AS n FROM opened')).rows[0].n)).toBe(0)
      await a.query('SAVEPOINT outer_sp')
      await a.query('INSERT INTO opened (id) VALUES (?)', [3])
      await a.query('COMMIT')
      expect(Number((await b.query('SELECT COUNT(*) AS n FROM opened')).rows[0].n)).toBe(1)
    })

    // docs/iris-sql.md#savepoints: -375 for a name not in IRIS's table (never set, rolled back
    // already, or overwritten by a later SAVEPOINT of the same name), and the whole transaction
    // is rolled back.
    it('fails ROLLBACK TO SAVEPOINT of an unknown name with -375, rolling back the whole transaction', async () => {
      const a = await sim().client()
      const b = await sim().client()
      const seen = watchMessages(a)
      await a.query('CREATE TABLE undone (id INTEGER)')
      await a.query('START TRANSACTION')
      await a.query('SAVEPOINT b')
      await a.query('START TRANSACTION') // no effect inside a transaction
      await a.query('INSERT INTO undone (id) VALUES (?)', [1])
      await a.query('SAVEPOINT c')
      await a.query('SAVEPOINT b') // overwrites the first b
      await a.query('ROLLBACK TO SAVEPOINT b')
      const error = await failure(a, 'ROLLBACK TO SAVEPOINT b')
      expect(sqlcodeOf(error)).toBe(-375)
      expect(error.message).toMatch(/unestablished savepoint 'b'/)
      expect(seen.status()).toBe('I')
      expect(Number((await b.query('SELECT COUNT(*) AS n FROM undone')).rows[0].n)).toBe(0)
      // Outside a transaction: -375 at once, even while another session's transaction runs.
      await a.query('START TRANSACTION')
      const started = Date.now()
      expect(sqlcodeOf(await failure(b, 'ROLLBACK TO SAVEPOINT never'))).toBe(-375)
      expect(Date.now() - started).toBeLessThan(300) // not the 400 ms lock timeout
      await a.query('COMMIT')
    })

    it('fails a SAVEPOINT past $TLEVEL 255 with -400, the transaction staying open', async () => {
      const a = await sim().client()
      const seen = watchMessages(a)
      const savepoints = Array.from({ length: 254 }, (_, i) => `SAVEPOINT s${i}`).join('; ')
      await a.query(`START TRANSACTION; ${savepoints}`)
      const error = await failure(a, 'SAVEPOINT past')
      expect(sqlcodeOf(error)).toBe(-400)
      expect(error.message).toMatch(/TRANSACTION LEVEL/)
      expect(seen.status()).toBe('T')
      await a.query('ROLLBACK TO SAVEPOINT s253')
      await a.query('SAVEPOINT final_sp')
      await a.query('ROLLBACK')
    })

    it('accepts COMMIT and ROLLBACK outside a transaction, honours READ ONLY, refuses BEGIN', async () => {
      const a = await sim().client()
      await a.query('COMMIT')
      await a.query('ROLLBACK')
      // docs/iris-sql.md#transaction-statements: IRIS starts a transaction with START TRANSACTION only.
      expect(sqlcodeOf(await failure(a, 'BEGIN'))).toBe(-1)
      await a.query('CREATE TABLE ro (id INTEGER)')
      await a.query('START TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY')
      const error = await failure(a, 'INSERT INTO ro (id) VALUES (?)', [1])
      expect(sqlcodeOf(error)).toBe(-400) // a guess, [unverified] in docs/iris-sql.md#sqlcodes
      expect(error.message).toMatch(/read-only transaction/)
      await a.query('ROLLBACK')
      await a.query('START TRANSACTION ISOLATION LEVEL READ VERIFIED')
      await a.query('INSERT INTO ro (id) VALUES (?)', [1])
      await a.query('COMMIT')
    })

    it('cancels a statement waiting for the backend with SQLSTATE 57014', async () => {
      const a = await sim().client()
      const b = await sim().client()
      await a.query('START TRANSACTION')
      const waiting = failure(b, 'SELECT 1 AS one')
      await new Promise((resolve) => setTimeout(resolve, 50))
      const { processID, secretKey } = b as unknown as { processID: number; secretKey: number }
      // A CancelRequest on a fresh socket, as node-postgres sends it.
      const net = await import('node:net')
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(sim().port, sim().host, () => {
          socket.end(serialize.cancel(processID, secretKey))
        })
        socket.on('close', () => resolve())
        socket.on('error', reject)
      })
      const error = await waiting
      expect(error.code).toBe('57014')
      await a.query('COMMIT')
    })
  },
  ['iris'],
)
