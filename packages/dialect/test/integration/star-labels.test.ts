import { describeTargets, traitsOf } from '@kysely-iris/sim/testing'
import { sql } from 'kysely'
import Cursor from 'pg-cursor'
import { describe, expect, it } from 'vitest'
import { IrisUnsupportedError } from '../../src/index.js'
import { connect, tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

/**
 * The keys of rows that select `*` / `t.*`: the columns' names as defined on every target. Behind
 * iris-pgwire, which lower-cases labels, they are restored from the catalog; where the server
 * labels the columns `column1..N` (its embedded backend) the result is refused
 * (docs/iris-sql.md#iris-pgwire-result-quirks).
 */
describeTargets(describe, 'the keys of `*` columns', (target) => {
  const traits = traitsOf(target)
  // Lower-cased labels: iris-pgwire, or the sim's model of it (docs/iris-sql.md#iris-pgwire-result-quirks).
  const lowercasesLabels = traits.irisPgwire
  const person = tableName('star_person')
  const pet = tableName('star_pet')
  const other = tableName('star_other')
  const altered = tableName('star_altered')
  const t = useTestDatabase({
    target,
    tables: {
      [person]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('firstName', 'varchar(20)')
          .addColumn('lastName', 'varchar(20)'),
      [pet]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('ownerId', 'integer')
          .addColumn('petName', 'varchar(20)'),
      [other]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('FIRSTNAME', 'varchar(20)'),
      [altered]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('shortName', 'varchar(20)'),
    },
    seed: async (db) => {
      await db.insertInto(person).values({ id: 1, firstName: 'Ann', lastName: 'Lee' }).execute()
      await db.insertInto(pet).values({ id: 7, ownerId: 1, petName: 'Rex' }).execute()
      await db.insertInto(other).values({ id: 1, FIRSTNAME: 'ANN' }).execute()
      await db.insertInto(altered).values({ id: 1, shortName: 'a' }).execute()
    },
  })

  /** The rows' keys; refused where the server labels `*` columns `column1..N`. */
  async function keysOf(query: { execute(): Promise<Record<string, unknown>[]> }) {
    if (traits.namesStarColumns === false) {
      await expect(query.execute()).rejects.toThrow(IrisUnsupportedError)
      return undefined
    }
    const rows = await query.execute()
    expect(rows).toHaveLength(1)
    return Object.keys(rows[0] ?? {})
  }

  it('selectAll() keys the rows by the names the columns were created with', async () => {
    const keys = await keysOf(t.db.selectFrom(person).selectAll())
    if (keys) expect(keys).toEqual(['id', 'firstName', 'lastName'])
  })

  it('selectAll(alias) beside named selections', async () => {
    const keys = await keysOf(
      t.db
        .selectFrom(`${person} as p`)
        .innerJoin(`${pet} as q`, 'q.ownerId', 'p.id')
        .select('q.petName as petName')
        .selectAll('p')
        .select(sql<number>`1`.as('oneMore')),
    )
    if (keys) expect(keys).toEqual(['petName', 'id', 'firstName', 'lastName', 'oneMore'])
  })

  it('selectAll() over a join: every joined table names its columns', async () => {
    const keys = await keysOf(
      t.db.selectFrom(person).innerJoin(pet, `${pet}.ownerId`, `${person}.id`).selectAll(),
    )
    // Both tables have `id`: one key, as with any PostgreSQL dialect.
    if (keys) expect(keys).toEqual(['id', 'firstName', 'lastName', 'ownerId', 'petName'])
  })

  it('selectAll() from a derived table and from a CTE', async () => {
    const derived = await keysOf(
      t.db
        .selectFrom(t.db.selectFrom(person).select(['firstName', 'id as personId']).as('s'))
        .selectAll(),
    )
    if (derived) expect(derived).toEqual(['firstName', 'personId'])
    const cte = await keysOf(
      t.db
        .with('everyone', (db) => db.selectFrom(person).selectAll())
        .selectFrom('everyone')
        .selectAll(),
    )
    if (cte) expect(cte).toEqual(['id', 'firstName', 'lastName'])
  })

  it('keys named selections by their names where iris-pgwire labels them ?column? or column1..N', async () => {
    // Behind iris-pgwire a quoted alias without FROM is labelled ?column?, and its embedded backend
    // labels a select list holding a subquery from the text up to the subquery's FROM: here
    // `petname`, or column1..N where that miscounts (docs/iris-sql.md#iris-pgwire-result-quirks).
    expect(await t.db.selectNoFrom(sql<number>`1`.as('x')).execute()).toEqual([{ x: 1 }])
    const owners = await t.db
      .selectFrom(`${person} as p`)
      .select((eb) => [
        'p.firstName',
        eb
          .selectFrom(`${pet} as q`)
          .select('q.petName')
          .whereRef('q.ownerId', '=', 'p.id')
          .as('pet'),
      ])
      .execute()
    expect(owners).toEqual([{ firstName: 'Ann', pet: 'Rex' }])
  })

  it('sees a column added by another client since the names were read', async () => {
    await keysOf(t.db.selectFrom(altered).selectAll())
    // Raw DDL, as another client's would be: nothing tells the dialect the table changed.
    await sql`alter table ${sql.table(altered)} add column ${sql.id('nickName')} varchar(20)`.execute(
      t.db,
    )
    const keys = await keysOf(t.db.selectFrom(altered).selectAll())
    if (keys) expect(keys).toEqual(['id', 'shortName', 'nickName'])
  })

  it('streams through a pg-cursor with the same keys', async () => {
    const withCursor = connect(t.server, { cursor: Cursor })
    try {
      const read = async () => {
        const rows: Record<string, unknown>[] = []
        for await (const row of withCursor.db.selectFrom(person).selectAll().stream(10))
          rows.push(row)
        return rows
      }
      if (traits.namesStarColumns === false) {
        await expect(read()).rejects.toThrow(IrisUnsupportedError)
        return
      }
      expect(await read()).toEqual([{ id: 1, firstName: 'Ann', lastName: 'Lee' }])
    } finally {
      await withCursor.db.destroy()
    }
  })

  it('refuses what no catalog names, where labels are lower-cased', async () => {
    const raw = t.db.selectFrom(sql<{ oneCol: number }>`(select 1 as "oneCol")`.as('r')).selectAll()
    // Two columns whose names differ only in case: a lower-cased label cannot tell them apart.
    const twins = t.db
      .selectFrom(person)
      .innerJoin(other, `${other}.id`, `${person}.id`)
      .selectAll()
    if (lowercasesLabels === false) {
      expect(Object.keys((await raw.executeTakeFirstOrThrow()) ?? {})).toEqual(['oneCol'])
      expect(Object.keys((await twins.executeTakeFirstOrThrow()) ?? {})).toEqual([
        'id',
        'firstName',
        'lastName',
        'FIRSTNAME',
      ])
      return
    }
    await expect(raw.execute()).rejects.toThrow(IrisUnsupportedError)
    await expect(twins.execute()).rejects.toThrow(IrisUnsupportedError)
  })

  // Counts the statements the sim receives: only where the client talks to the sim itself.
  if (target.startsWith('sim-'))
    it('reads the catalog only behind a front end that lower-cases labels, once per table', async () => {
      const sim = t.server.sim
      if (!sim) throw new Error(`${target} should put the sim in front`)
      const fresh = connect(t.server)
      try {
        sim.queryLog.clear()
        for (let i = 0; i < 3; i++) await keysOf(fresh.db.selectFrom(person).selectAll())
        // An empty result carries no key: nothing is read for it.
        await fresh.db.selectFrom(pet).selectAll().where('id', '=', -1).execute()
        const count = (pattern: RegExp) =>
          sim.queryLog.entries.filter((entry) => pattern.test(entry.sql)).length
        // How many times the sim receives one parameterized statement: twice where iris-pgwire's
        // model runs it for the Describe too (docs/iris-sql.md#simulator-profiles).
        const received = count(new RegExp(`from "${pet}" where`))
        // Behind a front end that lower-cases labels: one probe for the pool, and the catalog read
        // once for the table whose rows were keyed (none for the empty result); where `*` columns
        // are refused, nothing.
        expect({
          catalogReads: count(/INFORMATION_SCHEMA/i),
          probes: count(/kyselyIrisLabelCase/),
        }).toEqual(
          lowercasesLabels
            ? {
                catalogReads: traits.namesStarColumns ? received : 0,
                probes: traits.namesStarColumns ? 1 : 0,
              }
            : { catalogReads: 0, probes: 0 },
        )
      } finally {
        await fresh.db.destroy()
      }
    })
})
