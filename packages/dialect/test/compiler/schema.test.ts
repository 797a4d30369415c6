import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_VARCHAR_LENGTH,
  description,
  IrisInputError,
  IrisUnsupportedError,
  TEXT_TYPE,
} from '../../src/index.js'
import { pagingDbs } from '../support/compile.js'

describe.each(pagingDbs)('schema builder → IRIS DDL ($paging paging)', ({ db }) => {
  it("refuses a CREATE TABLE name iris-pgwire's upper-casing would change beyond case (ß → SS), table or schema", () => {
    for (const create of [
      () => db.schema.createTable('straße').addColumn('a', 'integer').compile(),
      () => db.schema.createTable('ﬀ').addColumn('a', 'integer').compile(),
      () => db.schema.withSchema('maß').createTable('t').addColumn('a', 'integer').compile(),
    ]) {
      expect(create).toThrow(IrisUnsupportedError)
      expect(create).toThrow(/upper-cases a CREATE TABLE's table and schema names/)
    }
    // Only the case changes: IRIS finds the table by the name given.
    expect(db.schema.createTable('Émile_İ_ǅ').addColumn('ß', 'integer').compile().sql).toContain(
      '"Émile_İ_ǅ"',
    )
    expect(db.selectFrom('straße').select('ß').compile().sql).toContain('"straße"')
  })

  it('create table: IDENTITY, BIT, explicit varchar length, text as a long VARCHAR, defaults as checked literals', () => {
    const query = db.schema
      .createTable('person')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('code', 'bigint', (c) => c.identity())
      .addColumn('name', 'varchar', (c) => c.notNull().modifyEnd(description("The person's name")))
      .addColumn('bio', 'text')
      .addColumn('active', 'boolean', (c) => c.defaultTo(true).notNull())
      .addColumn('score', 'numeric(10, 2)', (c) => c.defaultTo(0))
      .addColumn('born', 'date')
      .addColumn('seen', 'timestamp')
      .addColumn('ratio', 'double precision')
      .addColumn('uid', 'uuid', (c) => c.unique())
      .addColumn('note', 'varchar(20)', (c) => c.defaultTo("it's"))
      .addColumn('owner_id', 'integer', (c) => c.references('owner.id').onDelete('cascade'))
      .modifyEnd(description('People'))
    expect(query.compile()).toMatchObject({
      sql: `create table if not exists "person" ("id" integer identity primary key, "code" bigint identity, "name" varchar(${DEFAULT_VARCHAR_LENGTH}) not null %DESCRIPTION 'The person''s name', "bio" ${TEXT_TYPE}, "active" bit default 1 not null, "score" numeric(10, 2) default 0, "born" date, "seen" timestamp, "ratio" double, "uid" uniqueidentifier unique, "note" varchar(20) default 'it''s', "owner_id" integer references "owner" ("id") on delete cascade) %DESCRIPTION 'People'`,
      parameters: [],
    })
  })

  it("writes IRIS's DEFAULT values, referential actions and DROP VIEW ... CASCADE (docs/iris-sql.md#column-defaults, docs/iris-sql.md#foreign-keys)", () => {
    const query = db.schema
      .createTable('t')
      .addColumn('a', 'integer', (c) => c.defaultTo(-1))
      .addColumn('b', 'varchar(9)', (c) => c.defaultTo('x'))
      .addColumn('c', 'boolean', (c) => c.defaultTo(false))
      .addColumn('d', 'varchar(9)', (c) => c.defaultTo(null))
      .addColumn('e', 'timestamp', (c) => c.defaultTo(sql`CURRENT_TIMESTAMP`))
      .addColumn('f', 'integer', (c) =>
        c.references('u.id').onDelete('set null').onUpdate('cascade'),
      )
      .addForeignKeyConstraint('g', ['a'], 'u', ['id'], (c) => c.onDelete('no action'))
    expect(query.compile()).toMatchObject({
      sql: `create table "t" ("a" integer default -1, "b" varchar(9) default 'x', "c" bit default 0, "d" varchar(9) default null, "e" timestamp default CURRENT_TIMESTAMP, "f" integer references "u" ("id") on delete set null on update cascade, constraint "g" foreign key ("a") references "u" ("id") on delete no action)`,
      parameters: [],
    })
    expect(
      db.schema
        .alterTable('t')
        .alterColumn('a', (c) => c.setDefault(2))
        .compile().sql,
    ).toBe('alter table "t" alter column "a" set default 2')
    expect(db.schema.dropView('v').cascade().compile().sql).toBe('drop view "v" cascade')
  })

  it('raw data types pass through, e.g. VECTOR', () => {
    const query = db.schema.createTable('doc').addColumn('embedding', sql`VECTOR(FLOAT, 3)`)
    expect(query.compile().sql).toBe('create table "doc" ("embedding" VECTOR(FLOAT, 3))')
  })

  it("refuses a bare 'numeric' / 'decimal', in DDL and in casts: IRIS's has scale 0 (docs/iris-sql.md#column-types)", () => {
    const bare = [
      () => db.schema.createTable('t').addColumn('price', 'numeric').compile(),
      () => db.schema.alterTable('t').addColumn('price', 'decimal').compile(),
      () =>
        db.schema
          .alterTable('t')
          .alterColumn('price', (c) => c.setDataType('numeric'))
          .compile(),
      () =>
        db
          .selectFrom('t')
          .select((eb) => eb.cast('price', 'decimal').as('p'))
          .compile(),
    ]
    for (const compile of bare) {
      expect(compile).toThrow(IrisUnsupportedError)
      expect(compile).toThrow(/without a precision has scale 0 and 15 digits: the fraction/)
      expect(compile).toThrow(/write '(numeric|decimal)\(p, s\)'/)
    }
    expect(
      db.schema
        .createTable('t')
        .addColumn('price', 'numeric(15, 2)')
        .addColumn('count', sql`numeric(15, 0)`)
        .compile().sql,
    ).toBe('create table "t" ("price" numeric(15, 2), "count" numeric(15, 0))')
  })

  it('drop table if exists, create/drop index, IRIS ALTER TABLE forms', () => {
    expect(db.schema.dropTable('person').ifExists().compile().sql).toBe(
      'drop table if exists "person"',
    )
    expect(
      db.schema.createIndex('person_name').on('person').columns(['name', 'born']).unique().compile()
        .sql,
    ).toBe('create unique index "person_name" on "person" ("name", "born")')
    expect(
      db.schema.createIndex('person_born').on('person').columns(['born desc', 'name']).compile()
        .sql,
    ).toBe('create index "person_born" on "person" ("born" desc, "name")')
    // docs/iris-sql.md#schemas: IRIS's CREATE SCHEMA and DROP SCHEMA take these forms.
    expect(db.schema.createSchema('lib').ifNotExists().compile().sql).toBe(
      'create schema if not exists "lib"',
    )
    expect(db.schema.dropSchema('lib').ifExists().cascade().compile().sql).toBe(
      'drop schema if exists "lib" cascade',
    )
    expect(db.schema.dropIndex('person_name').on('person').compile().sql).toBe(
      'drop index "person_name" on "person"',
    )
    expect(db.schema.alterTable('person').addColumn('age', 'smallint').compile().sql).toBe(
      'alter table "person" add column "age" smallint',
    )
    expect(
      db.schema
        .alterTable('person')
        .alterColumn('age', (c) => c.setDataType('integer'))
        .compile().sql,
    ).toBe('alter table "person" alter column "age" integer')
    // IRIS writes NOT NULL / NULL after the column, without SET / DROP (docs/iris-sql.md#alter-table).
    expect(
      db.schema
        .alterTable('person')
        .alterColumn('age', (c) => c.setNotNull())
        .compile().sql,
    ).toBe('alter table "person" alter column "age" not null')
    expect(
      db.schema
        .alterTable('person')
        .alterColumn('age', (c) => c.dropNotNull())
        .compile().sql,
    ).toBe('alter table "person" alter column "age" null')
    expect(db.schema.alterTable('person').renameColumn('age', 'years').compile().sql).toBe(
      'alter table "person" alter column "age" rename "years"',
    )
    expect(db.schema.alterTable('person').dropColumn('years').compile().sql).toBe(
      'alter table "person" drop column "years"',
    )
    expect(db.schema.alterTable('person').renameTo('people').compile().sql).toBe(
      'alter table "person" rename "people"',
    )
  })

  it('several columns in one ALTER TABLE: one ADD or one DROP action; mixed actions are refused', () => {
    expect(
      db.schema
        .alterTable('person')
        .addColumn('a', 'integer')
        .addColumn('b', 'varchar(10)', (c) => c.notNull())
        .compile().sql,
    ).toBe('alter table "person" add column "a" integer, column "b" varchar(10) not null')
    expect(db.schema.alterTable('person').dropColumn('a').dropColumn('b').compile().sql).toBe(
      'alter table "person" drop column "a", column "b"',
    )
    for (const mixed of [
      () => db.schema.alterTable('person').addColumn('a', 'integer').dropColumn('b').compile(),
      () =>
        db.schema
          .alterTable('person')
          .alterColumn('a', (c) => c.setDefault(1))
          .alterColumn('b', (c) => c.dropNotNull())
          .compile(),
    ])
      expect(mixed).toThrow(IrisUnsupportedError)
  })

  it('DROP COLUMN IF EXISTS is refused, alone or after another column (Kysely 0.29 writes it; 0.28 has none)', () => {
    const alone = db.schema.alterTable('t').dropColumn('a', (c) => c.ifExists())
    const second = db.schema
      .alterTable('t')
      .dropColumn('a')
      .dropColumn('b', (c) => c.ifExists())
    const [alteration] = alone.toOperationNode().columnAlterations ?? []
    if ((alteration as { ifExists?: boolean }).ifExists) {
      expect(() => alone.compile()).toThrow(/DROP COLUMN IF EXISTS is not IRIS DDL/)
      expect(() => second.compile()).toThrow(/DROP COLUMN IF EXISTS is not IRIS DDL/)
    } else {
      // Kysely 0.28's dropColumn() takes no builder: the statement is a plain DROP COLUMN.
      expect(alone.compile().sql).toBe('alter table "t" drop column "a"')
    }
  })

  it('create view writes its values as checked literals (DDL takes no parameters)', () => {
    const query = db.schema
      .createView('adults')
      .as(db.selectFrom('person').select('name').where('age', '>=', 18).where('active', '=', true))
    expect(query.compile()).toMatchObject({
      sql: 'create view "adults" as select "name" from "person" where "age" >= 18 and "active" = 1',
      parameters: [],
    })
  })

  it('create or replace view is IRIS DDL (docs/iris-sql.md#create-and-drop)', () => {
    const query = db.schema
      .createView('adults')
      .orReplace()
      .as(db.selectFrom('person').select('name'))
    expect(query.compile().sql).toBe(
      'create or replace view "adults" as select "name" from "person"',
    )
  })

  it('refuses what IRIS DDL lacks, before anything is sent', () => {
    const cases: [string, () => unknown][] = [
      [
        'CREATE INDEX IF NOT EXISTS',
        () => db.schema.createIndex('i').ifNotExists().on('t').column('a').compile(),
      ],
      [
        'CHECK',
        () =>
          db.schema
            .createTable('t')
            .addColumn('a', 'integer', (c) => c.check(sql`a > 0`))
            .compile(),
      ],
      ['timestamptz', () => db.schema.createTable('t').addColumn('a', 'timestamptz').compile()],
      ['jsonb', () => db.schema.createTable('t').addColumn('a', 'jsonb').compile()],
      [
        'temporary',
        () => db.schema.createTable('t').temporary().addColumn('a', 'integer').compile(),
      ],
      [
        'generated',
        () =>
          db.schema
            .createTable('t')
            .addColumn('a', 'integer', (c) => c.generatedAlwaysAs(sql`1`))
            .compile(),
      ],
      ['using', () => db.schema.createIndex('i').on('t').column('a').using('gin').compile()],
      [
        'partial index',
        () => db.schema.createIndex('i').on('t').column('a').where('a', '>', 1).compile(),
      ],
      [
        'expression index',
        () => db.schema.createIndex('i').on('t').expression(sql`lower(a)`).compile(),
      ],
      ['enum', () => db.schema.createType('mood').asEnum(['sad']).compile()],
      [
        'table CHECK',
        () => db.schema.alterTable('t').addCheckConstraint('c', sql`a > 0`).compile(),
      ],
      [
        'create table CHECK',
        () =>
          db.schema
            .createTable('t')
            .addColumn('a', 'integer')
            .addCheckConstraint('c', sql`a > 0`)
            .compile(),
      ],
      ['SET SCHEMA', () => db.schema.alterTable('t').setSchema('u').compile()],
      ['DROP INDEX CASCADE', () => db.schema.dropIndex('i').on('t').cascade().compile()],
      [
        'ON DELETE RESTRICT',
        () =>
          db.schema
            .createTable('t')
            .addColumn('a', 'integer', (c) => c.references('u.id').onDelete('restrict'))
            .compile(),
      ],
      [
        'ON UPDATE RESTRICT',
        () =>
          db.schema
            .alterTable('t')
            .addForeignKeyConstraint('f', ['a'], 'u', ['id'], (c) => c.onUpdate('restrict'))
            .compile(),
      ],
      ['DROP TYPE', () => db.schema.dropType('mood').ifExists().compile()],
      ['DROP MATERIALIZED VIEW', () => db.schema.dropView('v').materialized().compile()],
      ['RENAME CONSTRAINT', () => db.schema.alterTable('t').renameConstraint('a', 'b').compile()],
      [
        'table UNIQUE NULLS NOT DISTINCT',
        () =>
          db.schema
            .createTable('t')
            .addColumn('a', 'integer')
            .addUniqueConstraint('u', ['a'], (c) => c.nullsNotDistinct())
            .compile(),
      ],
      [
        'DEFERRABLE unique',
        () =>
          db.schema
            .createTable('t')
            .addColumn('a', 'integer')
            .addUniqueConstraint('u', ['a'], (c) => c.deferrable())
            .compile(),
      ],
      [
        'NOT DEFERRABLE primary key',
        () =>
          db.schema
            .alterTable('t')
            .addPrimaryKeyConstraint('p', ['a'], (c) => c.notDeferrable())
            .compile(),
      ],
      [
        'INITIALLY DEFERRED foreign key',
        () =>
          db.schema
            .alterTable('t')
            .addForeignKeyConstraint('f', ['a'], 'u', ['b'], (c) =>
              c.deferrable().initiallyDeferred(),
            )
            .compile(),
      ],
    ]
    for (const [name, build] of cases) {
      expect(build, name).toThrow(IrisUnsupportedError)
    }
  })

  it('a table CHECK is refused with the same error as a column check()', () => {
    const columnCheck = () =>
      db.schema
        .createTable('t')
        .addColumn('a', 'integer', (c) => c.check(sql`a > 0`))
        .compile()
    const tableCheck = () => db.schema.alterTable('t').addCheckConstraint('c', sql`a > 0`).compile()
    expect(tableCheck).toThrow(/CHECK constraints are not supported by IRIS/)
    expect(columnCheck).toThrow(/CHECK constraints are not supported by IRIS/)
  })

  it("drops an index on its table: the schema goes on the table, never on the index's name", () => {
    const inSchema = db.withSchema('s').schema
    expect(inSchema.dropIndex('x').ifExists().on('t').compile().sql).toBe(
      'drop index if exists "x" on "s"."t"',
    )
    expect(db.schema.dropIndex('x').compile().sql).toBe('drop index "x"')
    // IRIS reads "s"."x" as index x of a table s: with IF EXISTS, a silent no-op.
    expect(() => inSchema.dropIndex('x').ifExists().compile()).toThrow(
      /names no table.*dropIndex\('x'\)\.on\('table'\)/,
    )
    expect(() => inSchema.dropIndex('x').compile()).toThrow(IrisUnsupportedError)
  })

  it('refuses DDL literals pgwire would rewrite', () => {
    for (const text of ['a;b', 'cost $5', '2024-01-02', 'nul\0', 'public']) {
      expect(
        () =>
          db.schema
            .createTable('t')
            .addColumn('a', 'varchar(9)', (c) => c.defaultTo(text))
            .compile(),
        text,
      ).toThrow(IrisInputError)
      expect(() => description(text), text).toThrow(IrisInputError)
    }
  })
})
