/**
 * A leading U+FEFF (byte order mark) is text like any other: it comes back in values, parameters
 * echoed back and labels exactly as sent (docs/iris-sql.md#text-encoding). The engine decodes
 * PGlite's replies itself, keeping it (docs/iris-sql.md#simulator-limits, src/engine/backend.ts).
 */
import { expect, it } from 'vitest'
import { describeEachProfile } from './profiles.js'

const BOM = '\uFEFF'

describeEachProfile('a leading U+FEFF', {}, ({ sim }) => {
  it('survives in a value stored and selected from a table', async () => {
    const client = await sim().client()
    await client.query('CREATE TABLE bom_values (id INTEGER, v VARCHAR(20))')
    await client.query('INSERT INTO bom_values (id, v) VALUES (?, ?)', [1, `${BOM}abc`])
    const result = await client.query('SELECT v FROM bom_values WHERE id = ?', [1])
    expect(result.rows).toEqual([{ v: `${BOM}abc` }])
  })

  it('survives in an untyped parameter echoed back', async () => {
    const client = await sim().client()
    const result = await client.query('SELECT ? AS echoed', [`${BOM}abc`])
    expect(result.rows).toEqual([{ echoed: `${BOM}abc` }])
  })

  it('survives in a quoted column alias label', async () => {
    const client = await sim().client()
    const result = await client.query(`SELECT 1 AS "${BOM}x"`)
    expect(result.fields.map((field) => field.name)).toEqual([`${BOM}x`])
  })
})
