/**
 * Bulk inserts through `pg` (docs/iris-sql.md#multi-row-inserts): multi-row VALUES and the fallback
 * form `INSERT INTO t (cols) SELECT ?, ? UNION ALL SELECT ?, ? ...` at the sizes a client sends,
 * and a statement too deeply nested for PGlite failing with an IRIS error that says so
 * (docs/iris-sql.md#simulator-limits).
 */
import { expect, it } from 'vitest'
import { describeEachProfile, failure, sqlcodeOf } from './profiles.js'

const ROWS = 10_000
const CHUNK = 1_000

/** One chunk of rows as `[sql, params]` in the given bulk form, ids from `first`. */
function chunk(form: 'values' | 'union-all', table: string, first: number): [string, unknown[]] {
  const params: unknown[] = []
  const rows: string[] = []
  for (let id = first; id < first + CHUNK; id++) {
    params.push(id, `name ${id}`)
    rows.push(form === 'values' ? '(?, ?)' : 'SELECT ?, ?')
  }
  const source = form === 'values' ? `VALUES ${rows.join(', ')}` : rows.join(' UNION ALL ')
  return [`INSERT INTO ${table} (id, name) ${source}`, params]
}

describeEachProfile('bulk insert', {}, ({ sim }) => {
  for (const form of ['union-all', 'values'] as const) {
    it(`inserts ${ROWS} rows as ${form} in chunks of ${CHUNK} rows (${2 * CHUNK} parameters)`, async () => {
      const client = await sim().client()
      const table = `bulk_${form.replace('-', '_')}`
      await client.query(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, name VARCHAR(20))`)
      for (let first = 1; first <= ROWS; first += CHUNK) {
        const [sql, params] = chunk(form, table, first)
        await client.query(sql, params)
      }
      const { rows } = await client.query(
        `SELECT COUNT(*) AS n, SUM(id) AS total, MAX(name) AS last FROM ${table}`,
      )
      expect(Number(rows[0].n)).toBe(ROWS)
      expect(Number(rows[0].total)).toBe((ROWS * (ROWS + 1)) / 2)
      expect(rows[0].last).toBe('name 9999')
      const one = await client.query(`SELECT name FROM ${table} WHERE id = ?`, [4321])
      expect(one.rows[0].name).toBe('name 4321')
    })
  }

  it('fails a statement too deep for PGlite with SQLCODE -400 naming the limit; the session goes on', async () => {
    const client = await sim().client()
    const operands = Array.from({ length: 2_000 }, () => 'SELECT ? AS n')
    const params = operands.map((_, i) => i)
    await client.query('START TRANSACTION')
    await client.query('CREATE TABLE deep_kept (id INTEGER)')
    await client.query('INSERT INTO deep_kept (id) VALUES (?)', [1])
    const error = await failure(client, operands.join(' UNION ALL '), params)
    expect(sqlcodeOf(error)).toBe(-400)
    expect(error.code).toBe('42000')
    expect(error.message).toMatch(/too deeply nested.*UNION/)
    await client.query('COMMIT') // the transaction survived the failed statement (docs/iris-sql.md#error-format)
    const kept = await client.query('SELECT COUNT(*) AS n FROM deep_kept')
    expect(Number(kept.rows[0].n)).toBe(1)
  })
})
