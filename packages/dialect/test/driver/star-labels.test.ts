import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisUnsupportedError } from '../../src/index.js'
import { starSources } from '../../src/star-sources.js'
import { compilingDb } from '../support/compile.js'
import { dbWith, FakePool, type RecordedQuery } from '../support/fake-pool.js'

/** The catalog of a fake IRIS: each table's column names as created. */
const CATALOG: Record<string, string[]> = {
  PERSON: ['id', 'firstName', 'lastName'],
  PET: ['id', 'ownerId', 'petName'],
  OTHER: ['id', 'FIRSTNAME'],
}

const isProbe = (q: RecordedQuery) => q.text.includes('kyselyIrisLabelCase')
const isCatalogRead = (q: RecordedQuery) => q.text.includes('INFORMATION_SCHEMA')

/**
 * A front end that lower-cases every label, as iris-pgwire does
 * (docs/iris-sql.md#iris-pgwire-result-quirks), or keeps them; `*` over `table` returns `row`.
 */
function frontEnd(options: { lowercases: boolean; columns?: () => string[]; row?: unknown[] }) {
  const label = (name: string) => (options.lowercases ? name.toLowerCase() : name)
  return new FakePool((q) => {
    if (isProbe(q)) return { rows: [[1]], fields: [{ name: label('kyselyIrisLabelCase') }] }
    if (isCatalogRead(q)) {
      const [schema, table] = q.values as string[]
      const names = schema === 'SQLUser' ? (CATALOG[String(table).toUpperCase()] ?? []) : []
      return { rows: names.map((n) => [n]), fields: [{ name: label('COLUMN_NAME') }] }
    }
    const columns = options.columns?.() ?? CATALOG.PERSON ?? []
    return {
      rows: [options.row ?? columns.map((_, i) => i)],
      fields: columns.map((name) => ({ name: label(name) })),
    }
  })
}

describe('the keys of `*` columns', () => {
  it('a front end that keeps case: the labels as sent, nothing read', async () => {
    const pool = frontEnd({ lowercases: false })
    const rows = await dbWith(pool).selectFrom('person').selectAll().execute()
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'firstName', 'lastName'])
    expect(pool.queries).toHaveLength(1)
  })

  it('a front end that lower-cases: restored from the catalog, read once per table', async () => {
    const pool = frontEnd({ lowercases: true })
    const db = dbWith(pool)
    for (let i = 0; i < 3; i++) {
      const rows = await db.selectFrom('person').selectAll().execute()
      expect(rows).toEqual([{ id: 0, firstName: 1, lastName: 2 }])
    }
    expect(pool.queries.filter(isProbe)).toHaveLength(1)
    const reads = pool.queries.filter(isCatalogRead)
    expect(reads.map((q) => q.values)).toEqual([['SQLUser', 'person']])
    // On the query's own connection, right after it.
    expect(pool.queries.slice(0, 3).map((q) => q.client)).toEqual([1, 1, 1])
  })

  it('a query without `*` reads nothing more, whatever the front end', async () => {
    const pool = frontEnd({ lowercases: true })
    const rows = await dbWith(pool)
      .selectFrom('person')
      .select(['id', 'firstName', 'lastName'])
      .execute()
    expect(rows).toEqual([{ id: 0, firstName: 1, lastName: 2 }])
    expect(pool.queries).toHaveLength(1)
  })

  it('an empty result carries no key: nothing is read', async () => {
    const pool = new FakePool((q) =>
      isProbe(q)
        ? { rows: [[1]], fields: [{ name: 'kyselyirislabelcase' }] }
        : { rows: [], fields: [{ name: 'id' }, { name: 'firstname' }] },
    )
    expect(await dbWith(pool).selectFrom('person').selectAll().execute()).toEqual([])
    expect(pool.queries).toHaveLength(1)
  })

  it('reads the catalog again, once, for a label it does not know (the table changed)', async () => {
    let columns = ['id', 'firstName', 'lastName']
    const pool = frontEnd({ lowercases: true, columns: () => columns })
    const db = dbWith(pool)
    await db.selectFrom('person').selectAll().execute()
    columns = ['id', 'firstName', 'lastName', 'nickName']
    CATALOG.PERSON = columns
    try {
      const rows = await db.selectFrom('person').selectAll().execute()
      expect(Object.keys(rows[0] ?? {})).toEqual(columns)
      expect(pool.queries.filter(isCatalogRead)).toHaveLength(2)
      // A label the catalog does not name even when read again: refused, read once more only.
      columns = ['id', 'mystery']
      await expect(db.selectFrom('person').selectAll().execute()).rejects.toThrow(
        /"mystery" of a `\*` selection is not a column of "person"/,
      )
      expect(pool.queries.filter(isCatalogRead)).toHaveLength(3)
    } finally {
      CATALOG.PERSON = ['id', 'firstName', 'lastName']
    }
  })

  it('DDL through the pool drops the cached names', async () => {
    const pool = frontEnd({ lowercases: true })
    const db = dbWith(pool)
    await db.selectFrom('person').selectAll().execute()
    await db.schema.alterTable('person').addColumn('x', 'integer').execute()
    await db.selectFrom('person').selectAll().execute()
    expect(pool.queries.filter(isCatalogRead)).toHaveLength(2)
  })

  it('t.*, joins and named selections after the `*`', async () => {
    const pool = frontEnd({
      lowercases: true,
      columns: () => ['petName', 'id', 'firstName', 'lastName', 'oneMore'],
    })
    const rows = await dbWith(pool)
      .selectFrom('person as p')
      .innerJoin('pet as q', 'q.ownerId', 'p.id')
      .select('q.petName')
      .selectAll('p')
      .select(sql<number>`1`.as('oneMore'))
      .execute()
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'petName',
      'id',
      'firstName',
      'lastName',
      'oneMore',
    ])
  })

  it('refuses a label that stands for two names differing only in case', async () => {
    const pool = frontEnd({ lowercases: true, columns: () => ['id', 'firstName', 'FIRSTNAME'] })
    await expect(
      dbWith(pool)
        .selectFrom('person')
        .innerJoin('other', 'other.id', 'person.id')
        .selectAll()
        .execute(),
    ).rejects.toThrow(
      /"firstname" of a `\*` selection stands for columns whose names differ only in case/,
    )
  })

  it('still refuses `*` columns labelled column1..N, before anything is read', async () => {
    const pool = new FakePool(() => ({
      rows: [[1, 'Ann']],
      fields: [{ name: 'column1' }, { name: 'column2' }],
    }))
    await expect(dbWith(pool).selectFrom('person').selectAll().execute()).rejects.toThrow(
      /column1\.\.column2/,
    )
    expect(pool.queries).toHaveLength(1)
  })
})

describe('starSources: what the names of a `*` come from', () => {
  const db = compilingDb()
  const sourcesOf = (query: { toOperationNode(): unknown }) =>
    starSources(query.toOperationNode() as Parameters<typeof starSources>[0])

  it('every FROM and JOIN item for `*`; the named item for t.*', () => {
    expect(
      sourcesOf(
        db.selectFrom('app.person').innerJoin('pet', 'pet.ownerId', 'person.id').selectAll(),
      ),
    ).toEqual({
      tables: [
        { schema: 'app', table: 'person' },
        { schema: undefined, table: 'pet' },
      ],
      names: [],
    })
    expect(
      sourcesOf(
        db
          .selectFrom('person as p')
          .innerJoin('pet as q', 'q.ownerId', 'p.id')
          .select('q.petName')
          .selectAll('P' as 'p'),
      ),
    ).toEqual({ tables: [{ schema: undefined, table: 'person' }], names: ['petName'] })
  })

  it('the select lists of derived tables and CTEs', () => {
    expect(
      sourcesOf(
        db
          .selectFrom(db.selectFrom('person').select(['firstName', 'id as personId']).as('s'))
          .selectAll(),
      ),
    ).toEqual({ tables: [], names: ['firstName', 'personId'] })
    expect(
      sourcesOf(
        db
          .with('everyone', (w) => w.selectFrom('person').selectAll())
          .selectFrom('everyone')
          .selectAll(),
      ),
    ).toEqual({ tables: [{ schema: undefined, table: 'person' }], names: [] })
  })

  it('refuses a source no catalog and no select list names, and a t.* naming no item', () => {
    expect(() => sourcesOf(db.selectFrom(sql`(select 1 as "oneCol")`.as('r')).selectAll())).toThrow(
      IrisUnsupportedError,
    )
    expect(() => sourcesOf(db.selectFrom('person as p').selectAll('person' as 'p'))).toThrow(
      /"person\.\*" names no FROM or JOIN item/,
    )
  })
})
