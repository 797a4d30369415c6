import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { CamelCasePlugin } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  CodegenLogger,
  type IrisCodegenOptions,
  resolveSettings,
  serializeIrisTables,
} from '../src/index.js'
import { column, EXAMPLE_TABLES, table } from './fixtures/example-schema.js'

const DIST_INDEX = new URL('../dist/index.js', import.meta.url).href

function generate(options: IrisCodegenOptions = {}, tables = EXAMPLE_TABLES): string {
  return serializeIrisTables(tables, resolveSettings(options, {}))
}

describe('golden files from hand-made IrisTableMetadata (no server)', () => {
  it('default options', async () => {
    await expect(generate()).toMatchFileSnapshot('golden/default.ts')
  })

  it('camelCase, singularize and type aliases', async () => {
    await expect(
      generate({ camelCase: true, singularize: true, typeAliases: true }),
    ).toMatchFileSnapshot('golden/camel-case-aliases.ts')
  })

  it('every value-type option flipped', async () => {
    const output = generate({
      int8: 'bigint',
      numeric: 'number',
      date: 'Date',
      vectorType: 'number[]',
    })
    await expect(output).toMatchFileSnapshot('golden/value-types.ts')
  })

  it('overrides and type mapping', async () => {
    const output = generate({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a TypeScript template literal type
      overrides: { 'person.bio': 'string', 'Sales.order_line.note': '`note:${string}` | null' },
      typeMapping: { timestamp: 'Date', VECTOR: 'number[]' },
    })
    await expect(output).toMatchFileSnapshot('golden/overrides-type-mapping.ts')
  })

  it('is byte-identical under a locale that collates differently (Danish sorts "aa" last)', async () => {
    const tables = [
      table('SQLUser', 'aa_first', [column('aa_col', 'INTEGER'), column('b_col', 'INTEGER')]),
      table('SQLUser', 'b_second', [column('z_col', 'INTEGER')]),
    ]
    const script = `import { serializeIrisTables, resolveSettings } from ${JSON.stringify(DIST_INDEX)}
process.stdout.write(serializeIrisTables(JSON.parse(process.argv[1]), resolveSettings({}, {})))`
    const danish = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(tables)],
      {
        env: { ...process.env, LC_ALL: 'da_DK.UTF-8', LANG: 'da_DK.UTF-8' },
      },
    )
    expect(danish.stdout).toBe(generate({}, tables))
    expect(danish.stdout.indexOf('aa_col')).toBeLessThan(danish.stdout.indexOf('b_col'))
  })

  it('is byte-identical whatever the input order', () => {
    const shuffled = [...EXAMPLE_TABLES]
      .reverse()
      .map((t) => ({ ...t, columns: [...t.columns].reverse() }))
    expect(generate({}, shuffled)).toBe(generate())
  })
})

describe('column types', () => {
  const typeOf = (options: IrisCodegenOptions, irisType: string, extras = {}) => {
    const output = generate(options, [table('SQLUser', 't', [column('c', irisType, extras)])])
    return /^ {2}c: (.*);$/m.exec(output)?.[1]
  }

  it.each([
    ['BIGINT', {}, 'number'],
    ['BIGINT', { int8: 'bigint' }, 'bigint'],
    ['BIGINT', { int8: 'string' }, 'string'],
    ['NUMERIC(10,2)', {}, 'string'],
    ['NUMERIC(10,2)', { numeric: 'number' }, 'number'],
    ['DATE', {}, 'string'],
    ['TIMESTAMP', { date: 'Date' }, 'Date'],
    ['TIME', { date: 'Date' }, 'string'],
    ['BIT', {}, 'Bit'],
    ['VARBINARY(10)', {}, 'Buffer'],
  ] as const)('%s with %o is %s', (irisType, options, expected) => {
    expect(typeOf(options, irisType)).toBe(expected)
  })

  it('identity is GeneratedAlways, a default is Generated, nullable adds null', () => {
    expect(typeOf({}, 'INTEGER', { isIdentity: true })).toBe('GeneratedAlways<number>')
    expect(typeOf({}, 'INTEGER', { defaultValue: '0', isNullable: true })).toBe(
      'Generated<number | null>',
    )
    expect(typeOf({}, 'VARCHAR(5)', { isNullable: true })).toBe('string | null')
  })

  it('a VECTOR column carries dimension and element type', () => {
    expect(typeOf({}, 'VECTOR(INTEGER,3)', { vector: { elementType: 'integer', length: 3 } })).toBe(
      'Vector<3, "integer">',
    )
  })

  it('an unknown IRIS type is unknown, with one warning', () => {
    const warnings: string[] = []
    const tables = [table('SQLUser', 't', [column('a', 'GEOMETRY'), column('b', 'GEOMETRY')])]
    const output = serializeIrisTables(
      tables,
      resolveSettings({}, {}),
      new CodegenLogger('warn', (l) => warnings.push(l)),
    )
    expect(output).toContain('  a: unknown;')
    expect(warnings).toEqual([
      expect.stringContaining('IRIS type GEOMETRY has no known value type'),
    ])
  })

  it('an override that names no column is reported', () => {
    const warnings: string[] = []
    serializeIrisTables(
      EXAMPLE_TABLES,
      resolveSettings({ overrides: { 'person.nope': 'string' } }, {}),
      new CodegenLogger('warn', (l) => warnings.push(l)),
    )
    expect(warnings).toEqual(['warning: --overrides key "person.nope" names no column'])
  })
})

describe('--camel-case', () => {
  const names = [
    'first_name',
    'ID',
    'FirstName',
    'address_line1',
    'a__b',
    '_private',
    'HTTP_status',
    'x_1_y',
    'é_x',
  ]

  it("names columns exactly as Kysely's CamelCasePlugin converts result rows", async () => {
    const output = generate({ camelCase: true }, [
      table(
        'SQLUser',
        't',
        names.map((n) => column(n, 'INTEGER')),
      ),
    ])
    const plugin = new CamelCasePlugin()
    const row = Object.fromEntries(names.map((name) => [name, 1]))
    const result = await plugin.transformResult({
      result: { rows: [row] },
      queryId: { queryId: 'q' },
    })
    const expected = Object.keys(result.rows[0]!)
    for (const key of expected) {
      const printed = /^[$A-Z_a-z][\w$]*$/.test(key) ? key : JSON.stringify(key)
      expect(output).toContain(`\n  ${printed}: number;`)
    }
  })
})
