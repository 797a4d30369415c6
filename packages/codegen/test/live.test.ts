import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Sim, startSim } from '@kysely-iris/sim'
import { CamelCasePlugin, type DatabaseIntrospector, Kysely, type KyselyPlugin } from 'kysely'
import { IrisDialect, IrisError, VectorPlugin } from 'kysely-iris'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CodegenLogger, generateIrisTypes } from '../src/index.js'
import {
  type AnySchema,
  createLiveSchema,
  expectations,
  insertLiveRows,
  TYPES_TABLE,
  type UntypedDb,
  type ValueOptions,
  VIEW,
} from './fixtures/live-schema.js'
import { conformsTo, selectTypes } from './helpers/generated-types.js'
import { errorLines, runCli } from './helpers/run-cli.js'

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc')
// Inside the package, so the compiled files resolve `kysely` like a user's project does.
const DIR = mkdtempSync(join(fileURLToPath(new URL('.', import.meta.url)), 'live.tmp.'))
afterAll(() => rmSync(DIR, { recursive: true, force: true }))

/**
 * Each value-parsing setup of the dialect, with the codegen flags that must match it. `defaults`
 * passes no value option to either side, so it proves codegen's defaults are the dialect's.
 */
const SETUPS: { name: string; options: ValueOptions; flags: string[]; dialectDefaults?: true }[] = [
  {
    name: 'defaults',
    options: { int8: 'number', numeric: 'string', date: 'string', vectorType: 'string' },
    flags: [],
    dialectDefaults: true,
  },
  {
    name: 'bigint-number-Date',
    options: { int8: 'bigint', numeric: 'number', date: 'Date', vectorType: 'string' },
    flags: ['--int8', 'bigint', '--numeric', 'number', '--date', 'Date'],
  },
  {
    name: 'string-vector-plugin',
    options: { int8: 'string', numeric: 'string', date: 'string', vectorType: 'number[]' },
    flags: ['--int8', 'string', '--vector-type', 'number[]'],
  },
]

function dialectFor(url: string, setup: (typeof SETUPS)[number]): IrisDialect {
  if (setup.dialectDefaults) return new IrisDialect({ connectionString: url })
  const { int8, numeric, date } = setup.options
  return new IrisDialect({ connectionString: url, int8, numeric, date })
}

function pluginsFor(options: ValueOptions): KyselyPlugin[] {
  return options.vectorType === 'number[]'
    ? [new VectorPlugin({ tables: { [TYPES_TABLE]: ['c_vector'] } })]
    : []
}

describe('live: iris-codegen against the sim (profile iris)', () => {
  let sim: Sim
  let db: UntypedDb
  const generated = new Map<string, string>()

  beforeAll(async () => {
    sim = await startSim({ port: 0 })
    db = new Kysely<AnySchema>({ dialect: new IrisDialect({ connectionString: sim.url }) })
    await createLiveSchema(db)
    await insertLiveRows(db)
    for (const setup of SETUPS) {
      // .ts rather than .d.ts: the tsc test below then checks the generated file with skipLibCheck on.
      const out = join(DIR, `db-${setup.name}.ts`)
      const run = await runCli(['--url', sim.url, '--out', out, ...setup.flags])
      expect(run, run.stderr).toMatchObject({ code: 0 })
      generated.set(setup.name, readFileSync(out, 'utf8'))
    }
  })

  afterAll(async () => {
    await db?.destroy()
    await sim?.stop()
  })

  it('writes the types of every column, the view, identity, defaults and comments', () => {
    const file = generated.get('defaults')!
    const table = selectTypes(file, 'CodegenTypes')
    for (const [column, { ts }] of Object.entries(expectations(SETUPS[0]!.options))) {
      expect(table[column], column).toBe(ts)
    }
    expect(file).toContain('  id: GeneratedAlways<number>;')
    expect(file).toContain('  c_default_int: Generated<number>;')
    expect(file).toContain('  c_default_text: Generated<string | null>;')
    expect(file).toMatch(/\/\*\*\n {3}\* An INTEGER column\n {3}\*\/\n {2}c_integer: number;/)
    expect(file).toMatch(
      /\/\*\*\n \* Every IRIS type\n \* Table SQLUser\.codegen_types\n \*\/\nexport interface CodegenTypes/,
    )
    expect(file).toMatch(
      / \* IRIS type: VECTOR\(FLOAT,3\)\n {3}\*\/\n {2}c_vector: Vector<3, "float"> \| null;/,
    )
    expect(file).toContain(' * View SQLUser.codegen_view\n */\nexport interface CodegenView {')
    expect(file).toContain(`  ${VIEW}: CodegenView;`)
    expect(file).not.toContain('Sales.order_line') // only SQLUser by default
  })

  describe.each(SETUPS)('values with the $name setup', (setup) => {
    it('each column returns exactly the expected value, of the generated type', async () => {
      const reader = new Kysely<AnySchema>({
        dialect: dialectFor(sim.url, setup),
        plugins: pluginsFor(setup.options),
      })
      try {
        const rows = await reader.selectFrom(TYPES_TABLE).selectAll().orderBy('id').execute()
        const types = selectTypes(generated.get(setup.name)!, 'CodegenTypes')
        expect(rows).toHaveLength(2)
        for (const [column, expected] of Object.entries(expectations(setup.options))) {
          expect(rows[0]![column], `${column} row 1`).toEqual(expected.row1)
          expect(rows[1]![column], `${column} row 2`).toEqual(expected.row2)
          for (const row of rows) {
            expect(
              conformsTo(row[column], types[column]!, setup.options.vectorType),
              `${column}: ${types[column]}`,
            ).toBe(true)
          }
        }
        expect(Object.keys(rows[0]!).sort()).toEqual(Object.keys(types).sort())
      } finally {
        await reader.destroy()
      }
    })
  })

  it('tsc --noEmit accepts typed use of the generated DB and rejects wrong types', async () => {
    writeFileSync(
      join(DIR, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: ['node'],
          skipLibCheck: true,
        },
        include: ['*.ts'],
      }),
    )
    for (const setup of SETUPS) writeFileSync(join(DIR, `use-${setup.name}.ts`), usageFile(setup))
    const result = await promisify(execFile)(process.execPath, [TSC, '-p', DIR]).catch(
      (error) => error,
    )
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('')
  }, 120_000)

  it('--print is byte-identical across runs and matches the written file', async () => {
    const first = await runCli(['--url', sim.url, '--print'])
    const second = await runCli(['--url', sim.url, '--print'])
    expect(first.code).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(first.stdout).toBe(generated.get('defaults'))
  })

  it('--schema reads other schemas (qualified in DB); --exclude-pattern drops tables', async () => {
    const run = await runCli([
      '--url',
      sim.url,
      '--print',
      '--schema',
      'SQLUser',
      '--schema',
      'sales',
      '--exclude-pattern',
      'codegen_*',
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('  "Sales.order_line": SalesOrderLine;')
    expect(run.stdout).toContain('  id: GeneratedAlways<number>;')
    expect(run.stdout).not.toContain('CodegenTypes')
  })

  it('--camel-case keys are the keys CamelCasePlugin returns', async () => {
    const run = await runCli([
      '--url',
      sim.url,
      '--print',
      '--camel-case',
      '--include-pattern',
      TYPES_TABLE,
    ])
    expect(run.code, run.stderr).toBe(0)
    const camel = new Kysely<AnySchema>({
      dialect: new IrisDialect({ connectionString: sim.url }),
      plugins: [new CamelCasePlugin()],
    })
    try {
      const row = await camel
        .selectFrom('codegenTypes')
        .select(['cInteger', 'cDefaultText', 'cVector'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()
      const keys = Object.keys(selectTypes(run.stdout, 'CodegenTypes'))
      for (const key of Object.keys(row)) expect(keys).toContain(key)
      expect(run.stdout).toContain('  codegenTypes: CodegenTypes;')
    } finally {
      await camel.destroy()
    }
  })

  it('no table matched: one line, exit 1', async () => {
    const run = await runCli(['--url', sim.url, '--print', '--include-pattern', 'no_such_table*'])
    expect(run.code).toBe(1)
    expect(errorLines(run.stderr)).toEqual([
      'iris-codegen: No table matched schema SQLUser with --include-pattern no_such_table*.',
    ])
  })

  it('an unwritable output path: one line, exit 1, nothing written', async () => {
    const file = join(DIR, 'a-file')
    writeFileSync(file, 'not a directory')
    const run = await runCli(['--url', sim.url, '--out', join(file, 'db.d.ts')])
    expect(run.code).toBe(1)
    expect(errorLines(run.stderr)).toEqual([
      expect.stringMatching(/^iris-codegen: Cannot write .*a-file\/db\.d\.ts: .*(ENOTDIR|EEXIST)/),
    ])
  })

  it('without the class dictionary: one warning, vectors fall back to string or --overrides', async () => {
    const warnings: string[] = []
    const logger = new CodegenLogger('warn', (line) => warnings.push(line))
    const blind = new Kysely<AnySchema>({
      dialect: new NoDictionaryDialect({ connectionString: sim.url }),
      plugins: [new NoDictionaryPlugin()],
    })
    try {
      const plain = await generateIrisTypes({
        db: blind,
        logger,
        print: false,
        verify: false,
        out: join(DIR, 'blind.d.ts'),
        includePattern: TYPES_TABLE,
      })
      expect(selectTypes(plain.output, 'CodegenTypes').c_vector).toBe('string | null')
      expect(warnings).toEqual([expect.stringContaining('cannot read the IRIS class dictionary')])
      const overridden = await generateIrisTypes({
        db: blind,
        logger: new CodegenLogger('silent'),
        out: join(DIR, 'blind2.d.ts'),
        includePattern: TYPES_TABLE,
        overrides: { [`${TYPES_TABLE}.c_vector`]: 'Vector<3, "float"> | null' },
      })
      expect(selectTypes(overridden.output, 'CodegenTypes').c_vector).toBe(
        'Vector<3, "float"> | null',
      )
      expect(overridden.output).toContain('export type Vector<N extends number, E extends string>')
    } finally {
      await blind.destroy()
    }
  })

  it('--verify passes on a fresh file and fails with a diff after ALTER TABLE', async () => {
    await db.schema
      .createTable('codegen_verify')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute()
    const out = join(DIR, 'verify.d.ts')
    const args = ['--url', sim.url, '--out', out, '--include-pattern', 'codegen_verify']
    expect((await runCli(args)).code).toBe(0)
    const fresh = await runCli([...args, '--verify'])
    expect(fresh.code, fresh.stderr).toBe(0)
    expect(fresh.stderr).toContain('is up to date')

    await db.schema.alterTable('codegen_verify').addColumn('added', 'varchar(10)').execute()
    const stale = await runCli([...args, '--verify'])
    expect(stale.code).toBe(1)
    expect(stale.stderr).toContain('+  added: string | null;')
    const lines = errorLines(stale.stderr)
    expect(lines.filter((line) => line.startsWith('iris-codegen:'))).toEqual([
      `iris-codegen: ${out} is stale: the schema no longer matches it; run iris-codegen without --verify to update it.`,
    ])
    expect(readFileSync(out, 'utf8')).not.toContain('added') // --verify never writes
  })
})

/** Makes every query that touches the class dictionary fail, as for a user without access to it. */
class NoDictionaryPlugin implements KyselyPlugin {
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    if (JSON.stringify(args.node).includes('%Dictionary'))
      throw new IrisError('no privilege on %Dictionary')
    return args.node
  }
  transformResult: KyselyPlugin['transformResult'] = async (args) => args.result
}

/** Kysely runs introspection without the instance's plugins: put the plugin back for it. */
class NoDictionaryDialect extends IrisDialect {
  override createIntrospector(db: Kysely<AnySchema>): DatabaseIntrospector {
    return super.createIntrospector(db.withPlugin(new NoDictionaryPlugin()))
  }
}

/** A user's file: exact types per column, typed queries, and wrong uses tsc must reject. */
function usageFile(setup: (typeof SETUPS)[number]): string {
  // With the vector plugin, Vector is a ColumnType whose select side is the branded array.
  const selected = (ts: string) =>
    setup.options.vectorType === 'number[]'
      ? ts.replace(/Vector<(.*?)>/, '(number[] & VectorBrand<$1>)')
      : ts
  const checks = Object.entries(expectations(setup.options))
    .map(([column, { ts }]) => `  Assert<Equals<Row['${column}'], ${selected(ts)}>>,`)
    .join('\n')
  return `import { Kysely, type Insertable, type Selectable, type Updateable } from 'kysely'
import type { DB, Vector, VectorBrand } from './db-${setup.name}.js'

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Assert<T extends true> = T
type Row = Selectable<DB['${TYPES_TABLE}']>

export type Checks = [
${checks}
]

declare const db: Kysely<DB>
export async function use(): Promise<void> {
  const row = await db.selectFrom('${TYPES_TABLE}').select(['c_integer', 'c_vector']).executeTakeFirstOrThrow()
  const n: number = row.c_integer
  const v: Row['c_vector'] = row.c_vector
  await db.insertInto('${TYPES_TABLE}').values({ c_integer: n, c_varchar: 'x', c_vector: '0.1,0.2,0.3' }).execute()
  await db.updateTable('${TYPES_TABLE}').set({ c_bit: false }).where('id', '=', 1).execute()
  const viewRow = await db.selectFrom('${VIEW}').selectAll().executeTakeFirstOrThrow()
  const id: number | null = viewRow.id
  void v
  void id
}

export type Brand = VectorBrand<3, 'float'>

// @ts-expect-error a string is not an INTEGER
export const badInteger: Insertable<DB['${TYPES_TABLE}']> = { c_integer: 'one' }
// @ts-expect-error c_integer is NOT NULL without a default: an insert must give it
export const missingRequired: Insertable<DB['${TYPES_TABLE}']> = { c_varchar: 'x' }
// @ts-expect-error IDENTITY is GeneratedAlways (docs/iris-sql.md#identity-columns)
export const explicitIdentity: Insertable<DB['${TYPES_TABLE}']> = { id: 5, c_integer: 1 }
// @ts-expect-error IDENTITY cannot be updated either
export const updateIdentity: Updateable<DB['${TYPES_TABLE}']> = { id: 5 }
// @ts-expect-error BIT is not a string
export const badBit: Updateable<DB['${TYPES_TABLE}']> = { c_bit: 'yes' }
declare const twoDimensions: Vector<2, 'float'>
// @ts-expect-error a VECTOR(FLOAT,3) column does not take a 2-dimension vector
export const badVector: Insertable<DB['${TYPES_TABLE}']> = { c_integer: 1, c_vector: twoDimensions }
declare const doubles: Vector<3, 'double'>
// @ts-expect-error nor a DOUBLE vector
export const badElement: Insertable<DB['${TYPES_TABLE}']> = { c_integer: 1, c_vector: doubles }
// @ts-expect-error the view has no c_integer
export type NoSuchColumn = DB['${VIEW}']['c_integer']
`
}

/**
 * iris-pgwire 1.0 guesses result types from the first row (docs/iris-sql.md#result-types), so some
 * values differ from the declared types the generated file describes. This pins the differences the
 * README documents, and that `--bit "boolean | number"` covers BIT there.
 */
describe('live: the pgwire-1.0 profile (documented differences)', () => {
  let sim: Sim
  let db: UntypedDb

  beforeAll(async () => {
    sim = await startSim({ port: 0, profile: 'pgwire-1.0' })
    db = new Kysely<AnySchema>({ dialect: new IrisDialect({ connectionString: sim.url }) })
    await createLiveSchema(db)
    await insertLiveRows(db)
  })

  afterAll(async () => {
    await db?.destroy()
    await sim?.stop()
  })

  it('BIT arrives as 0/1, binary as hex text, dates as text; NULL first turns a column to text', async () => {
    const run = await runCli([
      '--url',
      sim.url,
      '--print',
      '--bit',
      'boolean | number',
      '--include-pattern',
      TYPES_TABLE,
    ])
    expect(run.code, run.stderr).toBe(0)
    const types = selectTypes(run.stdout, 'CodegenTypes')
    expect(types.c_bit).toBe('boolean | number | null')
    const reader = new Kysely<AnySchema>({
      dialect: dialectFor(sim.url, SETUPS[1]!),
    })
    try {
      // Named columns: `selectAll` on a quoted table yields column1..N under pgwire 1.0
      // (docs/iris-sql.md#iris-pgwire-result-quirks).
      const columns = ['id', 'c_bit', 'c_varbinary', 'c_date', 'c_bigint']
      const [full, nulls] = await reader
        .selectFrom(TYPES_TABLE)
        .select(columns)
        .orderBy('id')
        .execute()
      expect(full).toEqual({
        id: 1,
        c_bit: 1,
        c_varbinary: '\\x616263',
        c_date: '2024-02-29',
        c_bigint: 9007199254740993n,
      })
      expect(conformsTo(full!.c_bit, types.c_bit!, 'string')).toBe(true)
      expect(nulls).toMatchObject({ c_bit: null, c_bigint: null })
      const [nullsFirst, fullSecond] = await reader
        .selectFrom(TYPES_TABLE)
        .select(columns)
        .orderBy('id', 'desc')
        .execute()
      expect(nullsFirst).toMatchObject({ id: 2, c_bit: null })
      expect(fullSecond).toMatchObject({ id: 1, c_bit: '1', c_bigint: '9007199254740993' })
    } finally {
      await reader.destroy()
    }
  })
})
