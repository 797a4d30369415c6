import { type CompiledQuery, Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { description, IrisDialect, IrisInputError, IrisUnsupportedError } from '../../src/index.js'
import type { AnyDB } from '../support/server.js'
import { CORPUS, label } from './corpus.js'
import { VALUE_ENTRIES, VECTOR_ENTRIES } from './entries.js'
import {
  createdTableNameRefusal,
  ddlLiteralRefusal,
  identifierRefusal,
  kyselyParses,
  quoted,
  schemaAsWritten,
} from './policy.js'

/**
 * Hostile input without a server: for every corpus case and every public entry, the SQL text
 * compiled with the hostile string is identical to the one compiled with a benign twin. Values only
 * ever change the parameters; names and DDL literals are quoted and escaped, or refused.
 */

// Compiles only: the dialect never connects.
const db = new Kysely<AnyDB>({ dialect: new IrisDialect() })

const BENIGN = 'benign'

/** `text` with every occurrence of `from` replaced (no `$` patterns, unlike String.replaceAll). */
function swap(text: string, from: string, to: string): string {
  return text.split(from).join(to)
}

function expectRefused(compile: () => unknown): void {
  expect(compile).toThrow(IrisInputError)
}

describe('values: the SQL text never depends on the value (no server)', () => {
  describe.each(CORPUS.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    it.each(VALUE_ENTRIES.map((e) => [e.entry, e] as const))('%s', (_entry, e) => {
      const compile = () => e.build(db, c.value).compile()
      if (c.asValue === 'refused') {
        expectRefused(compile)
        return
      }
      const hostile = compile()
      const benign = e.build(db, BENIGN).compile()
      expect(hostile.sql).toBe(benign.sql)
      expect(hostile.parameters).toEqual(benign.parameters.map((p) => (p === BENIGN ? c.value : p)))
    })

    it('vector helpers refuse it in place of a number', () => {
      for (const e of VECTOR_ENTRIES) expectRefused(() => e.build(db, c.value))
    })

    it('sql.lit refuses it in DML (a literal would be SQL text); Kysely refuses a string eb.lit', () => {
      expectRefused(() => db.selectFrom('t').select(sql.lit(c.value).as('x')).compile())
      expect(() =>
        db
          .selectFrom('t')
          .select((eb) => eb.lit(c.value as never).as('x'))
          .compile(),
      ).toThrow(/unsafe immediate value/)
    })
  })
})

/**
 * Each place a name goes, built with `name`; `parsed` ones go through Kysely's string API;
 * `createsTable` ones name the table a CREATE TABLE creates, which iris-pgwire upper-cases.
 */
const NAME_ENTRIES: readonly {
  readonly entry: string
  readonly parsed?: true
  readonly createsTable?: true
  /** The name is a schema's. */
  readonly schema?: true
  build(name: string): { compile(): CompiledQuery }
}[] = [
  { entry: 'selectFrom table', parsed: true, build: (n) => db.selectFrom(n).select('id') },
  { entry: 'insertInto table', parsed: true, build: (n) => db.insertInto(n).values({ id: 1 }) },
  {
    entry: 'updateTable table',
    parsed: true,
    build: (n) => db.updateTable(n).set({ id: 2 }).where('id', '=', 1),
  },
  { entry: 'deleteFrom table', parsed: true, build: (n) => db.deleteFrom(n).where('id', '=', 1) },
  {
    entry: 'createTable table',
    parsed: true,
    createsTable: true,
    build: (n) => db.schema.createTable(n).addColumn('id', 'integer'),
  },
  { entry: 'dropTable table', parsed: true, build: (n) => db.schema.dropTable(n).ifExists() },
  { entry: 'select column', parsed: true, build: (n) => db.selectFrom('t').select(n) },
  {
    entry: 'where column',
    parsed: true,
    build: (n) => db.selectFrom('t').select('id').where(n, '=', 1),
  },
  { entry: 'insert column', build: (n) => db.insertInto('t').values({ [n]: 1 }) },
  { entry: 'update column', build: (n) => db.updateTable('t').set({ [n]: 1 }) },
  { entry: 'addColumn', build: (n) => db.schema.createTable('t').addColumn(n, 'integer') },
  {
    entry: 'alterTable addColumn',
    build: (n) => db.schema.alterTable('t').addColumn(n, 'varchar(10)'),
  },
  { entry: 'column alias', build: (n) => db.selectFrom('t').select((eb) => eb.ref('id').as(n)) },
  {
    entry: 'subquery alias',
    build: (n) => db.selectFrom(db.selectFrom('t').select('id').as(n)).selectAll(),
  },
  {
    entry: 'withSchema select',
    schema: true,
    build: (n) => db.withSchema(n).selectFrom('t').select('id'),
  },
  {
    entry: 'withSchema createTable',
    createsTable: true,
    schema: true,
    build: (n) => db.schema.withSchema(n).createTable('t').addColumn('id', 'integer'),
  },
  { entry: 'createIndex name', build: (n) => db.schema.createIndex(n).on('t').column('id') },
  {
    entry: 'sql.id',
    build: (n) => ({ compile: () => sql`select ${sql.id(n)} from t`.compile(db) }),
  },
]

const BENIGN_NAME = 'benign_name'

describe('identifiers: double-quoted safely, or refused (no server)', () => {
  describe.each(CORPUS.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    const refusal = identifierRefusal(c.value)
    const tableRefusal = refusal ?? createdTableNameRefusal(c.value)
    const entries = NAME_ENTRIES.filter((e) => !(e.parsed && kyselyParses(c.value)))
    it.each(
      entries.map((e) => {
        const why = e.createsTable ? tableRefusal : refusal
        return [`${e.entry}: ${why ? `refused (${why})` : 'quoted'}`, e] as const
      }),
    )('%s', (_title, e) => {
      const compile = () => e.build(c.value).compile()
      if (refusal) {
        expectRefused(compile)
        return
      }
      if (e.createsTable && tableRefusal) {
        expect(compile).toThrow(IrisUnsupportedError)
        return
      }
      const benign = e.build(BENIGN_NAME).compile()
      const written = e.schema ? schemaAsWritten(c.value) : c.value
      expect(compile().sql).toBe(swap(benign.sql, quoted(BENIGN_NAME), quoted(written)))
    })
  })
})

describe('DDL literals (defaultTo, description): escaped, or refused (no server)', () => {
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`
  const builds = {
    defaultTo: (text: string) =>
      db.schema.createTable('t').addColumn('c', 'varchar(10)', (col) => col.defaultTo(text)),
    description: (text: string) =>
      db.schema
        .createTable('t')
        .addColumn('c', 'varchar(10)', (col) => col.modifyEnd(description(text))),
  }
  describe.each(CORPUS.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    const refusal = ddlLiteralRefusal(c.value)
    it.each(Object.entries(builds))(
      `%s: ${refusal ? `refused (${refusal})` : 'escaped'}`,
      (_entry, build) => {
        if (refusal) {
          expectRefused(() => build(c.value).compile())
          return
        }
        const benign = build(BENIGN).compile().sql
        expect(build(c.value).compile().sql).toBe(swap(benign, literal(BENIGN), literal(c.value)))
      },
    )
  })
})
