/**
 * RUNTIME_SQL and the plan SQL of the translator, run on a real PGlite + pgvector: the runtime loads
 * (twice, as with a persistent data directory), and the translated constructs mean what IRIS means.
 * Results through the wire are the engine's tests; this checks the translator's SQL alone.
 */
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METADATA_SQL } from '../../src/catalog/metadata.js'
import { RUNTIME_SQL, translate } from '../../src/translate/index.js'
import { iris } from './helpers.js'

let pg: PGlite

/** Runs the run plans of `sql` the way the engine does (before, sql, after) and returns the last rows. */
async function exec(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  let rows: Record<string, unknown>[] = []
  for (const plan of translate(sql, iris)) {
    if (plan.type !== 'run') throw new Error(`unexpected ${plan.type} plan`)
    for (const step of plan.before) await pg.exec(step)
    rows = (await pg.query<Record<string, unknown>>(plan.sql, params)).rows
    for (const step of plan.after) await pg.exec(step)
  }
  return rows
}

/** Reads the bookkeeping tables directly (PostgreSQL SQL, not IRIS SQL). */
async function bookkeeping(sql: string): Promise<Record<string, unknown>[]> {
  return (await pg.query<Record<string, unknown>>(sql)).rows
}

async function sqlstateOf(sql: string, params: unknown[] = []): Promise<string | undefined> {
  try {
    await exec(sql, params)
    return undefined
  } catch (error) {
    return (error as { code?: string }).code
  }
}

beforeAll(async () => {
  pg = await PGlite.create({ extensions: { vector } })
  await pg.exec(
    'create extension vector; create schema "SQLUser"; set search_path to "SQLUser", public',
  )
  await pg.exec(METADATA_SQL)
  await pg.exec(RUNTIME_SQL)
  await pg.exec(RUNTIME_SQL)
  await exec(
    'CREATE TABLE people (id INTEGER IDENTITY PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE, score INTEGER, active BIT, f VECTOR(FLOAT, 3), d VECTOR(DOUBLE, 3))',
  )
})

afterAll(async () => {
  await pg?.close()
})

describe('runtime SQL on PGlite', () => {
  it('takes loosely typed text parameters under UNION ALL', async () => {
    await exec(
      'INSERT INTO people (name, score, active, f, d) SELECT ?, ?, ?, TO_VECTOR(?, float), TO_VECTOR(?, double) UNION ALL SELECT ?, ?, ?, TO_VECTOR(?, FLOAT, 3), TO_VECTOR(?, Double)',
      ['Alice', '7', '1', '[1,0,0]', '1,2,3', 'bob', '9', '0', '0,1,0', '[3,2,1]'],
    )
    expect(await exec('SELECT name, score FROM people ORDER BY id')).toEqual([
      { name: 'Alice', score: 7 },
      { name: 'bob', score: 9 },
    ])
  })

  it('compares strings case-insensitively, %EXACT exactly, unique keys ignore case (docs/iris-sql.md#collation)', async () => {
    expect(await exec("SELECT name FROM people WHERE name = 'ALICE' AND name LIKE 'al%'")).toEqual([
      { name: 'Alice' },
    ])
    expect(await exec("SELECT name FROM people WHERE %EXACT(name) = 'ALICE'")).toEqual([])
    expect(await sqlstateOf("INSERT INTO people (name) VALUES ('BOB')")).toBe('23505')
  })

  it('computes similarities and raises IR257 / IR258 / IR259 on mismatches (docs/iris-sql.md#vector-functions)', async () => {
    expect(
      await exec(
        "SELECT TOP 1 name, VECTOR_COSINE(f, TO_VECTOR('1,0,0', float)) AS c FROM people ORDER BY c DESC",
      ),
    ).toEqual([{ name: 'Alice', c: 1 }])
    expect(
      await exec(
        "SELECT VECTOR_DOT_PRODUCT(d, TO_VECTOR('1,1,1', double)) AS p FROM people ORDER BY id",
      ),
    ).toEqual([{ p: 6 }, { p: 6 }])
    expect(
      await exec(
        "SELECT VECTOR_COSINE(d, TO_VECTOR('2,4,6', double)) AS c FROM people WHERE id = 1",
      ),
    ).toEqual([{ c: 1 }])
    expect(await sqlstateOf('SELECT VECTOR_COSINE(f, d) FROM people')).toBe('IR257')
    expect(await sqlstateOf("SELECT VECTOR_COSINE(d, TO_VECTOR('1,2', double)) FROM people")).toBe(
      'IR258',
    )
    expect(await sqlstateOf("SELECT VECTOR_COSINE(f, TO_VECTOR('1,2', float)) FROM people")).toBe(
      'IR258',
    )
    expect(await sqlstateOf("SELECT TO_VECTOR('1,x', float)")).toBe('IR259')
    expect(await sqlstateOf("SELECT TO_VECTOR('', double)")).toBe('IR259')
    expect(
      await sqlstateOf("INSERT INTO people (name, d) VALUES ('z', TO_VECTOR('1,2', double))"),
    ).toBe('23514')
  })

  it('TO_VECTOR pads or truncates to a given length and truncates integer fractions (docs/iris-sql.md#to_vector)', async () => {
    expect(await bookkeeping("SELECT iris_sim.to_vector_double('[1.5, 2]', 3)::text AS v")).toEqual(
      [{ v: '{1.5,2,0}' }],
    )
    expect(await bookkeeping("SELECT iris_sim.to_vector_float('1,2,3', 2)::text AS v")).toEqual([
      { v: '[1,2]' },
    ])
    expect(await bookkeeping("SELECT iris_sim.to_vector_integer('1.7,-2.5')::text AS v")).toEqual([
      { v: '{1,-2}' },
    ])
    expect(await bookkeeping("SELECT iris_sim.to_vector_decimal('0.10,1e-7')::text AS v")).toEqual([
      { v: '{0.10,0.0000001}' },
    ])
    expect(await exec("SELECT TO_VECTOR('1,2') AS v")).toEqual([{ v: [1, 2] }])
  })

  it('BIT holds 0 / 1 and TINYINT its range (docs/iris-sql.md#booleans, docs/iris-sql.md#column-types)', async () => {
    expect(await sqlstateOf("INSERT INTO people (name, active) VALUES ('z', 2)")).toBe('23514')
    expect(await sqlstateOf("INSERT INTO people (id, name) VALUES (99, 'z')")).toBe('428C9') // docs/iris-sql.md#identity-columns
    expect(await exec("SELECT CAST('1' AS BIT) AS b, NVL(NULL, 2) AS n, LEN('abc') AS l")).toEqual([
      { b: 1, n: 2, l: 3 },
    ])
  })

  it('pages with %VID in the derived table order, hiding the row column from * (docs/iris-sql.md#vid-paging)', async () => {
    expect(
      await exec(
        'SELECT *, %VID FROM (SELECT TOP ALL id, name FROM people ORDER BY name DESC) WHERE %VID BETWEEN 2 AND 2',
      ),
    ).toEqual([{ id: 1, name: 'Alice', '%vid': 2 }]) // labelled %VID by the engine (src/engine/result-labels.ts)
  })

  it('DISTINCT BY keeps one row per key (docs/iris-sql.md#distinct-by)', async () => {
    expect(await exec('SELECT DISTINCT BY (active) active FROM people ORDER BY active')).toEqual([
      { active: 0 },
      { active: 1 },
    ])
  })

  it('records HNSW indexes on fixed-length vector columns only, and drops them (docs/iris-sql.md#hnsw-indexes)', async () => {
    await exec("CREATE INDEX hf ON people (f) AS HNSW(Distance='Cosine', M=16)")
    expect(
      await bookkeeping('SELECT index_name, column_name, distance, m FROM iris_sim.hnsw_index'),
    ).toEqual([{ index_name: 'hf', column_name: 'f', distance: 'Cosine', m: 16 }])
    expect(await sqlstateOf("CREATE INDEX hn ON people (name) AS HNSW(Distance='Cosine')")).toBe(
      'IR001',
    )
    await exec('DROP INDEX hf ON people')
    expect(await bookkeeping('SELECT count(*)::int AS n FROM iris_sim.hnsw_index')).toEqual([
      { n: 0 },
    ])
    expect(await sqlstateOf('DROP INDEX nothere')).toBe('IR333')
  })

  it('keeps iris_sim.column_info right through ALTER and DROP (docs/iris-sql.md#alter-table)', async () => {
    await exec('CREATE TABLE s2.t (a INTEGER, b VARCHAR)')
    await exec('ALTER TABLE s2.t ADD COLUMN c VARCHAR(9)')
    await exec('ALTER TABLE s2.t ALTER COLUMN b VARCHAR(4)')
    await exec('ALTER TABLE s2.t ALTER COLUMN a RENAME z')
    await exec('ALTER TABLE s2.t DROP COLUMN c')
    expect(
      await bookkeeping(
        `SELECT column_name, iris_type FROM iris_sim.column_info WHERE table_oid = 's2.t'::regclass ORDER BY 1`,
      ),
    ).toEqual([
      { column_name: 'b', iris_type: 'VARCHAR(4)' },
      { column_name: 'z', iris_type: 'INTEGER' },
    ])
    await exec('DROP TABLE s2.t')
    expect(await bookkeeping('SELECT count(*)::int AS n FROM iris_sim.column_info')).toEqual([
      { n: 6 },
    ])
  })
})
