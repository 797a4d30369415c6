import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { vectorType } from 'kysely-iris'
import { generateIrisTypes } from 'kysely-iris-codegen'
import { type Scenario, timed } from '../scenario.js'

/**
 * A schema of its own, so codegen reads only these tables and they are easy to drop. Upper case,
 * as the tables are, since iris-pgwire upper-cases the qualified name of a CREATE TABLE (see
 * BenchDB in ../fixtures.ts).
 */
const SCHEMA = 'BENCHGEN'
const COLUMNS = 20

/**
 * Column types cycled through, covering IRIS's type families (docs/iris-sql.md#column-types), a
 * VECTOR too.
 */
const COLUMN_TYPES = [
  'varchar(64)',
  'integer',
  'bigint',
  'numeric(10, 2)',
  sql`DOUBLE`,
  'boolean',
  'date',
  'timestamp',
  'smallint',
  vectorType('float', 16),
] as const

const tableName = (i: number) => `GEN_${String(i).padStart(3, '0')}`

/**
 * `iris-codegen`'s work, through its programmatic entry `generateIrisTypes()` (what the CLI calls):
 * connect, introspect INFORMATION_SCHEMA and the class dictionary, serialize, write the file.
 * No contender to compare with: stock kysely-codegen reads pg_catalog, which IRIS lacks
 * (docs/iris-sql.md#information_schema).
 */
export const codegen: Scenario = {
  name: 'codegen',
  title: 'iris-codegen',
  runsOn: ['iris'],
  irisOnly: 'INFORMATION_SCHEMA and the IRIS class dictionary',
  unit: 'ms',
  metric: 'time per generation',
  baseline: 'iris-codegen',
  ops: { full: 1, quick: 1 },
  warmup: { full: 1, quick: 1 },
  async prepare({ target, fixtures, quick, progress }) {
    const tables = quick ? 20 : 300
    const db = fixtures!.db.withSchema(SCHEMA)
    const drop = async () => {
      for (let i = 1; i <= tables; i++) await db.schema.dropTable(tableName(i)).ifExists().execute()
    }
    await drop()
    for (let i = 1; i <= tables; i++) {
      let table = db.schema
        .createTable(tableName(i))
        .addColumn('id', 'integer', (c) => c.primaryKey())
      for (let c = 1; c < COLUMNS; c++)
        table = table.addColumn(`col_${c}`, COLUMN_TYPES[(i + c) % COLUMN_TYPES.length]!)
      await table.execute()
      if (i % 50 === 0) progress(`[${target!.id}] codegen: created ${i}/${tables} tables`)
    }
    const outDir = mkdtempSync(join(tmpdir(), 'kysely-iris-bench-codegen-'))
    return {
      contenders: [
        {
          id: 'iris-codegen',
          measure: timed(
            () =>
              generateIrisTypes({
                url: target!.url,
                schemas: [SCHEMA],
                out: join(outDir, 'db.d.ts'),
                logLevel: 'silent',
              }),
            {
              check: (result) => {
                if (result.tableCount !== tables)
                  throw new Error(`codegen saw ${result.tableCount} tables, not ${tables}`)
              },
            },
          ),
        },
      ],
      sizes: { tables, columns: COLUMNS },
      teardown: async () => {
        rmSync(outDir, { recursive: true, force: true })
        await drop()
      },
    }
  },
}
