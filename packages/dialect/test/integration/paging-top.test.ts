import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisError } from '../../src/index.js'
import { SIM_TARGETS, tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

// Needs the sim: IRIS before 2025.1 is simulated with irisVersion '2024.1', which rejects LIMIT.
describe.each(SIM_TARGETS)('paging: top against IRIS 2024.1 (needs the sim) (%s)', (target) => {
  const pet = tableName('pet')
  const t = useTestDatabase({
    target,
    irisVersion: '2024.1',
    needsSim: true,
    connection: { irisVersion: '2024.1' },
    tables: {
      [pet]: (create) =>
        create.addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'varchar(20)'),
    },
    seed: (db) =>
      db
        .insertInto(pet)
        .values(Array.from({ length: 30 }, (_, id) => ({ id, name: `pet${id}` })))
        .execute(),
  })

  it('the server really rejects LIMIT, so a leak would fail', async () => {
    await expect(
      sql`select id from ${sql.table(pet)} order by id limit ${2}`.execute(t.db),
    ).rejects.toThrow(IrisError)
  })

  it('limit → TOP', async () => {
    const rows = await t.db.selectFrom(pet).select('id').orderBy('id', 'desc').limit(3).execute()
    expect(rows).toEqual([{ id: 29 }, { id: 28 }, { id: 27 }])
  })

  it('limit + offset → %VID', async () => {
    const rows = await t.db
      .selectFrom(pet)
      .select(['id', 'name'])
      .orderBy('id')
      .limit(3)
      .offset(10)
      .execute()
    expect(rows).toEqual([
      { id: 10, name: 'pet10' },
      { id: 11, name: 'pet11' },
      { id: 12, name: 'pet12' },
    ])
  })

  it('offset only → %VID', async () => {
    const rows = await t.db.selectFrom(pet).select('id').orderBy('id').offset(27).execute()
    expect(rows).toEqual([{ id: 27 }, { id: 28 }, { id: 29 }])
  })

  it('limited subquery and .top()', async () => {
    const rows = await t.db
      .selectFrom(pet)
      .select('id')
      .where('id', 'in', t.db.selectFrom(pet).select('id').orderBy('id', 'desc').limit(5))
      .orderBy('id')
      .limit(2)
      .execute()
    expect(rows).toEqual([{ id: 25 }, { id: 26 }])
    expect(await t.db.selectFrom(pet).select('id').top(1).orderBy('id').execute()).toEqual([
      { id: 0 },
    ])
  })
})
