/**
 * A leading U+FEFF (byte order mark) is text like any other: it comes back in values, parameters
 * echoed back and labels exactly as sent (docs/iris-sql.md#text-encoding). The engine decodes
 * PGlite's replies itself, keeping it (docs/iris-sql.md#simulator-limits, src/engine/backend.ts).
 */
import { expect, it } from 'vitest'
import { describeEachProfile } from './profiles.js'

const BOM = '\uFEFF'

describeEachProfile('a leading U+FEFF', {}, ({ profile, sim }) => {
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
    // Behind iris-pgwire a quoted alias without FROM is ?column?, and the embedded backend parses
    // the alias as the word after the mark (docs/iris-sql.md#iris-pgwire-result-quirks).
    const label = { iris: `${BOM}x`, 'pgwire-1.0-dbapi': '?column?', 'pgwire-1.0-embedded': 'x' }
    expect(result.fields.map((field) => field.name)).toEqual([label[profile]])
  })
})
