import { describeTargets, testTargets } from '@kysely-iris/sim/testing'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisError } from '../../src/errors.js'
import { tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

// What IRIS computes for SQL a Kysely user writes, through Kysely, on the server's own semantics:
// the sim's `iris` profile here, the real server when IRIS_URL is set (the pgwire profiles add only
// the front end's rewrites, tested elsewhere). docs/iris-sql.md#operators, #collation,
// #functions, #create-table-as-select, #rowid, #postgresql-syntax.
const serverTargets = testTargets().filter(
  (target) => target === 'sim-iris' || target === 'iris-url',
)

describeTargets(
  describe,
  'IRIS semantics through Kysely',
  (target) => {
    const person = tableName('person')
    const copy = tableName('person_copy')
    const t = useTestDatabase({
      target,
      tables: {
        [person]: (create) =>
          create
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('name', 'varchar(20)')
            .addColumn('n', 'integer'),
      },
      seed: (db) =>
        db
          .insertInto(person)
          .values([
            { id: 1, name: 'abc ', n: 2 },
            { id: 2, name: 'ABC', n: null },
            { id: 3, name: 'abd', n: 1 },
          ])
          .execute(),
    })
    const sqlcodeOf = async (query: Promise<unknown>) => {
      const error = await query.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(IrisError)
      return (error as IrisError).sqlcode
    }

    it('divides with / as decimals, \\ as integers, and # is modulo', async () => {
      const { rows } = await sql<{ a: string; b: number; c: number }>`
        SELECT 7/2 AS a, 7 # 2 AS b, 1 + 7 \\ 2 AS c`.execute(t.db)
      expect(rows.map((row) => [Number(row.a), Number(row.b), Number(row.c)])).toEqual([
        [3.5, 1, 4],
      ])
    })

    it('ignores case and trailing blanks in comparisons and DISTINCT, and keeps the value as stored', async () => {
      const matched = await t.db
        .selectFrom(person)
        .select(['id', 'name'])
        .where('name', '=', 'ABC')
        .orderBy('id')
        .execute()
      expect(matched).toEqual([
        { id: 1, name: 'abc ' },
        { id: 2, name: 'ABC' },
      ])
      const distinct = await t.db.selectFrom(person).select('name').distinct().execute()
      expect(distinct).toHaveLength(2)
    })

    it('sorts NULL first in ascending order', async () => {
      const rows = await t.db.selectFrom(person).select('id').orderBy('n').execute()
      expect(rows.map((row) => row.id)).toEqual([2, 3, 1])
    })

    it('copies a table with CREATE TABLE AS SELECT, without its constraints', async () => {
      await sql`CREATE TABLE ${sql.table(copy)} AS SELECT id, name FROM ${sql.table(person)}`.execute(
        t.db,
      )
      try {
        await t.db.insertInto(copy).values({ id: 1, name: 'again' }).execute()
        const count = await t.db
          .selectFrom(copy)
          .select((eb) => eb.fn.countAll().as('c'))
          .executeTakeFirstOrThrow()
        expect(Number(count.c)).toBe(4)
      } finally {
        await t.db.schema.dropTable(copy).execute()
      }
    })

    it('gives GETDATE() in whole seconds', async () => {
      const { rows } = await sql<{ now: unknown }>`SELECT GETDATE() AS now`.execute(t.db)
      expect(String(rows[0]?.now)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    })

    it("refuses PostgreSQL's functions and syntax with IRIS's SQLCODEs", async () => {
      expect(
        await sqlcodeOf(
          sql`SELECT string_agg(name, ',') AS s FROM ${sql.table(person)}`.execute(t.db),
        ),
      ).toBe(-359)
      expect(
        await sqlcodeOf(
          sql`SELECT id FROM ${sql.table(person)} EXCEPT SELECT 1 AS id`.execute(t.db),
        ),
      ).toBe(-1)
      expect(await sqlcodeOf(sql`VALUES (1)`.execute(t.db))).toBe(-1)
    })
  },
  serverTargets,
)
