import { describeTargets, traitsOf } from '@kysely-iris/sim/testing'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisNotFoundError, IrisUnsupportedError } from '../../src/index.js'
import { tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

/**
 * A CREATE TABLE name whose upper case has other letters (`ß` → `SS`): iris-pgwire upper-cases the
 * name of the table it creates, even quoted, so the table would not be found by the name given
 * (docs/iris-sql.md#identifiers). The dialect refuses such a name on every target; the raw SQL
 * shows why, on the real iris-pgwire and the sim's profiles of it alike.
 */
describeTargets(describe, 'CREATE TABLE names iris-pgwire would change', (target) => {
  const t = useTestDatabase({ target, tables: {} })
  const name = `${tableName('ct')}_straße`

  it('refuses them before sending anything', async () => {
    await expect(
      t.db.schema.createTable(name).addColumn('id', 'integer').execute(),
    ).rejects.toThrow(IrisUnsupportedError)
    await expect(
      t.db.schema.withSchema('maß').createTable('t').addColumn('id', 'integer').execute(),
    ).rejects.toThrow(IrisUnsupportedError)
  })

  it('through raw SQL: behind iris-pgwire the table is created as upper-cased (SS) and not found as written', async () => {
    await sql`create table ${sql.id(name)} (id integer)`.execute(t.db)
    const read = sql`select count(*) as n from ${sql.id(name)}`.execute(t.db)
    if (traitsOf(target).irisPgwire) {
      await expect(read).rejects.toThrow(IrisNotFoundError)
      await sql`drop table ${sql.id(name.toUpperCase())}`.execute(t.db)
    } else {
      expect((await read).rows).toHaveLength(1)
      await sql`drop table ${sql.id(name)}`.execute(t.db)
    }
  })
})
