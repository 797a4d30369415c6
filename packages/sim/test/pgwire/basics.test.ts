/**
 * The real iris-pgwire 1.0.1 runs in front of the sim on both of its backends, and the basics
 * work through it with `pg`: connect, DDL, parameterised INSERT, SELECT, and IRIS errors.
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PgwireBackend } from '../../src/front-end/start-pgwire.js'
import {
  availability,
  type PgwireUnderTest,
  startPgwireUnderTest,
  titled,
} from './pgwire-under-test.js'

const backends: PgwireBackend[] = ['dbapi', 'embedded']

describe.skipIf(!availability.available).each(backends)(
  titled('real iris-pgwire, %s backend: basics'),
  (backend) => {
    let bed: PgwireUnderTest
    let client: pg.Client

    beforeAll(async () => {
      bed = await startPgwireUnderTest(backend)
      client = await bed.client()
    })
    afterAll(() => bed?.close())

    it('answers a query', async () => {
      const result = await client.query('SELECT 1 AS one')
      expect(result.rows).toEqual([{ one: 1 }])
    })

    it('creates a table, inserts with parameters and reads the rows back', async () => {
      await client.query(
        'CREATE TABLE basics_person (id INTEGER PRIMARY KEY, name VARCHAR(40), age INTEGER)',
      )
      await client.query('INSERT INTO basics_person (id, name, age) VALUES ($1, $2, $3)', [
        1,
        'Ada',
        36,
      ])
      await client.query('INSERT INTO basics_person (id, name, age) VALUES ($1, $2, $3)', [
        2,
        'Grace',
        45,
      ])
      const result = await client.query(
        'SELECT id, name, age FROM basics_person WHERE age > $1 ORDER BY id',
        [30],
      )
      expect(result.rows).toEqual([
        { id: 1, name: 'Ada', age: 36 },
        { id: 2, name: 'Grace', age: 45 },
      ])
      // The statements really reached the sim, through the stand-in `iris` module.
      expect(bed.sim.queryLog.entries.some((entry) => /basics_person/i.test(entry.sql))).toBe(true)
    })

    it('reports an IRIS error with SQLSTATE 42000 and the SQLCODE in the message', async () => {
      const error = await client.query('SELECT * FROM basics_no_such_table').then(
        () => undefined,
        (caught: unknown) => caught as pg.DatabaseError,
      )
      expect(error?.code).toBe('42000')
      expect(error?.message).toMatch(/\[SQLCODE: <-30>:<Table or view not found>\]/)
      // The connection stays usable.
      expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }])
    })
  },
)
