import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { planOf } from '../../src/query-plan.js'
import { compilingDb } from '../support/compile.js'
import { dbWith, FakePool } from '../support/fake-pool.js'

/**
 * A front end that answers every select with one row, its columns labelled by `label` from the
 * select list's names (`select "a", "b" as "c"` → a, c), valued 1, 2, ...
 */
function frontEnd(label: (name: string) => string) {
  return new FakePool((q) => {
    const list = q.text.slice('select '.length, q.text.indexOf(' from '))
    const names = [...list.matchAll(/"(\w+)"(?:,|$)/g)].map((m) => m[1] as string)
    return { rows: [names.map((_, i) => i + 1)], fields: names.map((n) => ({ name: label(n) })) }
  })
}

const keepsLabels = (name: string) => name
/** iris-pgwire (docs/iris-sql.md#iris-pgwire-result-quirks). */
const lowercases = (name: string) => name.toLowerCase()

describe("rows as pg's row objects", () => {
  it('a select list whose labels came back as its names: later results as objects, same rows', async () => {
    const pool = frontEnd(keepsLabels)
    const db = dbWith(pool)
    const select = () => db.selectFrom('person').select(['id', 'firstName']).execute()
    expect(await select()).toEqual([{ id: 1, firstName: 2 }])
    expect(await select()).toEqual([{ id: 1, firstName: 2 }])
    expect(pool.queries.map((q) => q.arrays)).toEqual([true, false])
  })

  it('a front end that lower-cases labels: arrays keyed by the names, every time', async () => {
    const pool = frontEnd(lowercases)
    const db = dbWith(pool)
    for (let i = 0; i < 2; i++) {
      const rows = await db.selectFrom('person').select(['id', 'firstName']).execute()
      expect(rows).toEqual([{ id: 1, firstName: 2 }])
    }
    expect(pool.queries.map((q) => q.arrays)).toEqual([true, true])
  })

  it('labels that differ from the names once objects are in use: keyed again, then arrays', async () => {
    const pool = frontEnd(lowercases)
    const db = dbWith(pool)
    await db.selectFrom('person').select(['id', 'name']).execute()
    const select = () => db.selectFrom('person').select(['id', 'firstName']).execute()
    expect(await select()).toEqual([{ id: 1, firstName: 2 }])
    expect(await select()).toEqual([{ id: 1, firstName: 2 }])
    expect(pool.queries.map((q) => q.arrays)).toEqual([true, false, true])
  })

  it('two columns under one label: the select is read again as arrays, no value lost', async () => {
    let shared = false
    const pool = new FakePool(() => {
      if (!shared) return { rows: [[1]], fields: [{ name: 'a' }] }
      return { rows: [[1, 2]], fields: [{ name: '?column?' }, { name: '?column?' }] }
    })
    const db = dbWith(pool)
    await db.selectFrom('t').select('a').execute()
    shared = true
    const rows = await db.selectNoFrom([sql<number>`1`.as('a'), sql<number>`2`.as('b')]).execute()
    expect(rows).toEqual([{ a: 1, b: 2 }])
    expect(pool.queries.map((q) => q.arrays)).toEqual([true, false, true])
  })

  it('a statement without a select list: objects from the first (its keys are the labels)', async () => {
    const pool = new FakePool(() => ({ rows: [[1, 'x']], fields: [{ name: 'id' }, { name: 'N' }] }))
    const db = dbWith(pool)
    const { rows } = await sql`update t set n = 'x' returning id, N`.execute(db)
    expect(rows).toEqual([{ id: 1, N: 'x' }])
    expect(pool.queries.map((q) => q.arrays)).toEqual([false])
  })
})

describe('which queries may take row objects', () => {
  const db = compilingDb()
  const rowKeys = (query: { compile(): Parameters<typeof planOf>[0] }) =>
    planOf(query.compile()).rowKeys

  it('named columns: by the labels matching the names', () => {
    expect(rowKeys(db.selectFrom('t').select(['a', 'b as c']))).toBe('names')
  })

  it('no select list: always', () => {
    expect(rowKeys(db.deleteFrom('t').where('a', '=', 1))).toBe('labels')
  })

  it('`*`, `%VID` paging, an unnamed column, names equal but for case, a name over 63 bytes: never', () => {
    expect(rowKeys(db.selectFrom('t').selectAll())).toBe('never')
    expect(rowKeys(db.selectFrom('t').select('a').orderBy('a').offset(5))).toBe('never')
    // An expression without an alias (Kysely's types ask for one; plain SQL need not).
    expect(rowKeys(db.selectFrom('t').select(sql`1` as never))).toBe('never')
    expect(rowKeys(db.selectFrom('t').select(['a', 'A']))).toBe('never')
    expect(rowKeys(db.selectFrom('t').select(sql`1`.as('é'.repeat(32))))).toBe('never')
    expect(rowKeys(db.selectFrom('t').select(sql`1`.as('e'.repeat(63))))).toBe('names')
  })
})
