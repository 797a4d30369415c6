/**
 * Profiles `pgwire-1.0-dbapi` and `pgwire-1.0-embedded` against the real iris-pgwire 1.0.1 on the
 * matching backend, in front of a sim of profile `iris` (docs/iris-sql.md#simulator-profiles): the
 * same steps give the same transcript, field types, values, tags, NoData, ReadyForQuery status
 * and errors, transactions and LAST_IDENTITY() included. Known differences are left out of the
 * steps and listed in packages/sim/README.md ("Profiles").
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PgwireBackend } from '../../src/front-end/start-pgwire.js'
import type { Profile } from '../../src/index.js'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { type Step, transcript } from '../support/transcript.js'
import {
  availability,
  type PgwireUnderTest,
  startPgwireUnderTest,
  titled,
} from './pgwire-under-test.js'

const pairs: [PgwireBackend, Profile][] = [
  ['dbapi', 'pgwire-1.0-dbapi'],
  ['embedded', 'pgwire-1.0-embedded'],
]

const a = (sql: string, params?: unknown[]): Step => ({ client: 0, sql, params })
const b = (sql: string, params?: unknown[]): Step => ({ client: 1, sql, params })
const extended = (sql: string): Step => ({ client: 0, sql, extended: true })

const RESULT_STEPS: Step[] = [
  a(`CREATE TABLE agree (id INTEGER IDENTITY PRIMARY KEY, i INTEGER, s SMALLINT, b BIGINT,
     n NUMERIC(10,2), d DOUBLE, v VARCHAR(20), f BIT, dt DATE, tm TIME, ts TIMESTAMP,
     vec VECTOR(FLOAT, 2))`),
  a(`INSERT INTO agree (i, s, b, n, d, v, f, dt, tm, ts, vec) VALUES (1, 2, 5000000000, 12.50,
     100, 'Abc', 1, '2024-01-02', '10:11:12', '2024-01-02 10:11:12', TO_VECTOR('1,2', FLOAT))`),
  a('INSERT INTO agree (i, s, n, d, v, f) VALUES ($1, $2, $3, $4, $5, $6)', [
    2,
    3,
    '3.00',
    1.5,
    '',
    0,
  ]),
  a('INSERT INTO agree (i, v) VALUES ($1, $2)', [3, '007']),
  a('SELECT LAST_IDENTITY() AS li'),
  a('SELECT * FROM agree ORDER BY id'),
  a('SELECT id, i, s, b, n, d, v, f, dt, tm, ts, vec FROM agree WHERE id > $1 ORDER BY id', [0]),
  a('SELECT * FROM "agree" ORDER BY id'),
  a('SELECT v AS "MixedCase", COUNT(*) FROM agree GROUP BY v ORDER BY v'),
  a('SELECT a.*, a.id AS k FROM agree a WHERE a.id = 1'),
  a('SELECT a.* FROM agree a WHERE a.id = 1'),
  a('SELECT * FROM (SELECT id, v FROM agree) d ORDER BY id'),
  a('SELECT * FROM (SELECT id FROM agree) d WHERE id = 1'),
  a('SELECT * FROM agree a JOIN agree b ON b.id = a.id WHERE a.id = 1'),
  a('SELECT (SELECT MAX(id) FROM agree) AS m, id FROM agree WHERE id = 1'),
  extended('SELECT a.*, a.id AS k FROM agree a WHERE a.id = 1'),
  a('SELECT 1 AS "x", 2 AS y, 3, \'s\''),
  a('SELECT 1 AS "X" UNION ALL SELECT 2'),
  extended('SELECT 1 AS "x", 2 AS y'),
  a('SELECT n, CAST(n AS INTEGER) AS ni FROM agree WHERE id = 1'),
  a('SELECT CAST(n AS NUMERIC(10,2)) AS nn FROM agree WHERE id = 1'),
  a('SELECT d FROM agree WHERE id = $1', [2]),
  a('UPDATE agree SET v = $1 WHERE id = $2', ['z', 1]),
  a("UPDATE agree SET v = 'y' WHERE id = 1"),
  a('DELETE FROM agree WHERE id = $1', [99]),
  a('WITH q AS (SELECT id FROM agree) SELECT id FROM q ORDER BY id'),
  a('WITH q AS (SELECT id FROM agree) SELECT id FROM q WHERE id > $1', [0]),
  a('(SELECT id FROM agree WHERE id = 1)'),
  extended('(SELECT id FROM agree WHERE id = 1)'),
  a('SELECT id FROM agree ORDER BY id LIMIT 1 OFFSET 1'),
  a('SELECT id FROM agree WHERE id > $1 ORDER BY id LIMIT $2 OFFSET $3', [0, 1, 1]),
  a('SELECT id FROM agree WHERE id < 0'),
  a('SELECT id FROM agree WHERE id < $1', [0]),
  a('SELECT 1 AS one WHERE 1 = 0'),
  a('SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = $1', [
    'agree',
  ]),
  a('SELECT TABLE_SCHEMA AS s FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = $1', ['agree']),
  a('SELECT TABLE_SCHEMA AS nspname FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = $1', [
    'agree',
  ]),
  a('SELECT * FROM agree_missing'),
  a('SELECT nope FROM agree WHERE id = $1', [1]),
  a('INSERT INTO agree (i, v) VALUES (5)'),
  a('SET TRANSACTION ISOLATION LEVEL READ COMMITTED'),
  a('DROP TABLE agree'),
]

const TRANSACTION_STEPS: Step[] = [
  a('CREATE TABLE agree_tx (id INTEGER IDENTITY PRIMARY KEY, name VARCHAR(20))'),
  a('BEGIN'),
  a("INSERT INTO agree_tx (name) VALUES ('rolled back')"),
  b('SELECT COUNT(*) AS c FROM agree_tx'),
  a('ROLLBACK'),
  b('SELECT COUNT(*) AS c FROM agree_tx'),
  a('START TRANSACTION'),
  a("INSERT INTO agree_tx (name) VALUES ('kept')"),
  a('SAVEPOINT sp'),
  a("INSERT INTO agree_tx (name) VALUES ('undone')"),
  a('ROLLBACK TO SAVEPOINT sp'),
  a('RELEASE SAVEPOINT sp'),
  a('RELEASE sp'),
  a('COMMIT'),
  a('COMMIT TRANSACTION'),
  a('ROLLBACK WORK'),
  b('SELECT name FROM agree_tx ORDER BY id'),
  extended('BEGIN WORK'),
  a('INSERT INTO agree_tx (name) VALUES ($1)', ['extended']),
  extended('ROLLBACK'),
  b('SELECT COUNT(*) AS c FROM agree_tx'),
  b("INSERT INTO agree_tx (name) VALUES ('from b')"),
  a('SELECT LAST_IDENTITY() AS li'),
  // IRIS starts a transaction for a SAVEPOINT outside one; rolling back to it ends it.
  a('SAVEPOINT outside'),
  a("INSERT INTO agree_tx (name) VALUES ('after savepoint')"),
  b('SELECT COUNT(*) AS c FROM agree_tx'),
  a('ROLLBACK TO SAVEPOINT outside'),
  b('SELECT COUNT(*) AS c FROM agree_tx'),
  a('ROLLBACK TO SAVEPOINT outside'),
  // On the external backend this leaves a pooled session inside a transaction.
  a('START TRANSACTION ISOLATION LEVEL READ COMMITTED'),
  a("INSERT INTO agree_tx (name) VALUES ('leaked')"),
  a('ROLLBACK'),
  b('SELECT COUNT(*) AS c FROM agree_tx'),
]

/** How many of five clients reading LAST_IDENTITY() at once see the identity just inserted. */
async function concurrentIdentityReaders(url: string): Promise<number> {
  const clients = Array.from({ length: 5 }, () => new pg.Client({ connectionString: url }))
  await Promise.all(clients.map((client) => client.connect()))
  try {
    const [first] = clients
    await first?.query('CREATE TABLE agree_identity (id INTEGER IDENTITY PRIMARY KEY, n INTEGER)')
    await first?.query('INSERT INTO agree_identity (n) VALUES (1)')
    const reads = await Promise.all(
      clients.map((client) => client.query('SELECT LAST_IDENTITY() AS li')),
    )
    return reads.filter((read) => read.rows[0]?.li != null).length
  } finally {
    await Promise.allSettled(clients.map((client) => client.end()))
  }
}

describe.skipIf(!availability.available).each(pairs)(
  titled('real iris-pgwire, %s backend, and profile %s'),
  (backend, profile) => {
    let real: PgwireUnderTest
    let sim: TestSim

    beforeAll(async () => {
      real = await startPgwireUnderTest(backend)
      sim = await startTestSim({ profile, lockTimeoutMs: 2_000 })
    })
    afterAll(async () => {
      await real?.close()
      await sim?.close()
    })

    it('agree on result types, values, labels, tags, NoData and errors', async () => {
      const expected = await transcript(real.pgwire.url, 1, RESULT_STEPS)
      expect(await transcript(sim.url, 1, RESULT_STEPS)).toEqual(expected)
    })

    it('agree on whether clients reading LAST_IDENTITY() at once all see the last INSERT', async () => {
      const realSeen = await concurrentIdentityReaders(real.pgwire.url)
      const simSeen = await concurrentIdentityReaders(sim.url)
      expect(simSeen === 5).toBe(realSeen === 5)
      expect(simSeen === 5).toBe(backend === 'embedded')
    })

    // Last: on the external backend its final steps leave a pooled session inside a transaction.
    it('agree on transactions, savepoints and LAST_IDENTITY() across two clients', async () => {
      const expected = await transcript(real.pgwire.url, 2, TRANSACTION_STEPS)
      expect(await transcript(sim.url, 2, TRANSACTION_STEPS)).toEqual(expected)
    })
  },
)
