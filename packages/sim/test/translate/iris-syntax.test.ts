/** Hand-written IRIS syntax in its PostgreSQL translation: %STARTSWITH (docs/iris-sql.md#startswith). */
import { describe, expect, it } from 'vitest'
import { translate } from '../../src/translate/index.js'
import type { TableRef } from '../../src/translate/plan.js'
import { expectRejected, iris, run, sqlOf } from './helpers.js'

describe('%STARTSWITH (docs/iris-sql.md#startswith)', () => {
  it('becomes a LIKE of the escaped prefix, the prefix operand found by precedence', () => {
    expect(sqlOf("SELECT a FROM t WHERE a %STARTSWITH 'x' || ? AND b LIKE ?")).toBe(
      "SELECT a FROM t WHERE a LIKE iris_sim.startswith_pattern('x' || $1) ESCAPE '\\' AND b LIKE $2 ESCAPE ''",
    )
    expect(sqlOf('SELECT a FROM t WHERE NOT %EXACT(a) %STARTSWITH (?)')).toBe(
      "SELECT a FROM t WHERE NOT (iris_sim.exact(a) COLLATE iris_sim.exact) LIKE iris_sim.startswith_pattern(($1)) ESCAPE '\\'",
    )
  })

  it('leaves %STARTSWITH in a literal alone', () => {
    expect(sqlOf("SELECT '%STARTSWITH' AS a")).toBe("SELECT '%STARTSWITH' AS a")
  })

  it('refuses x NOT %STARTSWITH and a missing prefix', () => {
    expectRejected("SELECT a FROM t WHERE a NOT %STARTSWITH 'x'", -1)
    expectRejected('SELECT a FROM t WHERE a %STARTSWITH', -12)
  })
})

describe('DATEADD, DATEDIFF, DATEPART (docs/iris-sql.md#date-parts)', () => {
  it('call the runtime with the datepart named in full, quoted or not, in any case', () => {
    expect(
      sqlOf('SELECT DATEADD(dd, 1, d), DATEDIFF(\'MI\', ?, d), DATEPART("Yyyy", d) FROM t'),
    ).toBe(
      "SELECT iris_sim.dateadd('day', 1, d), iris_sim.datediff('minute', $1, d), iris_sim.datepart('year', d) FROM t",
    )
  })

  it('leave a parameter datepart to the runtime', () => {
    expect(sqlOf('SELECT DATEPART(?, d) FROM t')).toBe('SELECT iris_sim.datepart($1, d) FROM t')
  })

  it('refuse an unknown datepart with -8, and one the simulator does not compute with -359', () => {
    expectRejected('SELECT DATEADD(fortnight, 1, d) FROM t', -8)
    expectRejected('SELECT DATEADD(sts, 1, d) FROM t', -8)
    const error = expectRejected('SELECT DATEDIFF(wk, d, e) FROM t', -359)
    expect(error.fields.message).toContain(
      'DATEDIFF with datepart week is IRIS SQL, but the simulator',
    )
    expectRejected('SELECT DATEADD(q, 1, d) FROM t', -359)
    expectRejected('SELECT DATEPART(ns, d) FROM t', -359)
    expectRejected("SELECT DATEPART('d' || 'd', d) FROM t", -359)
    expectRejected('SELECT DATEPART(d) FROM t', -359)
  })
})

describe('ODBC escapes (docs/iris-sql.md#odbc-escapes)', () => {
  it('unwrap {fn ...} into the call, inner escapes first, then run it as any call', () => {
    expect(
      sqlOf('SELECT {fn UCASE({fn LCASE(a)})}, {FN now()} FROM t WHERE {fn LENGTH(a)} > ?'),
    ).toBe(
      'SELECT iris_sim.upper(iris_sim.lower(a)), iris_sim.getdate() FROM t WHERE iris_sim.length(a) > $1',
    )
  })

  it('take an argumentless call without its parentheses', () => {
    expect(sqlOf('SELECT {fn CURDATE}, {fn CURTIME()}, {fn NOW }')).toBe(
      'SELECT iris_sim.curdate(), iris_sim.curtime(), iris_sim.getdate()',
    )
  })

  it('refuse {fn} of a function ODBC does not list, or that the simulator does not run', () => {
    expectRejected('SELECT {fn GETDATE()} FROM t', -359)
    expectRejected('SELECT {fn TIMESTAMPDIFF(SQL_TSI_DAY, a, b)} FROM t', -359)
  })

  it('turn {d}, {t} and {ts} literals into casts after IRIS checks', () => {
    expect(sqlOf("SELECT {d '2024-02-29'}, {t '23:59:59'}, {ts '2024-01-02 03:04:05.5'}")).toBe(
      "SELECT CAST('2024-02-29' AS date), CAST('23:59:59' AS time(0)), CAST('2024-01-02 03:04:05.5' AS timestamp)",
    )
    expect(sqlOf("SELECT {ts '12/31/2023'}, {d '2024-01-02 10:00:00'}")).toBe(
      "SELECT CAST('2023-12-31' AS timestamp), CAST('2024-01-02' AS date)",
    )
  })

  it('refuse invalid literals with -146 / -147 and forms the simulator does not model with -1', () => {
    expectRejected("SELECT {d '2023-02-29'}", -146)
    expectRejected("SELECT {d '2024-01-02 25:00:00'}", -146)
    expectRejected("SELECT {ts '2024-13-01 00:00:00'}", -146)
    expectRejected("SELECT {t '24:00:00'}", -147)
    expectRejected("SELECT {t '10:00:00.5'}", -1)
    expectRejected('SELECT {d 64000}', -1)
    expectRejected('SELECT {oj t LEFT OUTER JOIN u ON t.a = u.a}', -1)
    expectRejected('SELECT {fn UCASE(a) FROM t', -1)
    expectRejected('SELECT a} FROM t', -1)
  })

  it('refuse a {d} whose literal iris-pgwire rewrote to TO_DATE (docs/iris-sql.md#text-rewrites)', () => {
    expectRejected("SELECT {d '2024-01-02'}", -1, { profile: 'pgwire-1.0-dbapi' })
  })
})

describe('%MATCHES (docs/iris-sql.md#matches)', () => {
  it('becomes an exact regular-expression match of the converted pattern', () => {
    expect(
      sqlOf("SELECT a FROM t WHERE a %MATCHES 'x*' || ? AND b NOT %MATCHES ? ESCAPE '!'"),
    ).toBe(
      "SELECT a FROM t WHERE a ~ (iris_sim.matches_regex('x*' || $1, '\\') COLLATE iris_sim.exact) AND b !~ (iris_sim.matches_regex($2, '!') COLLATE iris_sim.exact)",
    )
  })

  it('refuses a missing pattern, and %PATTERN, which it does not model', () => {
    expectRejected('SELECT a FROM t WHERE a %MATCHES', -12)
    expectRejected("SELECT a FROM t WHERE a %PATTERN '3N'", -1)
  })
})

describe('integer division \\ (docs/iris-sql.md#operators)', () => {
  it('divides by the divisor type, so / gives the precedence; the divisor is one primary', () => {
    expect(sqlOf('SELECT 1 + 7 \\ 2 * 3, a\\-b FROM t')).toBe(
      'SELECT 1 + 7 / iris_sim.int_divisor(2) * 3, a/iris_sim.int_divisor(-b) FROM t',
    )
    expect(
      sqlOf(
        'SELECT 7 \\ s.t.c + 1, 7 \\ ABS(x + (y)) \\ ?, 7 \\ CASE WHEN a THEN CASE WHEN b THEN 1 END END - 1 FROM t',
      ),
    ).toBe(
      'SELECT 7 / iris_sim.int_divisor(s.t.c) + 1, 7 / iris_sim.int_divisor(ABS(x + (y))) / iris_sim.int_divisor($1), 7 / iris_sim.int_divisor(CASE WHEN a THEN CASE WHEN b THEN 1 END END) - 1 FROM t',
    )
    expect(sqlOf("SELECT 7 \\ (8 \\ 2), '\\' FROM t")).toBe(
      "SELECT 7 / iris_sim.int_divisor((8 / iris_sim.int_divisor(2))), '\\' FROM t",
    )
  })

  it('refuses a missing divisor', () => {
    expectRejected('SELECT (7 \\) FROM t', -1)
    expectRejected('SELECT 7 \\', -1)
  })
})

describe('%ID, the RowID (docs/iris-sql.md#rowid)', () => {
  it('calls the %id function of the one table, or of the table named; a bare select item is labelled ID', () => {
    expect(sqlOf('SELECT %ID, a FROM t ORDER BY %id')).toBe(
      'SELECT t."%id" AS ID, a FROM t ORDER BY t."%id" NULLS FIRST',
    )
    expect(sqlOf('SELECT TOP 1 x.%ID + 1 FROM s.t AS x WHERE %ID IN (SELECT %ID FROM u y)')).toBe(
      'SELECT x."%id" + 1 FROM s.t AS x WHERE x."%id" IN (SELECT y."%id" AS ID FROM u y) LIMIT 1',
    )
    expect(sqlOf('UPDATE "T" SET a = 1 WHERE %ID = ?')).toBe(
      'UPDATE "t" SET a = 1 WHERE "t"."%id" = $1',
    )
    expect(sqlOf('DELETE FROM s.t WHERE %ID = 1')).toBe('DELETE FROM s.t WHERE t."%id" = 1')
    expect(sqlOf('DELETE t WHERE %ID = 1')).toBe('DELETE FROM t WHERE t."%id" = 1')
    expect(sqlOf('SELECT \'%ID\' AS a, "%ID" FROM t')).toBe('SELECT \'%ID\' AS a, "%id" FROM t')
  })

  it('refuses an unqualified %ID that names no one table', () => {
    for (const sql of [
      'SELECT %ID FROM t, u',
      'SELECT %ID FROM t JOIN u ON 1 = 1',
      'SELECT %ID FROM (SELECT a FROM t) d',
      'SELECT %ID',
      'INSERT INTO t (a) VALUES (%ID)',
    ]) {
      expect(expectRejected(sql, -1).fields.message).toContain('%ID')
    }
  })

  it('refuses writing the RowID: -111 for an INSERT column, -107 for an UPDATE target', () => {
    for (const sql of [
      'INSERT INTO t (%ID, a) VALUES (1, 2)',
      'INSERT INTO s.t (a, t.%ID) SELECT 1, 2',
    ])
      expect(expectRejected(sql, -111).fields.message).toContain('leave it out')
    for (const sql of ['UPDATE t SET %ID = 3', 'UPDATE t x SET a = 1, x.%ID = ? WHERE %ID = 2'])
      expect(expectRejected(sql, -107).fields.message).toContain('cannot set it')
    expect(sqlOf('UPDATE t SET a = %ID WHERE %ID = 1')).toBe(
      'UPDATE t SET a = t."%id" WHERE t."%id" = 1',
    )
  })

  it('leaves a hidden RowID out of * and t.* and out of an INSERT without a column list', () => {
    const hidden: Record<string, string[]> = { 'SQLUser.t': ['a', 'b'], 's.u': ['x'] }
    const catalog = { starColumns: (t: TableRef) => hidden[`${t.schema}.${t.name}`] }
    const expanded = (sql: string) => sqlOf(sql, { catalog })
    expect(expanded('SELECT * FROM t')).toBe('SELECT t."a", t."b" FROM t')
    expect(expanded('SELECT DISTINCT y.*, 1 FROM t y')).toBe(
      'SELECT DISTINCT y."a", y."b", 1 FROM t y',
    )
    expect(expanded('SELECT TOP 2 * FROM t x JOIN s.u ON x.a = u.x, v')).toBe(
      'SELECT x."a", x."b", s.u."x", v.* FROM t x JOIN s.u ON x.a = u.x, v LIMIT 2',
    )
    expect(expanded('SELECT * FROM (SELECT * FROM s.u) d, v WHERE 1 = 1')).toBe(
      'SELECT * FROM (SELECT s.u."x" FROM s.u) d, v WHERE 1 = 1',
    )
    expect(expanded('SELECT COUNT(*), 2 * 3, v.* FROM v')).toBe(
      'SELECT COUNT(*), 2 * 3, v.* FROM v',
    )
    expect(expanded('INSERT INTO t VALUES (1, 2)')).toBe('INSERT INTO t ("a", "b") VALUES (1, 2)')
    expect(expanded('INSERT INTO t SELECT * FROM t')).toBe(
      'INSERT INTO t ("a", "b") SELECT t."a", t."b" FROM t',
    )
    expect(expanded('INSERT INTO t (b) VALUES (1)')).toBe('INSERT INTO t (b) VALUES (1)')
    expect(expanded('INSERT INTO v VALUES (1)')).toBe('INSERT INTO v VALUES (1)')
    expect(sqlOf('SELECT * FROM t')).toBe('SELECT * FROM t')
    // The engine translates a statement after DDL again, alone.
    const [again, ...rest] = translate(
      'CREATE TABLE w (c INT); INSERT INTO t VALUES (1, 2)',
      { ...iris, catalog },
      1,
    )
    expect([again?.type === 'run' && again.sql, rest]).toEqual([
      'INSERT INTO t ("a", "b") VALUES (1, 2)',
      [],
    ])
    for (const sql of [
      'SELECT * FROM t NATURAL JOIN v',
      'SELECT a FROM v NATURAL LEFT JOIN s.u',
      'SELECT * FROM t JOIN v USING (a)',
      'SELECT * FROM t, (SELECT 1)',
    ])
      expectRejected(sql, -1, { catalog })
  })

  it('refuses %PUBLICROWID: the RowID stays hidden', () => {
    expect(expectRejected('CREATE TABLE t (a INT, %PUBLICROWID)', -1).fields.message).toContain(
      'keeps every RowID hidden',
    )
  })
})

describe('CREATE TABLE ... AS SELECT (docs/iris-sql.md#create-table-as-select)', () => {
  it("runs PostgreSQL's CREATE TABLE AS, then records the names as written and the copied columns", () => {
    const plan = run(
      'CREATE TABLE s.Copy AS SELECT TOP 5 a, t.b AS "Bee", c + 1 AS Cee FROM t JOIN s.u ON t.a = u.a, v WHERE a > 1',
    )
    expect(plan.sql).toBe(
      'CREATE TABLE s.Copy AS SELECT a, t.b AS "bee", c + 1 AS Cee FROM t JOIN s.u ON t.a = u.a, v WHERE a > 1 LIMIT 5',
    )
    expect(plan.before[0]).toBe('create schema if not exists "s"')
    expect(plan.after[1]).toBe(
      `call iris_sim.describe_copied_table('"s"."copy"'::regclass, array[to_regclass('"SQLUser"."t"'), to_regclass('"s"."u"'), to_regclass('"SQLUser"."v"')]::regclass[], array['bee', 'cee']::text[], array['b', null]::text[])`,
    )
    // docs/iris-sql.md#rowid: the copied rows get new hidden RowIDs.
    expect(plan.after.slice(2, 4)).toEqual([
      'alter table "s"."copy" add column "\u0001rowid" bigint GENERATED ALWAYS AS IDENTITY',
      `call iris_sim.define_row_id(to_regclass('"s"."copy"'))`,
    ])
    expect(plan.after).toHaveLength(6)
  })

  it('refuses parameters, unaliased expressions, table options other than row storage, and IF NOT EXISTS', () => {
    expect(run('CREATE TABLE c AS SELECT a FROM t WITH STORAGETYPE = ROW').sql).toBe(
      'CREATE TABLE c AS SELECT a FROM t',
    )
    for (const sql of [
      'CREATE TABLE c AS SELECT a FROM t WHERE a = ?',
      'CREATE TABLE c AS SELECT a + 1 FROM t',
      'CREATE TABLE c AS SELECT a FROM t WITH STORAGETYPE = COLUMN',
      'CREATE TABLE c AS SELECT a FROM t SHARD',
      'CREATE TABLE IF NOT EXISTS c AS SELECT a FROM t',
    ]) {
      expectRejected(sql, -1)
    }
    expectRejected('CREATE TABLE c AS SELECT PG_SLEEP(1) AS a', -359)
  })
})

describe('DELETE and UPDATE with a second FROM (docs/iris-sql.md#delete-and-update-with-a-second-from)', () => {
  const exists = (target: string, from: string) =>
    `DELETE FROM ${target} WHERE EXISTS (SELECT 1 FROM ${from})`

  it('a DELETE target named again unaliased, by its alias, or by the only alias is the row deleted', () => {
    const row = (from: string, instance: string, where: string) =>
      exists(
        't AS "iris deleted row"',
        `${from} WHERE "iris deleted row".ctid = ${instance}.ctid AND (${where})`,
      )
    expect(sqlOf('DELETE FROM t FROM t, u WHERE t.a = u.a')).toBe(row('t, u', 't', 't.a = u.a'))
    expect(sqlOf('DELETE t AS x FROM t AS x JOIN u ON x.a = u.a WHERE u.b = ?')).toBe(
      row('t AS x JOIN u ON x.a = u.a', 'x', 'u.b = $1'),
    )
    expect(sqlOf('DELETE FROM t FROM t x, u WHERE x.a = u.a')).toBe(row('t x, u', 'x', 'x.a = u.a'))
    expect(sqlOf('DELETE FROM t FROM t AS x, t, u WHERE x.a = t.b')).toBe(
      row('t AS x, t, u', 't', 'x.a = t.b'),
    )
  })

  it('a DELETE target with another alias, or beside several aliases, is a second instance', () => {
    expect(sqlOf('DELETE FROM t AS x FROM t AS y, u WHERE x.a = y.b')).toBe(
      exists('t AS x', 't AS y, u WHERE (x.a = y.b)'),
    )
    expect(sqlOf('DELETE FROM t x FROM t')).toBe(exists('t AS x', 't'))
    expect(sqlOf('DELETE FROM t "my t" FROM t')).toBe(exists('t AS "my t"', 't'))
    expect(sqlOf('DELETE FROM t FROM t AS x, t AS y WHERE t.a = x.a')).toBe(
      exists('t', 't AS x, t AS y WHERE (t.a = x.a)'),
    )
    expect(sqlOf('DELETE FROM s.t FROM t, (SELECT a FROM s.t) AS d WHERE s.t.a = d.a')).toBe(
      exists('s.t', 't, (SELECT a FROM s.t) AS d WHERE (s.t.a = d.a)'),
    )
  })

  it('drops optimize options in the second FROM (docs/iris-sql.md#optimize-options)', () => {
    expect(sqlOf('DELETE FROM t FROM %ALLINDEX %FIRSTTABLE u u WHERE t.a = u.a')).toBe(
      exists('t', 'u WHERE (t.a = u.a)'),
    )
    expectRejected('DELETE FROM t FROM %NOLOCK t, u', -1)
    expectRejected('DELETE FROM %ALLINDEX t FROM u', -1)
    expectRejected('UPDATE t SET a = 1 FROM %ALLINDEX u', -1)
  })

  it('refuses what the simulator does not model in the second FROM, and keeps refusing USING', () => {
    expectRejected('DELETE FROM t FROM (t JOIN u ON t.a = u.a)', -1)
    expectRejected('DELETE FROM t USING u WHERE t.a = u.a', -1)
  })

  it('runs UPDATE ... FROM other tables, and refuses one that names the updated table again', () => {
    expect(sqlOf('UPDATE t SET a = (SELECT 1 FROM t) FROM u WHERE t.a = u.a')).toBe(
      'UPDATE t SET a = (SELECT 1 FROM t) FROM u WHERE t.a = u.a',
    )
    for (const sql of [
      'UPDATE t SET a = 1 FROM t, u WHERE t.a = u.a',
      'UPDATE t AS x SET a = 1 FROM u JOIN t AS y ON u.a = y.a',
      'UPDATE SQLUser.t SET a = 1 FROM t AS x',
    ]) {
      const error = expectRejected(sql, -1)
      expect(error.fields.message).toContain('the table being updated, again')
    }
  })
})

describe('keyword options of INSERT, UPDATE and DELETE (docs/iris-sql.md#keyword-options)', () => {
  it('drops %NOFPLAN, %NOLOCK, %NOTRIGGER, %PROFILE and %PROFILE_ALL after the verb', () => {
    expect(sqlOf('DELETE %NOLOCK %NOTRIGGER FROM t WHERE a = 1')).toBe('DELETE FROM t WHERE a = 1')
    expect(sqlOf('DELETE %PROFILE t FROM %ALLINDEX u WHERE t.a = u.a')).toBe(
      'DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE (t.a = u.a))',
    )
    expect(sqlOf('UPDATE %NOFPLAN %PROFILE_ALL t SET a = 1')).toBe('UPDATE t SET a = 1')
    expect(sqlOf('INSERT %NOLOCK INTO t (a) VALUES (1)')).toBe('INSERT INTO t (a) VALUES (1)')
    expect(translate('INSERT OR UPDATE %NOLOCK t SET a = 1', iris)[0]?.type).toBe('upsert')
    // A schema whose name starts with % is no keyword.
    expect(sqlOf('UPDATE %Dictionary.x SET a = 1')).toBe('UPDATE "%Dictionary".x SET a = 1')
  })

  it('refuses %NOCHECK, %NOINDEX, %NOJOURN, an unknown %word and a keyword after FROM', () => {
    expectRejected('INSERT %NOCHECK t SET a = 1', -1)
    expectRejected('DELETE %NOLOCK %NOINDEX FROM t', -1)
    expectRejected('UPDATE %NOJOURN t SET a = 1', -1)
    expectRejected('DELETE %ALLINDEX t', -1)
    expectRejected('DELETE FROM %NOLOCK t', -1)
    expectRejected('DELETE %NOLOCK FROM %ALLINDEX t', -1)
  })
})
