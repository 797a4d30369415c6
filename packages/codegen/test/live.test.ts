import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  describeTargets,
  LOCAL_TARGETS,
  type LocalTarget,
  type StartedTarget,
  startTarget,
  traitsOf,
} from '@kysely-iris/sim/testing'
import { CamelCasePlugin, type DatabaseIntrospector, Kysely, type KyselyPlugin, sql } from 'kysely'
import { IrisDialect, IrisError, IrisUnsupportedError, toVector, VectorPlugin } from 'kysely-iris'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CodegenLogger, generateIrisTypes } from '../src/index.js'
import {
  type AnySchema,
  CAMEL_TABLE,
  createLiveSchema,
  expectations,
  insertLiveRows,
  SALES_INTERFACE,
  SALES_TABLE,
  TYPES_INTERFACE,
  TYPES_TABLE,
  type UntypedDb,
  type ValueOptions,
  VERIFY_TABLE,
  VIEW,
  VIEW_INTERFACE,
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

/**
 * What a front end returns for row 1 where it differs from the declared types the generated file
 * describes, under one setup (docs/iris-sql.md#result-types). The sim's `iris` profile describes
 * every column by its declared type. Binary values arrive as text in PostgreSQL's hex form, as
 * observed running iris-pgwire 1.0.1 in front of the sim's stand-in for the IRIS driver (what the
 * real driver's bytes become is not known), and as the sim's iris-pgwire profiles model them.
 */
function frontEndDifferences(target: LocalTarget, options: ValueOptions): Record<string, unknown> {
  const binaryAsHexText = { c_varbinary: '\\x616263', c_longvarbinary: '\\x68656c6c6f' }
  const timestampsAsText =
    options.date === 'Date'
      ? { c_timestamp: '2024-02-29 13:45:30', c_posixtime: '2001-09-09 01:46:40' }
      : {}
  // Types guessed from the first row: dates are text.
  const guessed = {
    ...binaryAsHexText,
    ...timestampsAsText,
    ...(options.date === 'Date' ? { c_date: '2024-02-29' } : {}),
  }
  // NUMERIC announced as float8 (through the stand-in driver on the embedded backend): the number,
  // whatever `numeric` says.
  const numbers = expectations({ ...options, numeric: 'number' })
  const numericAsFloat = { c_numeric: numbers.c_numeric!.row1, c_decimal: numbers.c_decimal!.row1 }
  // Types from the driver's type codes: BIGINT and TIMESTAMP are text, NUMERIC a float, DATE a
  // date. The sim's stand-in for the driver reports DECIMAL as NUMERIC.
  const dbapi = {
    ...binaryAsHexText,
    ...timestampsAsText,
    ...numericAsFloat,
    c_bigint: '9007199254740993',
  }
  switch (target) {
    case 'sim-iris':
      return {}
    case 'sim-pgwire-1.0-embedded':
    case 'iris-pgwire-embedded':
      return { ...guessed, ...numericAsFloat }
    case 'iris-pgwire-dbapi':
      return dbapi
    case 'sim-pgwire-1.0-dbapi':
      // The sim's profile types TINYINT by the reference's ODBC code, as text; the stand-in driver
      // behind the real iris-pgwire reports it as SMALLINT (docs/iris-sql.md#simulator-profiles).
      return { ...dbapi, c_tinyint: '127' }
  }
}

/**
 * Row 1's values when a row of NULLs comes first and the front end types each column from the
 * first row: text for every column that is NULL in that row (docs/iris-sql.md#result-types).
 */
const ROW_1_AFTER_NULLS_AS_TEXT = {
  c_bigint: '9007199254740993',
  c_smallint: '-32768',
  c_tinyint: '127',
  c_numeric: '1234567890.12',
  c_decimal: '-3.1416',
  c_double: '1.5e+300',
  c_float: '0.1',
  c_bit: '1',
  c_varbinary: '\\x616263',
  c_longvarbinary: '\\x68656c6c6f',
}

/**
 * The front ends that type result columns from the first row's values: those that also name
 * `SELECT *` columns `column1..N`, the embedded backend (docs/iris-sql.md#iris-pgwire-result-quirks).
 */
function typesFromFirstRow(target: LocalTarget): boolean {
  return traitsOf(target).namesStarColumns === false
}

/**
 * iris-codegen reads the same schema through each front end. The schema is created through the
 * front end with upper-case table names: iris-pgwire upper-cases the name of a CREATE TABLE
 * (docs/iris-sql.md#identifiers), which IRIS does not notice but the sim, whose quoted names are
 * case-sensitive, would (docs/iris-sql.md#simulator-limits).
 */
// On the local targets only: the value checks below state what each front end returns.
describeTargets(
  describe,
  'live: iris-codegen',
  (target) => {
    let server: StartedTarget
    let db: UntypedDb
    const generated = new Map<string, string>()

    beforeAll(async () => {
      server = await startTarget(target)
      db = new Kysely<AnySchema>({ dialect: new IrisDialect({ connectionString: server.url }) })
      await createLiveSchema(db)
      await insertLiveRows(db)
      // One CLI process per setup, side by side: each is mostly Node starting up.
      await Promise.all(
        SETUPS.map(async (setup) => {
          // .ts rather than .d.ts: the tsc test below then checks the generated file with
          // skipLibCheck on.
          const out = join(DIR, `db-${target}-${setup.name}.ts`)
          const run = await runCli(['--url', server.url, '--out', out, ...setup.flags])
          expect(run, run.stderr).toMatchObject({ code: 0 })
          generated.set(setup.name, readFileSync(out, 'utf8'))
        }),
      )
    })

    afterAll(async () => {
      await db?.destroy()
      await server?.stop()
    })

    it('writes the types of every column, the view, identity, defaults and comments', async () => {
      const file = generated.get('defaults')!
      // The same file through every front end: iris-pgwire's `public` is SQLUser again
      // (docs/iris-sql.md#the-public-schema).
      await expect(file).toMatchFileSnapshot('golden/live-defaults.ts')
      const table = selectTypes(file, TYPES_INTERFACE)
      for (const [column, { ts }] of Object.entries(expectations(SETUPS[0]!.options))) {
        expect(table[column], column).toBe(ts)
      }
      expect(file).toContain('  id: GeneratedAlways<number>;')
      expect(file).toContain('  c_default_int: Generated<number>;')
      expect(file).toContain('  c_default_text: Generated<string | null>;')
      expect(file).toMatch(/\/\*\*\n {3}\* An INTEGER column\n {3}\*\/\n {2}c_integer: number;/)
      expect(file).toContain(
        `/**\n * Every IRIS type\n * Table SQLUser.${TYPES_TABLE}\n */\nexport interface ${TYPES_INTERFACE}`,
      )
      expect(file).toMatch(
        / \* IRIS type: VECTOR\(FLOAT,3\)\n {3}\*\/\n {2}c_vector: Vector<3, "float"> \| null;/,
      )
      expect(file).toContain(` * View SQLUser.${VIEW}\n */\nexport interface ${VIEW_INTERFACE} {`)
      expect(file).toContain(`  ${TYPES_TABLE}: ${TYPES_INTERFACE};`)
      expect(file).toContain(`  ${VIEW}: ${VIEW_INTERFACE};`)
      expect(file).not.toContain(SALES_TABLE) // only SQLUser by default
    })

    describe.each(SETUPS)('values with the $name setup', (setup) => {
      it('each column returns the expected value, of the generated type where the front end keeps it', async () => {
        const reader = new Kysely<AnySchema>({
          dialect: dialectFor(server.url, setup),
          plugins: pluginsFor(setup.options),
        })
        try {
          const types = selectTypes(generated.get(setup.name)!, TYPES_INTERFACE)
          const expected = expectations(setup.options)
          const columns = Object.keys(expected)
          const rows = await reader.selectFrom(TYPES_TABLE).select(columns).orderBy('id').execute()
          const differences = frontEndDifferences(target, setup.options)
          expect(rows).toHaveLength(2)
          for (const [column, { row1, row2 }] of Object.entries(expected)) {
            const differs = column in differences
            expect(rows[0]![column], `${column} row 1`).toEqual(
              differs ? differences[column] : row1,
            )
            expect(rows[1]![column], `${column} row 2`).toEqual(row2)
            if (differs) continue
            for (const row of rows) {
              expect(
                conformsTo(row[column], types[column]!, setup.options.vectorType),
                `${column}: ${types[column]}`,
              ).toBe(true)
            }
          }
          expect(Object.keys(rows[0]!).sort()).toEqual(Object.keys(types).sort())

          // `selectAll()` gives the generated keys where the server names `*` columns; kysely-iris
          // refuses the column1..N rows of the others (docs/iris-sql.md#iris-pgwire-result-quirks).
          const star = reader.selectFrom(TYPES_TABLE).selectAll().orderBy('id').execute()
          if (traitsOf(target).namesStarColumns) {
            expect(Object.keys((await star)[0]!).sort()).toEqual(Object.keys(types).sort())
          } else {
            await expect(star).rejects.toThrow(IrisUnsupportedError)
          }
        } finally {
          await reader.destroy()
        }
      })
    })

    it('a first row of NULLs turns the columns to text where the front end types from the first row', async () => {
      const run = await runCli(['--url', server.url, '--print', '--include-pattern', TYPES_TABLE])
      expect(run.code, run.stderr).toBe(0)
      const types = selectTypes(run.stdout, TYPES_INTERFACE)
      expect(types.c_bit).toBe('Bit | null')
      const reader = new Kysely<AnySchema>({
        dialect: new IrisDialect({ connectionString: server.url }),
      })
      try {
        const columns = Object.keys(expectations(SETUPS[0]!.options))
        const [nullsFirst, full] = await reader
          .selectFrom(TYPES_TABLE)
          .select(columns)
          .orderBy('id', 'desc')
          .execute()
        expect(nullsFirst).toMatchObject({ id: 2, c_bit: null, c_bigint: null })
        const [fullFirst] = await reader
          .selectFrom(TYPES_TABLE)
          .select(columns)
          .orderBy('id')
          .execute()
        expect(conformsTo(fullFirst!.c_bit, types.c_bit!, 'string')).toBe(true)
        if (typesFromFirstRow(target)) {
          expect(full).toEqual({ ...fullFirst, ...ROW_1_AFTER_NULLS_AS_TEXT })
        } else {
          expect(full).toEqual(fullFirst)
        }
      } finally {
        await reader.destroy()
      }
    })

    it('--schema reads other schemas (qualified in DB), and `public` as SQLUser; --exclude-pattern drops tables', async () => {
      // iris-pgwire's name for SQLUser (docs/iris-sql.md#the-public-schema) works on every front end.
      const run = await runCli([
        '--url',
        server.url,
        '--print',
        '--schema',
        'public',
        '--schema',
        'sales',
        '--exclude-pattern',
        'codegen_t*',
      ])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toContain(`  "${SALES_TABLE}": ${SALES_INTERFACE};`)
      expect(run.stdout).toContain(`  ${VIEW}: ${VIEW_INTERFACE};`)
      expect(run.stdout).toContain(` * View SQLUser.${VIEW}\n`)
      expect(run.stdout).not.toContain(TYPES_INTERFACE)
    })

    // What follows checks iris-codegen itself, not what a front end returns: once, on the sim. (The
    // demo's test runs --verify through the real iris-pgwire.) The camel-case test below adds a
    // table, so --print comes first.
    if (target === 'sim-iris') {
      describe('iris-codegen itself', () => {
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
              include: ['db-sim-iris-*.ts', 'use-*.ts'],
            }),
          )
          for (const setup of SETUPS)
            writeFileSync(join(DIR, `use-${setup.name}.ts`), usageFile(setup))
          const result = await promisify(execFile)(process.execPath, [TSC, '-p', DIR]).catch(
            (error) => error,
          )
          expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('')
        }, 120_000)

        it('--print is byte-identical across runs and matches the written file', async () => {
          const first = await runCli(['--url', server.url, '--print'])
          const second = await runCli(['--url', server.url, '--print'])
          expect(first.code).toBe(0)
          expect(second.stdout).toBe(first.stdout)
          expect(first.stdout).toBe(generated.get('defaults'))
        })

        it('no table matched: one line, exit 1', async () => {
          const run = await runCli([
            '--url',
            server.url,
            '--print',
            '--include-pattern',
            'no_such_table*',
          ])
          expect(run.code).toBe(1)
          expect(errorLines(run.stderr)).toEqual([
            'iris-codegen: No table matched schema SQLUser with --include-pattern no_such_table*.',
          ])
        })

        it('an unwritable output path: one line, exit 1, nothing written', async () => {
          const file = join(DIR, 'a-file')
          writeFileSync(file, 'not a directory')
          const run = await runCli(['--url', server.url, '--out', join(file, 'db.d.ts')])
          expect(run.code).toBe(1)
          expect(errorLines(run.stderr)).toEqual([
            expect.stringMatching(
              /^iris-codegen: Cannot write .*a-file\/db\.d\.ts: .*(ENOTDIR|EEXIST)/,
            ),
          ])
        })

        it('without the class dictionary: one warning, vectors fall back to string or --overrides', async () => {
          const warnings: string[] = []
          const logger = new CodegenLogger('warn', (line) => warnings.push(line))
          const blind = new Kysely<AnySchema>({
            dialect: new NoDictionaryDialect({ connectionString: server.url }),
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
            expect(selectTypes(plain.output, TYPES_INTERFACE).c_vector).toBe('string | null')
            expect(warnings).toEqual([
              expect.stringContaining('cannot read the IRIS class dictionary'),
            ])
            const overridden = await generateIrisTypes({
              db: blind,
              logger: new CodegenLogger('silent'),
              out: join(DIR, 'blind2.d.ts'),
              includePattern: TYPES_TABLE,
              overrides: { [`${TYPES_TABLE}.c_vector`]: 'Vector<3, "float"> | null' },
            })
            expect(selectTypes(overridden.output, TYPES_INTERFACE).c_vector).toBe(
              'Vector<3, "float"> | null',
            )
            expect(overridden.output).toContain(
              'export type Vector<N extends number, E extends string>',
            )
          } finally {
            await blind.destroy()
          }
        })

        it('--verify passes on a fresh file and fails with a diff after ALTER TABLE', async () => {
          await db.schema
            .createTable(VERIFY_TABLE)
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .execute()
          const out = join(DIR, 'verify.d.ts')
          const args = ['--url', server.url, '--out', out, '--include-pattern', VERIFY_TABLE]
          expect((await runCli(args)).code).toBe(0)
          const fresh = await runCli([...args, '--verify'])
          expect(fresh.code, fresh.stderr).toBe(0)
          expect(fresh.stderr).toContain('is up to date')

          await db.schema.alterTable(VERIFY_TABLE).addColumn('added', 'varchar(10)').execute()
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
    }

    // Needs a way into IRIS that bypasses iris-pgwire's case rewrite: the sim's profiles of
    // iris-pgwire have none (every statement goes through the rewrite).
    if (!target.startsWith('sim-pgwire-'))
      it('--camel-case keys are the keys CamelCasePlugin returns, for a table named in lower case', async () => {
        // CamelCasePlugin cannot address an upper-case table name (it would send `codegentypes` for
        // the key CODEGENTYPES), and a table created through iris-pgwire is upper case
        // (docs/iris-sql.md#identifiers): this one is created in IRIS directly, as another tool would.
        const direct = new Kysely<AnySchema>({
          dialect: new IrisDialect({ connectionString: server.iris?.url ?? server.url }),
        })
        try {
          await direct.schema
            .createTable(CAMEL_TABLE)
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('display_name', 'varchar(40)')
            .addColumn('c_vector', sql`VECTOR(FLOAT, 3)`)
            .execute()
          await direct
            .insertInto(CAMEL_TABLE)
            .values({ id: 1, display_name: 'x', c_vector: toVector([1, 2, 3]) })
            .execute()
        } finally {
          await direct.destroy()
        }
        const run = await runCli([
          '--url',
          server.url,
          '--print',
          '--camel-case',
          '--include-pattern',
          CAMEL_TABLE,
        ])
        expect(run.code, run.stderr).toBe(0)
        expect(run.stdout).toContain('  codegenCamel: CodegenCamel;')
        const camel = new Kysely<AnySchema>({
          dialect: new IrisDialect({ connectionString: server.url }),
          plugins: [new CamelCasePlugin()],
        })
        try {
          const row = await camel
            .selectFrom('codegenCamel')
            .select(['id', 'displayName', 'cVector'])
            .executeTakeFirstOrThrow()
          expect(row).toEqual({ id: 1, displayName: 'x', cVector: '1,2,3' })
          expect(Object.keys(row).sort()).toEqual(
            Object.keys(selectTypes(run.stdout, 'CodegenCamel')).sort(),
          )
        } finally {
          await camel.destroy()
        }
      })
  },
  LOCAL_TARGETS,
)

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
  // Bit is a ColumnType whose select side is a number.
  const selected = (ts: string) => {
    const bit = ts.replace(/^Bit\b/, 'number')
    return setup.options.vectorType === 'number[]'
      ? bit.replace(/Vector<(.*?)>/, '(number[] & VectorBrand<$1>)')
      : bit
  }
  const checks = Object.entries(expectations(setup.options))
    .map(([column, { ts }]) => `  Assert<Equals<Row['${column}'], ${selected(ts)}>>,`)
    .join('\n')
  return `import { Kysely, type Insertable, type Selectable, type Updateable } from 'kysely'
import type { DB, Vector, VectorBrand } from './db-sim-iris-${setup.name}.js'

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
  await db.updateTable('${TYPES_TABLE}').set({ c_bit: false }).where('c_bit', '=', 1).execute()
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
