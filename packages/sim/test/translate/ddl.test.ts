import { describe, expect, it } from 'vitest'
import { expectRejected, plans, run } from './helpers.js'

const info = (table: string, column: string, values: string, rowId = false) =>
  `insert into iris_sim.column_info (table_oid, column_name, iris_type, data_type, character_maximum_length, numeric_precision, numeric_scale, vector_element_type, vector_length, row_id) values ('${table}'::regclass, '${column}', ${values}, ${rowId}) on conflict (table_oid, column_name) do update set iris_type = excluded.iris_type, data_type = excluded.data_type, character_maximum_length = excluded.character_maximum_length, numeric_precision = excluded.numeric_precision, numeric_scale = excluded.numeric_scale, vector_element_type = excluded.vector_element_type, vector_length = excluded.vector_length`

/** The hidden RowID column of a table without an IDENTITY column (docs/iris-sql.md#rowid). */
const HIDDEN = ', "\u0001rowid" bigint GENERATED ALWAYS AS IDENTITY'

/** The step that (re)defines or drops a table's %ID function (docs/iris-sql.md#rowid). */
const defineRowId = (table: string) => `call iris_sim.define_row_id(to_regclass('${table}'))`

/** The step recording a display name (docs/iris-sql.md#identifiers), as src/translate/display-names.ts writes it. */
const shown = (catalog: string, object: string, column: string, name: string, keep = false) =>
  `insert into iris_sim.display_name (classid, objid, objsubid, name) select '${catalog}'::regclass, o.objid, o.objsubid, '${name}' from (select ${object} as objid, ${column} as objsubid) o where o.objid is not null and o.objsubid is not null on conflict (classid, objid, objsubid) ${keep ? 'do nothing' : 'do update set name = excluded.name'}`
const tableName = (table: string, name: string, keep = false) =>
  shown('pg_class', `'${table}'::regclass`, '0', name, keep)
const columnName = (table: string, column: string, name: string, keep = false) =>
  shown(
    'pg_class',
    `'${table}'::regclass`,
    `(select attnum from pg_attribute where attrelid = '${table}'::regclass and attname = '${column}')`,
    name,
    keep,
  )

describe('CREATE TABLE: column types, identities, %DESCRIPTION, schemas and vectors', () => {
  it('maps every IRIS type and records it in iris_sim.column_info', () => {
    const plan = run(
      'CREATE TABLE t (a INTEGER, b BIGINT, c SMALLINT, d TINYINT, e NUMERIC(10,2), f DECIMAL(5), g DOUBLE, h FLOAT, i VARCHAR(50), j CHAR(3), k VARCHAR, l LONGVARCHAR, m BIT, n DATE, o TIME, p TIMESTAMP, q POSIXTIME, r VARBINARY(16), s LONGVARBINARY, u UNIQUEIDENTIFIER)',
    )
    expect(plan.sql).toBe(
      `CREATE TABLE t (a integer, b bigint, c smallint, d iris_sim.tinyint, e numeric(10,2), f numeric(5,0), g double precision, h double precision, i iris_sim.string(50) COLLATE iris_sim.sqlupper, j iris_sim.string(3) COLLATE iris_sim.sqlupper, k iris_sim.string(1) COLLATE iris_sim.sqlupper, l text, m iris_sim.bit, n date, o time(0), p timestamp, q timestamp, r bytea, s bytea, u uuid${HIDDEN})`,
    )
    expect(plan).toMatchObject({
      kind: 'ddl',
      changesSchema: true,
      before: [],
      readsLastIdentity: false,
    })
    const t = '"SQLUser"."t"'
    expect(plan.after).toEqual([
      info(t, 'a', "'INTEGER', 'integer', null, 10, 0, null, null"),
      info(t, 'b', "'BIGINT', 'bigint', null, 19, 0, null, null"),
      info(t, 'c', "'SMALLINT', 'smallint', null, 5, 0, null, null"),
      info(t, 'd', "'TINYINT', 'tinyint', null, 3, 0, null, null"),
      info(t, 'e', "'NUMERIC(10,2)', 'numeric', null, 10, 2, null, null"),
      info(t, 'f', "'DECIMAL(5,0)', 'numeric', null, 5, 0, null, null"),
      info(t, 'g', "'DOUBLE', 'double', null, 15, null, null, null"),
      info(t, 'h', "'FLOAT', 'double', null, 15, null, null, null"),
      info(t, 'i', "'VARCHAR(50)', 'varchar', 50, null, null, null, null"),
      info(t, 'j', "'CHAR(3)', 'varchar', 3, null, null, null, null"),
      info(t, 'k', "'VARCHAR(1)', 'varchar', 1, null, null, null, null"),
      info(t, 'l', "'LONGVARCHAR', 'longvarchar', null, null, null, null, null"),
      info(t, 'm', "'BIT', 'bit', null, 1, 0, null, null"),
      info(t, 'n', "'DATE', 'date', null, null, null, null, null"),
      info(t, 'o', "'TIME', 'time', null, null, null, null, null"),
      info(t, 'p', "'TIMESTAMP', 'timestamp', null, null, null, null, null"),
      info(t, 'q', "'POSIXTIME', 'posixtime', null, null, null, null, null"),
      info(t, 'r', "'VARBINARY(16)', 'varbinary', 16, null, null, null, null"),
      info(t, 's', "'LONGVARBINARY', 'longvarbinary', null, null, null, null, null"),
      info(t, 'u', "'UNIQUEIDENTIFIER', 'uniqueidentifier', null, null, null, null, null"),
      defineRowId(t),
      tableName(t, 't'),
      ...'abcdefghijklmnopqrsu'.split('').map((column) => columnName(t, column, column)),
    ])
  })

  it('bounds NUMERIC, DECIMAL and DEC without a precision to 15 digits of scale 0, as IRIS maps them (docs/iris-sql.md#column-types)', () => {
    const plan = run('CREATE TABLE n (a NUMERIC, b DECIMAL, c DEC, d NUMERIC(7))')
    expect(plan.sql).toBe(
      `CREATE TABLE n (a numeric(15,0), b numeric(15,0), c numeric(15,0), d numeric(7,0)${HIDDEN})`,
    )
    const n = '"SQLUser"."n"'
    expect(plan.after.slice(0, 4)).toEqual([
      info(n, 'a', "'NUMERIC(15,0)', 'numeric', null, 15, 0, null, null"),
      info(n, 'b', "'DECIMAL(15,0)', 'numeric', null, 15, 0, null, null"),
      info(n, 'c', "'DECIMAL(15,0)', 'numeric', null, 15, 0, null, null"),
      info(n, 'd', "'NUMERIC(7,0)', 'numeric', null, 7, 0, null, null"),
    ])
  })

  it('VECTOR columns: FLOAT as pgvector, others as arrays with a length check; DATA_TYPE varchar', () => {
    const plan = run(
      'CREATE TABLE v (a VECTOR(FLOAT, 3), b VECTOR(double, 4), c VECTOR(DECIMAL, 2), d VECTOR(INTEGER, 5), e VECTOR(FLOAT), f VECTOR)',
    )
    expect(plan.sql).toBe(
      `CREATE TABLE v (a vector(3), b float8[] CONSTRAINT "iris_sim_vector_length_b" CHECK (cardinality(b) = 4), c numeric[] CONSTRAINT "iris_sim_vector_length_c" CHECK (cardinality(c) = 2), d int8[] CONSTRAINT "iris_sim_vector_length_d" CHECK (cardinality(d) = 5), e vector, f vector${HIDDEN})`,
    )
    expect(plan.after[0]).toContain("'VECTOR(FLOAT,3)', 'varchar', null, null, null, 'FLOAT', 3")
    expect(plan.after[1]).toContain("'VECTOR(DOUBLE,4)', 'varchar', null, null, null, 'DOUBLE', 4")
    expect(plan.after[4]).toContain("'VECTOR(FLOAT)', 'varchar', null, null, null, 'FLOAT', null")
  })

  it('refuses STRING and TIMESTAMP vectors and unknown types', () => {
    expectRejected('CREATE TABLE v (a VECTOR(STRING, 3))', -1)
    expectRejected('CREATE TABLE v (a VECTOR(TIMESTAMP, 3))', -1)
    expectRejected('CREATE TABLE v (a JSONB)', -1)
    expectRejected('CREATE TABLE v (a INTEGER(5))', -1)
    expectRejected('CREATE TABLE v (a TIMESTAMP(3))', -1)
    expectRejected('CREATE TABLE v (a VARCHAR2)', -1)
    expectRejected('CREATE TABLE v (a MONEY)', -1)
    expectRejected('CREATE TABLE v (a NUMBER)', -1)
    expectRejected('CREATE TABLE v (a TIME(7))', -1)
  })

  it("takes every name of IRIS's DDL type mapping as the type IRIS maps it to (docs/iris-sql.md#column-types)", () => {
    const columns: [string, string][] = [
      ['CHAR VARYING(5)', 'iris_sim.string(5) COLLATE iris_sim.sqlupper'],
      ['CHARACTER VARYING(6)', 'iris_sim.string(6) COLLATE iris_sim.sqlupper'],
      ['NATIONAL CHARACTER VARYING(7)', 'iris_sim.string(7) COLLATE iris_sim.sqlupper'],
      ['NATIONAL CHAR(2)', 'iris_sim.string(2) COLLATE iris_sim.sqlupper'],
      ['NCHAR', 'iris_sim.string(1) COLLATE iris_sim.sqlupper'],
      ['NVARCHAR(8,2)', 'iris_sim.string(8) COLLATE iris_sim.sqlupper'],
      ['VARCHAR2(9)', 'iris_sim.string(9) COLLATE iris_sim.sqlupper'],
      ['SYSNAME', 'iris_sim.string(128) COLLATE iris_sim.sqlupper'],
      ['BINARY VARYING(4)', 'bytea'],
      ['BINARY', 'bytea'],
      ['RAW(3)', 'bytea'],
      ['LONG VARCHAR', 'text'],
      ['TEXT', 'text'],
      ['CLOB', 'text'],
      ['LONG BINARY', 'bytea'],
      ['BLOB', 'bytea'],
      ['DOUBLE PRECISION', 'double precision'],
      ['REAL', 'double precision'],
      ['FLOAT(20)', 'double precision'],
      ['DEC(6,2)', 'numeric(6,2)'],
      ['NUMBER(7,3)', 'numeric(7,3)'],
      ['INT(11)', 'integer'],
      ['BIGINT(20)', 'bigint'],
      ['DATETIME', 'timestamp'],
      ['DATETIME2', 'timestamp'],
      ['TIMESTAMP2', 'timestamp'],
      ['TIME(3)', 'time(3)'],
      ['NVARCHAR(MAX)', 'text'],
    ]
    const plan = run(`CREATE TABLE t (${columns.map(([type], i) => `c${i} ${type}`).join(', ')})`)
    expect(plan.sql).toBe(
      `CREATE TABLE t (${columns.map(([, pgType], i) => `c${i} ${pgType}`).join(', ')}${HIDDEN})`,
    )
    const t = '"SQLUser"."t"'
    expect(plan.after).toContain(
      info(t, 'c0', "'VARCHAR(5)', 'varchar', 5, null, null, null, null"),
    )
    expect(plan.after).toContain(
      info(t, 'c9', "'VARBINARY(1)', 'varbinary', 1, null, null, null, null"),
    )
    expect(plan.after).toContain(
      info(t, 'c13', "'LONGVARCHAR', 'longvarchar', null, null, null, null, null"),
    )
    expect(plan.after).toContain(info(t, 'c16', "'DOUBLE', 'double', null, 15, null, null, null"))
    expect(plan.after).toContain(
      info(t, 'c24', "'TIMESTAMP', 'timestamp', null, null, null, null, null"),
    )
  })

  it('IDENTITY, AUTO_INCREMENT and SERIAL (docs/iris-sql.md#identity-columns), constraints and defaults pass through', () => {
    expect(
      run(
        "CREATE TABLE t (id INTEGER IDENTITY PRIMARY KEY, n BIGINT AUTO_INCREMENT, s SERIAL, name VARCHAR(10) NOT NULL DEFAULT 'x' UNIQUE)",
      ).sql,
    ).toBe(
      "CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n bigint GENERATED ALWAYS AS IDENTITY, s bigint GENERATED ALWAYS AS IDENTITY, name iris_sim.string(10) COLLATE iris_sim.sqlupper NOT NULL DEFAULT 'x' UNIQUE)",
    )
  })

  it('runs the %Library data type classes of the DDL mappings as their type names (docs/iris-sql.md#column-types)', () => {
    expect(
      run(
        'CREATE TABLE t (a %String(MAXLEN=30) NOT NULL, b %Library.Date, c %TimeStamp, d %Boolean, e %Library.Binary(maxlen = 4), f %BigInt)',
      ).sql,
    ).toBe(
      `CREATE TABLE t (a iris_sim.string(30) COLLATE iris_sim.sqlupper NOT NULL, b date, c timestamp, d iris_sim.bit, e bytea, f bigint${HIDDEN})`,
    )
    expect(run('ALTER TABLE t ALTER COLUMN a %String(MAXLEN=40)').sql).toBe(
      'ALTER TABLE t ALTER COLUMN a TYPE iris_sim.string(40) COLLATE iris_sim.sqlupper',
    )
    for (const sql of [
      'CREATE TABLE t (a %String)', // the class's default MAXLEN is not modelled
      'CREATE TABLE t (a %String(MAXLEN=30, TRUNCATE=1))',
      'CREATE TABLE t (a %Integer)', // no MAXVAL / MINVAL: not INTEGER's range
      'CREATE TABLE t (a %string(MAXLEN=3))', // class names are case-sensitive
      'CREATE TABLE t (a %Stream.GlobalCharacter)',
    ]) {
      const error = expectRejected(sql, -1)
      expect([sql, /is an IRIS data type class/.test(error.fields.message)]).toEqual([sql, true])
    }
    // iris-pgwire lower-cases the class name in a CREATE TABLE (docs/iris-sql.md#identifiers).
    expectRejected('CREATE TABLE t (a %String(MAXLEN=3))', -1, { profile: 'pgwire-1.0-dbapi' })
  })

  it('refuses a literal DEFAULT of a date or time column (docs/iris-sql.md#column-defaults)', () => {
    for (const sql of [
      "CREATE TABLE t (d DATE DEFAULT '2024-01-31')",
      'CREATE TABLE t (d DATE DEFAULT -1)',
      "CREATE TABLE t (c TIME(2) DEFAULT '12:30:00')",
      "CREATE TABLE t (o TIMESTAMP DEFAULT ('2024-01-31 10:00:00.5'))",
      "ALTER TABLE t ADD COLUMN p POSIXTIME DEFAULT '2024-01-31 10:00:00'",
    ]) {
      const error = expectRejected(sql, -1)
      expect([sql, /IRIS stores a default as written/.test(error.fields.message)]).toEqual([
        sql,
        true,
      ])
    }
    // Behind iris-pgwire the date becomes a TO_DATE call, a DATE default IRIS documents (and names
    // are upper-cased, docs/iris-sql.md#text-rewrites).
    expect(
      run("CREATE TABLE t (d DATE DEFAULT '2024-01-31')", { profile: 'pgwire-1.0-dbapi' }).sql,
    ).toBe(`CREATE TABLE T (D date DEFAULT TO_DATE ('2024-01-31', 'YYYY-MM-DD')${HIDDEN})`)
  })

  it('only IDENTITY makes the RowID, which %ID reads; without one the table gets a hidden RowID (docs/iris-sql.md#rowid)', () => {
    const t = '"SQLUser"."t"'
    const plan = run('CREATE TABLE t (n BIGINT AUTO_INCREMENT, s SERIAL, id IDENTITY)')
    expect(plan.after.slice(0, 4)).toEqual([
      info(t, 'n', "'BIGINT', 'bigint', null, 19, 0, null, null"),
      info(t, 's', "'BIGINT', 'bigint', null, 19, 0, null, null"),
      info(t, 'id', "'BIGINT', 'bigint', null, 19, 0, null, null", true),
      defineRowId(t),
    ])
    expect(plan.sql).not.toContain(HIDDEN)
    // docs/iris-sql.md#foreign-keys: the IDENTITY column, an IDKEY, is unique; the counters are not.
    expect(plan.sql).toBe(
      'CREATE TABLE t (n bigint GENERATED ALWAYS AS IDENTITY, s bigint GENERATED ALWAYS AS IDENTITY, id bigint GENERATED ALWAYS AS IDENTITY UNIQUE)',
    )
    expect(run('CREATE TABLE t (id INTEGER IDENTITY UNIQUE NOT NULL)').sql).toBe(
      'CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY UNIQUE NOT NULL)',
    )
    const serial = run('CREATE TABLE t (s SERIAL)')
    expect(serial.sql).toBe(`CREATE TABLE t (s bigint GENERATED ALWAYS AS IDENTITY${HIDDEN})`)
    expect(serial.after).toContain(defineRowId(t))
  })

  it('explicit identity values need WITH %CLASSPARAMETER ALLOWIDENTITYINSERT = 1 (docs/iris-sql.md#identity-columns)', () => {
    expect(
      run(
        'CREATE TABLE t (id integer identity primary key) WITH %CLASSPARAMETER ALLOWIDENTITYINSERT = 1',
      ).sql,
    ).toBe('CREATE TABLE t (id integer GENERATED BY DEFAULT AS IDENTITY primary key)')
    expect(
      run(
        "CREATE TABLE t (id IDENTITY) %DESCRIPTION 'x' WITH %CLASSPARAMETER ALLOWIDENTITYINSERT = 0",
      ).sql,
    ).toBe('CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY UNIQUE)')
    expectRejected('CREATE TABLE t (id INTEGER) WITH OIDS', -25)
  })

  it('table constraints and foreign keys', () => {
    expect(
      run(
        'CREATE TABLE c (id INTEGER, p INTEGER, CONSTRAINT pk PRIMARY KEY (id), FOREIGN KEY (p) REFERENCES par (id) ON DELETE CASCADE, UNIQUE (p))',
      ).sql,
    ).toBe(
      `CREATE TABLE c (id integer, p integer, CONSTRAINT pk PRIMARY KEY (id), FOREIGN KEY (p) REFERENCES par (id) ON DELETE CASCADE, UNIQUE (p)${HIDDEN})`,
    )
  })

  it('%DESCRIPTION on columns and the table becomes COMMENT ON (docs/iris-sql.md#create-and-drop)', () => {
    const plan = run(
      "CREATE TABLE \"People\" (name VARCHAR(20) %DESCRIPTION 'the person''s name') %DESCRIPTION 'people'",
    )
    expect(plan.sql).toBe(
      `CREATE TABLE "people" (name iris_sim.string(20) COLLATE iris_sim.sqlupper${HIDDEN})`,
    )
    expect(plan.after.slice(1)).toEqual([
      defineRowId('"SQLUser"."people"'),
      `comment on column "SQLUser"."people"."name" is 'the person''s name'`,
      `comment on table "SQLUser"."people" is 'people'`,
      tableName('"SQLUser"."people"', 'People'),
      columnName('"SQLUser"."people"', 'name', 'name'),
    ])
  })

  it('IF NOT EXISTS keeps existing bookkeeping; a new schema is created first', () => {
    const plan = run(
      'CREATE TABLE IF NOT EXISTS app.t (a INTEGER) WITH %CLASSPARAMETER ALLOWIDENTITYINSERT = 1',
    )
    expect(plan.sql).toBe(`CREATE TABLE IF NOT EXISTS app.t (a integer${HIDDEN})`)
    expect(plan.before).toEqual([
      'create schema if not exists "app"',
      shown(
        'pg_namespace',
        `(select oid from pg_namespace where nspname = 'app')`,
        '0',
        'app',
        true,
      ),
    ])
    expect(plan.after[0]).toMatch(
      /values \('"app"\."t"'::regclass, 'a', .*\) on conflict \(table_oid, column_name\) do nothing$/,
    )
    expect(plan.after.slice(1)).toEqual([
      defineRowId('"app"."t"'),
      tableName('"app"."t"', 't', true),
      columnName('"app"."t"', 'a', 'a', true),
    ])
    expect(run('CREATE TABLE public.t (a INTEGER)').before).toEqual([])
  })

  it('COLLATE %EXACT keeps a column case-sensitive and its trailing blanks significant: plain varchar', () => {
    expect(run('CREATE TABLE t (code VARCHAR(5) COLLATE %EXACT)').sql).toBe(
      `CREATE TABLE t (code varchar(5) COLLATE iris_sim.exact${HIDDEN})`,
    )
  })

  it('COLLATE %SQLSTRING is case-sensitive, COLLATE %SQLUPPER is not; both ignore trailing blanks (docs/iris-sql.md#collation)', () => {
    expect(run('CREATE TABLE t (code VARCHAR(5) COLLATE %SQLSTRING)').sql).toBe(
      `CREATE TABLE t (code iris_sim.string(5) COLLATE iris_sim.exact${HIDDEN})`,
    )
    expect(run('CREATE TABLE t (code VARCHAR(5) COLLATE %SQLUPPER)').sql).toBe(
      `CREATE TABLE t (code iris_sim.string(5) COLLATE iris_sim.sqlupper${HIDDEN})`,
    )
  })
})

describe('DROP and ALTER TABLE (docs/iris-sql.md#create-and-drop, docs/iris-sql.md#alter-table)', () => {
  it('DROP TABLE [IF EXISTS] refuses a table a foreign key references, then forgets the bookkeeping', () => {
    const plan = run('DROP TABLE IF EXISTS s.t')
    expect(plan.sql).toBe('DROP TABLE IF EXISTS s.t')
    expect(plan.before).toEqual([
      `call iris_sim.refuse_drop_of_referenced_table(to_regclass('"s"."t"'))`,
      `call iris_sim.drop_row_id(to_regclass('"s"."t"'))`,
      `delete from iris_sim.column_info where table_oid = to_regclass('"s"."t"')`,
      `delete from iris_sim.hnsw_index where table_oid = to_regclass('"s"."t"')`,
    ])
    expect(plan.changesSchema).toBe(true)
  })

  it('DROP TABLE takes %DELDATA, what it does anyway, and refuses %NODELDATA (docs/iris-sql.md#create-and-drop)', () => {
    expect(run('DROP TABLE t CASCADE %DELDATA').sql).toBe('DROP TABLE t CASCADE')
    expectRejected('DROP TABLE t %NODELDATA', -1)
  })

  it('ADD [COLUMN]', () => {
    const plan = run("ALTER TABLE t ADD COLUMN c VARCHAR(5) %DESCRIPTION 'c'")
    expect(plan.sql).toBe('ALTER TABLE t ADD COLUMN c iris_sim.string(5) COLLATE iris_sim.sqlupper')
    expect(plan.after).toEqual([
      info('"SQLUser"."t"', 'c', "'VARCHAR(5)', 'varchar', 5, null, null, null, null"),
      columnName('"SQLUser"."t"', 'c', 'c'),
      `comment on column "SQLUser"."t"."c" is 'c'`,
      defineRowId('"SQLUser"."t"'),
    ])
    expect(run('ALTER TABLE t ADD d INTEGER').sql).toBe('ALTER TABLE t ADD COLUMN d integer')
    const constraint = run('ALTER TABLE t ADD CONSTRAINT Uq UNIQUE (d)')
    expect(constraint.sql).toBe('ALTER TABLE t ADD CONSTRAINT Uq UNIQUE (d)')
    expect(constraint.after).toEqual([
      shown(
        'pg_constraint',
        `(select oid from pg_constraint where conrelid = '"SQLUser"."t"'::regclass and conname = 'uq')`,
        '0',
        'Uq',
      ),
      defineRowId('"SQLUser"."t"'),
    ])
  })

  it('ALTER COLUMN c type', () => {
    const plan = run('ALTER TABLE t ALTER COLUMN c VARCHAR(30)')
    expect(plan.sql).toBe(
      'ALTER TABLE t ALTER COLUMN c TYPE iris_sim.string(30) COLLATE iris_sim.sqlupper',
    )
    expect(plan.after).toEqual([
      info('"SQLUser"."t"', 'c', "'VARCHAR(30)', 'varchar', 30, null, null, null, null"),
      defineRowId('"SQLUser"."t"'),
    ])
  })

  it('ALTER COLUMN c type takes nothing after the type: no USING, which it would drop', () => {
    expectRejected('ALTER TABLE t ALTER COLUMN c INTEGER USING 1', -1)
  })

  it('ALTER COLUMN c RENAME n', () => {
    const plan = run('ALTER TABLE t ALTER COLUMN c RENAME "N"')
    expect(plan.sql).toBe('ALTER TABLE t RENAME COLUMN c TO "n"')
    expect(plan.after.slice(0, 2)).toEqual([
      columnName('"SQLUser"."t"', 'n', 'N'),
      `update iris_sim.column_info set column_name = 'n' where table_oid = '"SQLUser"."t"'::regclass and column_name = 'c'`,
    ])
  })

  it("IRIS's RENAME name (no TO) renames the table and records the new name as written", () => {
    const plan = run('ALTER TABLE t RENAME NewT')
    expect(plan.sql).toBe('ALTER TABLE t RENAME TO NewT')
    expect(plan.after).toEqual([
      tableName('"SQLUser"."newt"', 'NewT'),
      defineRowId('"SQLUser"."t"'),
    ])
    for (const postgresOnly of [
      'ALTER TABLE t RENAME TO NewT',
      'ALTER TABLE t RENAME COLUMN c TO "Cc"',
      'ALTER TABLE t RENAME CONSTRAINT a TO b',
    ])
      expectRejected(postgresOnly, -1)
  })

  it('several columns in one ADD or DROP repeat only the COLUMN word; a second action is refused', () => {
    expect(run('ALTER TABLE t ADD COLUMN a INTEGER, COLUMN b INTEGER').sql).toBe(
      'ALTER TABLE t ADD COLUMN a integer, ADD COLUMN b integer',
    )
    expect(run('ALTER TABLE t DROP COLUMN a, COLUMN b').sql).toBe(
      'ALTER TABLE t DROP COLUMN a, DROP COLUMN b',
    )
    for (const postgresOnly of [
      'ALTER TABLE t ADD COLUMN a INTEGER, ADD COLUMN b INTEGER',
      'ALTER TABLE t DROP COLUMN a, DROP COLUMN b',
      'ALTER TABLE t ADD COLUMN a INTEGER, DROP COLUMN b',
    ])
      expectRejected(postgresOnly, -1)
  })

  it('DROP COLUMN and DROP FOREIGN KEY', () => {
    const plan = run('ALTER TABLE t DROP COLUMN c')
    expect(plan.sql).toBe('ALTER TABLE t DROP COLUMN c')
    expect(plan.before[0]).toBe(
      `delete from iris_sim.column_info where table_oid = '"SQLUser"."t"'::regclass and column_name = 'c'`,
    )
    expect(run('ALTER TABLE t DROP FOREIGN KEY fk_p').sql).toBe(
      'ALTER TABLE t DROP CONSTRAINT fk_p',
    )
  })
})

describe('indexes (docs/iris-sql.md#create-and-drop, docs/iris-sql.md#hnsw-indexes)', () => {
  it('plain indexes pass through, their names recorded as written', () => {
    const unique = run('CREATE UNIQUE INDEX Ix ON s.t (a, b)')
    expect(unique.sql).toBe('CREATE UNIQUE INDEX Ix ON s.t (a, b)')
    expect(unique.after).toEqual([tableName('"s"."ix"', 'Ix')])
    const plain = run('CREATE INDEX "Ix" ON t (a)')
    expect(plain.sql).toBe('CREATE INDEX "ix" ON t (a)')
    expect(plain.after).toEqual([tableName('"SQLUser"."ix"', 'Ix')])
  })

  it('HNSW indexes are checked and recorded, not built', () => {
    const plan = run(
      "CREATE INDEX hv ON s.t (emb) AS HNSW(Distance='DotProduct', M=32, efConstruct=100)",
    )
    expect(plan).toMatchObject({ kind: 'ddl', changesSchema: true, commandTag: 'CREATE INDEX' })
    expect(plan.sql).toBe(`call iris_sim.check_hnsw_column('"s"."t"'::regclass, 'emb')`)
    expect(plan.after).toEqual([
      `insert into iris_sim.hnsw_index (table_oid, index_name, display_name, column_name, distance, m, ef_construct) values ('"s"."t"'::regclass, 'hv', 'hv', 'emb', 'DotProduct', 32, 100)`,
    ])
    expect(run("CREATE INDEX hv ON t (emb) AS HNSW(distance='cosine')").after[0]).toContain(
      "'Cosine', null, null)",
    )
  })

  it('refuses bad HNSW definitions', () => {
    expectRejected("CREATE INDEX h ON t (a) AS HNSW(Distance='L2')", -1)
    expectRejected("CREATE INDEX h ON t (a, b) AS HNSW(Distance='Cosine')", -1)
    expectRejected("CREATE INDEX h ON t (a) AS HNSW(Distance='Cosine', Foo=1)", -1)
    expectRejected('CREATE INDEX h ON t (a) AS BTREE(x=1)', -1)
  })

  it('DROP INDEX drops a recorded HNSW index or a real one', () => {
    expect(run('DROP INDEX hv ON s.t')).toMatchObject({
      sql: `call iris_sim.drop_index('s', 'hv', '"s"."t"', false)`,
      commandTag: 'DROP INDEX',
    })
    expect(run('DROP INDEX IF EXISTS hv').sql).toBe(
      `call iris_sim.drop_index('SQLUser', 'hv', null, true)`,
    )
    expect(run('DROP INDEX t.hv').sql).toBe(
      `call iris_sim.drop_index('SQLUser', 'hv', '"SQLUser"."t"', false)`,
    )
  })
})

describe('names as created (docs/iris-sql.md#identifiers)', () => {
  it('stores every name lower-cased and records the table, column and constraint names as written', () => {
    const plan = run(
      'CREATE TABLE "MySchema".MyTable ("MyCol" INT, CONSTRAINT "MyPk" PRIMARY KEY ("MyCol"))',
    )
    expect(plan.sql).toBe(
      `CREATE TABLE "myschema".MyTable ("mycol" integer, CONSTRAINT "mypk" PRIMARY KEY ("mycol")${HIDDEN})`,
    )
    const t = '"myschema"."mytable"'
    expect(plan.before).toEqual([
      'create schema if not exists "myschema"',
      shown(
        'pg_namespace',
        `(select oid from pg_namespace where nspname = 'myschema')`,
        '0',
        'MySchema',
        true,
      ),
    ])
    expect(plan.after.slice(1)).toEqual([
      defineRowId(t),
      tableName(t, 'MyTable'),
      columnName(t, 'mycol', 'MyCol'),
      shown(
        'pg_constraint',
        `(select oid from pg_constraint where conrelid = '${t}'::regclass and conname = 'mypk')`,
        '0',
        'MyPk',
      ),
    ])
  })

  it('quotes lower-cased a name with letters PostgreSQL does not fold', () => {
    expect(run('CREATE TABLE Übung (Größe INT)').sql).toBe(
      `CREATE TABLE "übung" ("größe" integer${HIDDEN})`,
    )
  })

  it('records a view and its column names from a column list or the aliases', () => {
    const listed = run('CREATE VIEW MyView (ColA, "ColB") AS SELECT a, b FROM t')
    expect(listed.sql).toBe('CREATE VIEW MyView (ColA, "colb") AS SELECT a, b FROM t')
    const v = '"SQLUser"."myview"'
    const at = (position: number, name: string) =>
      shown('pg_class', `'${v}'::regclass`, String(position), name)
    expect(listed.after).toEqual([tableName(v, 'MyView'), at(1, 'ColA'), at(2, 'ColB')])
    expect(run('CREATE VIEW MyView AS SELECT a AS "First", b, c AS Third FROM t').after).toEqual([
      tableName(v, 'MyView'),
      at(1, 'First'),
      at(3, 'Third'),
    ])
  })

  it('records a schema name as written', () => {
    const lib = shown(
      'pg_namespace',
      `(select oid from pg_namespace where nspname = 'lib')`,
      '0',
      'Lib',
      true,
    )
    expect(run('CREATE SCHEMA "Lib"')).toMatchObject({ sql: 'CREATE SCHEMA "lib"', after: [lib] })
    expect(run('CREATE SCHEMA IF NOT EXISTS "Lib"').after).toEqual([lib])
  })
})

describe('SET OPTION (docs/iris-sql.md#set-option)', () => {
  it('takes COMPILEMODE = IMMEDIATE, the default, as nothing to do, and refuses the rest', () => {
    expect(plans('set option compilemode=immediate')).toMatchObject([{ type: 'noop' }])
    for (const sql of [
      'SET OPTION COMPILEMODE = DEFERRED',
      'SET OPTION COMPILEMODE = INSTALL',
      'SET OPTION COMPILEMODE = NOCHECK',
      'SET OPTION COMPILEMODE = FAST',
      'SET OPTION COMPILEMODE = IMMEDIATE, x',
      'SET OPTION PKEY_IS_IDKEY = 1',
    ]) {
      expectRejected(sql, -1)
    }
  })
})
