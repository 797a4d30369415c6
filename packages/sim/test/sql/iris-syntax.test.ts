/**
 * Hand-written IRIS syntax the sim runs with IRIS's meaning, through `pg` on one sim:
 * %STARTSWITH (docs/iris-sql.md#startswith), DATEADD, DATEDIFF and DATEPART
 * (docs/iris-sql.md#date-parts), ODBC escapes (docs/iris-sql.md#odbc-escapes), %MATCHES
 * (docs/iris-sql.md#matches), DELETE and UPDATE with a second FROM
 * (docs/iris-sql.md#delete-and-update-with-a-second-from).
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { failure, sqlcodeOf } from './profiles.js'

let sim: TestSim
let client: pg.Client

const ids = (result: pg.QueryResult) => result.rows.map((row) => Number(Object.values(row)[0]))

beforeAll(async () => {
  sim = await startTestSim()
  client = await sim.client()
  await client.query('CREATE TABLE word (id INTEGER PRIMARY KEY, w VARCHAR(20))')
  await client.query(
    'INSERT INTO word (id, w) VALUES (?, ?), (?, ?), (?, ?), (?, ?), (?, ?), (?, ?)',
    [1, 'Mary', 2, 'mark', 3, 'Tom', 4, '50%off', 5, '5x', 6, null],
  )
})
afterAll(() => sim?.close())

describe('%STARTSWITH (docs/iris-sql.md#startswith)', () => {
  const startsWith = async (sql: string, params: unknown[] = []) =>
    ids(await client.query(`SELECT id FROM word WHERE ${sql} ORDER BY id`, params))

  it('matches a prefix under the column collation: case-insensitive, exact under %EXACT', async () => {
    expect(await startsWith('w %STARTSWITH ?', ['MA'])).toEqual([1, 2])
    expect(await startsWith("%EXACT(w) %STARTSWITH 'Ma'")).toEqual([1])
    // docs/iris-sql.md#collation: the collation functions also take their operand without parentheses.
    expect(await startsWith("%EXACT w %STARTSWITH 'Ma'")).toEqual([1])
    expect(await startsWith("NOT w %STARTSWITH 'ma'")).toEqual([3, 4, 5])
    expect(await startsWith("w %STARTSWITH 'M' || 'a' AND id > 1")).toEqual([2])
  })

  it('takes every character of the prefix literally', async () => {
    expect(await startsWith('w %STARTSWITH ?', ['50%'])).toEqual([4])
    expect(await startsWith('w %STARTSWITH ?', ['5%'])).toEqual([])
    expect(await startsWith('w %STARTSWITH ?', ['_a'])).toEqual([])
  })

  it('refuses a prefix ending in a blank, whose meaning depends on the collation', async () => {
    expect(
      sqlcodeOf(await failure(client, 'SELECT id FROM word WHERE w %STARTSWITH ?', ['M '])),
    ).toBe(-1)
  })
})

describe('DATEADD, DATEDIFF, DATEPART, DATENAME (docs/iris-sql.md#date-parts)', () => {
  const one = async (sql: string, params: unknown[] = []) =>
    Object.values((await client.query(sql, params)).rows[0] ?? {})

  it('DATEADD adds whole units and keeps a valid date', async () => {
    const [endOfFeb, leap, truncated, days] = await one(
      "SELECT DATEADD(mm, 1, '2023-01-31') AS a, DATEADD('year', 1, '2024-02-29') AS b, DATEADD(hh, 1.9, '2024-01-01 23:30:00') AS c, DATEADD(d, ?, ?) AS d",
      [-1, '2024-03-01'],
    )
    expect([endOfFeb, leap, truncated, days].map(String)).toEqual(
      [
        '2023-02-28 00:00:00',
        '2025-02-28 00:00:00',
        '2024-01-02 00:30:00',
        '2024-02-29 00:00:00',
      ].map((text) => String(new Date(text))),
    )
  })

  it('DATEDIFF counts boundaries crossed, not time elapsed', async () => {
    expect(
      await one(
        "SELECT DATEDIFF(yy, '2018-09-23', '2019-01-01') AS a, DATEDIFF(mi, '2024-01-01 12:23:59', '2024-01-01 12:24:05') AS b, DATEDIFF(mm, '2024-03-31', '2024-02-01') AS c, DATEDIFF(dd, '2024-01-01 23:59:59', '2024-01-02 00:00:00') AS d, DATEDIFF('ms', '2024-01-01 00:00:00.0019', '2024-01-01 00:00:01.0011') AS e",
      ),
    ).toEqual([1, 1, -1, 1, 1000])
  })

  it('DATEPART returns an integer; weekday counts from Sunday = 1', async () => {
    expect(
      await one(
        "SELECT DATEPART(dw, '2024-06-02') AS a, DATEPART(q, '2024-06-02') AS b, DATEPART(dy, '2024-12-31') AS c, DATEPART(ms, '2024-01-01 10:20:30.4567') AS d, DATEPART(?, '2024-06-02') AS e",
        ['MONTH'],
      ),
    ).toEqual([1, 2, 366, 456, 6])
  })

  it('DATENAME names months and weekdays, and writes the other parts as strings', async () => {
    expect(
      await one(
        "SELECT DATENAME(mm, '2024-06-02') AS a, DATENAME('dw', '2024-06-02') AS b, DATENAME(dd, '2024-06-02 09:05:00') AS c, DATENAME(?, '2024-06-02') AS d",
        ['yyyy'],
      ),
    ).toEqual(['June', 'Sunday', '2', '2024'])
    expect(sqlcodeOf(await failure(client, "SELECT DATENAME(ss, '2024-06-02 09:05:01.5')"))).toBe(
      -359,
    )
  })

  it('refuses what it does not compute, and answers NULL for an unknown datepart parameter', async () => {
    expect(
      sqlcodeOf(await failure(client, "SELECT DATEDIFF(ww, '2024-01-01', ?)", ['2024-02-01'])),
    ).toBe(-359)
    expect(sqlcodeOf(await failure(client, 'SELECT DATEPART(?, ?)', ['wk', '2024-02-01']))).toBe(
      -359,
    )
    expect(sqlcodeOf(await failure(client, "SELECT DATEADD(fortnight, 1, '2024-01-01')"))).toBe(-8)
    expect(await one('SELECT DATEPART(?, ?)', ['fortnight', '2024-02-01'])).toEqual([null])
  })
})

describe('ODBC escapes (docs/iris-sql.md#odbc-escapes)', () => {
  it('runs {fn} calls and {d} / {ts} literals', async () => {
    const { rows } = await client.query(
      "SELECT {fn UCASE(w)} AS u, DATEDIFF(dd, {d '2024-02-28'}, {ts '03/01/2024 10:00:00'}) AS n FROM word WHERE id = ?",
      [2],
    )
    expect(rows).toEqual([{ u: 'MARK', n: 2 }])
  })

  it('runs {fn CURDATE} and {fn CURTIME}, the time in whole seconds', async () => {
    const { rows } = await client.query('SELECT {fn CURDATE} AS d, {fn CURTIME()} AS t')
    expect(rows[0].d).toBeInstanceOf(Date)
    expect(rows[0].t).toMatch(/^\d\d:\d\d:\d\d$/)
  })

  it('refuses an invalid date with -146', async () => {
    expect(sqlcodeOf(await failure(client, "SELECT {d '2023-02-29'} AS d"))).toBe(-146)
  })
})

describe('%MATCHES (docs/iris-sql.md#matches)', () => {
  const matches = async (pattern: string, escapeClause = '') =>
    ids(
      await client.query(`SELECT id FROM word WHERE w %MATCHES ?${escapeClause} ORDER BY id`, [
        pattern,
      ]),
    )

  it('matches the whole exact value: ? one character, * any, sets and ranges, case-sensitive', async () => {
    expect(await matches('M*')).toEqual([1])
    expect(await matches('?a*')).toEqual([1, 2])
    expect(await matches('[mT]*')).toEqual([2, 3])
    expect(await matches('[0-9]*')).toEqual([4, 5])
    expect(await matches('[^a-z]*')).toEqual([1, 3, 4, 5])
    expect(await matches('Ma')).toEqual([])
  })

  it('takes escaped wildcards and other characters literally', async () => {
    expect(await matches('50%*')).toEqual([4])
    expect(await matches('5\\*')).toEqual([]) // \* is a literal *
    expect(await matches('5\\x')).toEqual([5]) // an escaped ordinary character is itself
    expect(await matches('5!?', " ESCAPE '!'")).toEqual([])
    expect(await matches('5?', " ESCAPE '!'")).toEqual([5])
    expect(
      ids(await client.query("SELECT id FROM word WHERE w NOT %MATCHES '*a*' ORDER BY id")),
    ).toEqual([3, 4, 5])
  })

  it('refuses a negated set IRIS does not document', async () => {
    expect(
      sqlcodeOf(await failure(client, 'SELECT id FROM word WHERE w %MATCHES ?', ['[^x]*'])),
    ).toBe(-1)
  })
})

describe('integer division \\ (docs/iris-sql.md#operators)', () => {
  const PG_TYPES: Record<number, string> = {
    20: 'BIGINT',
    23: 'INTEGER',
    1700: 'NUMERIC',
    701: 'DOUBLE',
  }
  /** Each column of the one row: its value as a number and its type. */
  const divide = async (list: string, params: unknown[] = []) => {
    const result = await client.query(`SELECT ${list} FROM quotient WHERE id = 1`, params)
    return result.fields.map(({ name, dataTypeID }) => [
      Number(result.rows[0][name]),
      PG_TYPES[dataTypeID] ?? dataTypeID,
    ])
  }

  beforeAll(async () => {
    await client.query(
      'CREATE TABLE quotient (id INTEGER PRIMARY KEY, i INTEGER, s SMALLINT, n NUMERIC(10,2), d DOUBLE)',
    )
    await client.query(
      'INSERT INTO quotient (id, i, s, n, d) VALUES (1, -7, 7, 7.5, 7.5), (2, 9, 2, 1, 1)',
    )
  })

  it('truncates toward zero, with * and / precedence, left to right', async () => {
    expect(
      await divide(
        '7 \\ 2 AS a, 1 + 7 \\ 2 AS b, 2 * 7 \\ 2 AS c, 7 \\ 2 * 2 AS d, -7 \\ 2 AS e, 7.5 \\ 2 AS f, 17\\7 AS g, 355 \\ 113 AS h, 100 \\ 7 \\ 2 AS j, 7 \\ -2 + 1 AS k',
      ),
    ).toEqual([
      [3, 'BIGINT'],
      [4, 'BIGINT'],
      [7, 'BIGINT'],
      [6, 'BIGINT'],
      [-3, 'BIGINT'],
      [3, 'NUMERIC'],
      [2, 'BIGINT'],
      [3, 'BIGINT'],
      [7, 'BIGINT'],
      [-2, 'BIGINT'],
    ])
  })

  it('takes any primary as the divisor: parentheses, names, calls, CAST, CASE, parameters', async () => {
    expect(
      await divide(
        "i \\ (1 + 1) AS a, quotient.i \\ ABS(-2) AS b, 15 \\ CAST('4' AS INTEGER) AS c, 15 \\ CASE WHEN id = 1 THEN 4 ELSE 1 END AS d, ? \\ ? AS e, 7 \\ s AS f",
        [9, 2],
      ),
    ).toEqual([
      [-3, 'BIGINT'],
      [-3, 'BIGINT'],
      [3, 'BIGINT'],
      [3, 'BIGINT'],
      [4, 'NUMERIC'],
      [1, 'BIGINT'],
    ])
  })

  it('types the result as IRIS does: NUMERIC with a NUMERIC, DOUBLE with a DOUBLE, INTEGER between SMALLINTs', async () => {
    expect(
      await divide('n \\ 2 AS a, 2 \\ n AS b, d \\ 2 AS c, n \\ d AS d, s \\ s AS e, s \\ i AS f'),
    ).toEqual([
      [3, 'NUMERIC'],
      [0, 'NUMERIC'],
      [3, 'DOUBLE'],
      [1, 'DOUBLE'],
      [1, 'INTEGER'],
      [-1, 'BIGINT'],
    ])
  })

  it('works in WHERE and gives NULL for NULL', async () => {
    expect(ids(await client.query('SELECT id FROM quotient WHERE i \\ s = 4 ORDER BY id'))).toEqual(
      [2],
    )
    expect((await client.query('SELECT 7 \\ NULL AS a, NULL \\ 2 AS b')).rows).toEqual([
      { a: null, b: null },
    ])
  })

  it('fails on a zero divisor as / does', async () => {
    const slash = sqlcodeOf(await failure(client, 'SELECT 7 / 0'))
    expect(slash).toBeDefined()
    for (const sql of ['SELECT 7 \\ 0', 'SELECT 7.5 \\ 0', 'SELECT 7 \\ CAST(0 AS DOUBLE)']) {
      expect(sqlcodeOf(await failure(client, sql))).toBe(slash)
    }
  })
})

describe('|| at the level of + and -, left to right (docs/iris-sql.md#operators)', () => {
  it('concatenates before a + or - that follows it, and after *', async () => {
    const { rows } = await client.query(
      "SELECT 10 - 1 || 2 - 3 AS a, '1' || 2 + 3 AS b, 1 + 2 || 3 AS c, '1' || 2 * 3 AS d, 'x' || -1 AS e",
    )
    expect(rows.map((row) => Object.values(row).map(String))).toEqual([
      ['89', '15', '33', '16', 'x-1'],
    ])
  })
})

describe('%ID, the RowID (docs/iris-sql.md#rowid)', () => {
  beforeAll(async () => {
    await client.query('CREATE TABLE member (num IDENTITY, name VARCHAR(20))')
    await client.query("INSERT INTO member (name) VALUES ('a'), ('b'), ('c')")
    await client.query('CREATE TABLE counted (n SERIAL, name VARCHAR(20))')
  })

  it('reads the IDENTITY column, qualified or not, labelled ID', async () => {
    const bare = await client.query('SELECT %ID, name FROM member ORDER BY %ID DESC')
    expect(bare.fields.map((field) => field.name)).toEqual(['ID', 'name'])
    expect(bare.rows.map((row) => Number(row.ID))).toEqual([3, 2, 1])
    expect(
      ids(await client.query('SELECT m.%ID AS k FROM member AS m WHERE m.%id = ?', [2])),
    ).toEqual([2])
    expect(
      ids(await client.query('SELECT SQLUser.member.%ID FROM SQLUser.member WHERE %ID < 2')),
    ).toEqual([1])
    expect(
      ids(
        await client.query(
          "SELECT w.id FROM member m JOIN word w ON w.id = m.%ID WHERE m.%ID IN (SELECT %ID FROM member WHERE name <> 'a') ORDER BY 1",
        ),
      ),
    ).toEqual([2, 3])
  })

  it('finds rows to UPDATE and DELETE', async () => {
    await client.query('CREATE TABLE scratch (k INTEGER IDENTITY, v INTEGER)')
    await client.query('INSERT INTO scratch (v) VALUES (10), (20)')
    expect((await client.query('UPDATE scratch SET v = 0 WHERE %ID = 1')).rowCount).toBe(1)
    expect((await client.query('DELETE FROM scratch WHERE scratch.%ID = 2')).rowCount).toBe(1)
    expect((await client.query('SELECT %ID, v FROM scratch')).rows).toEqual([{ ID: 1, v: 0 }])
  })

  it('follows the IDENTITY column through ALTER TABLE and goes with DROP TABLE', async () => {
    await client.query('CREATE TABLE moving (k IDENTITY, v INTEGER)')
    await client.query('INSERT INTO moving (v) VALUES (7)')
    await client.query('ALTER TABLE moving ALTER COLUMN k RENAME key2')
    expect(ids(await client.query('SELECT %ID FROM moving'))).toEqual([1])
    await client.query('ALTER TABLE moving DROP COLUMN key2')
    expect(sqlcodeOf(await failure(client, 'SELECT %ID FROM moving'))).toBe(-1)
    await client.query('DROP TABLE moving')
    await client.query('CREATE TABLE moving (k IDENTITY)')
    await client.query('DROP TABLE moving')
  })

  it('reads the hidden RowID of a table without an IDENTITY column, which * and INSERT leave out', async () => {
    expect(ids(await client.query('SELECT %ID FROM word WHERE id > 4 ORDER BY %ID'))).toEqual([
      5, 6,
    ])
    expect(ids(await client.query('SELECT w.%ID FROM word w WHERE w.id = 2'))).toEqual([2])
    await client.query('CREATE TABLE hidden (a INTEGER, b VARCHAR(5))')
    await client.query("INSERT INTO hidden VALUES (1, 'x'), (2, 'y')")
    await client.query('INSERT INTO hidden SELECT * FROM hidden WHERE a = 2')
    const star = await client.query('SELECT * FROM hidden h ORDER BY %ID')
    expect(star.fields.map((field) => field.name)).toEqual(['a', 'b'])
    expect(star.rows).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'y' },
    ])
    expect((await client.query('SELECT DISTINCT h.* FROM hidden h')).rowCount).toBe(2)
    const both = await client.query('SELECT %ID, * FROM hidden WHERE a = 2 ORDER BY %ID')
    expect(both.fields.map((field) => field.name)).toEqual(['ID', 'a', 'b'])
    expect(both.rows.map((row) => Number(row.ID))).toEqual([2, 3])
    const columns = await client.query(
      "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'hidden' ORDER BY ORDINAL_POSITION",
    )
    expect(columns.rows).toEqual([{ COLUMN_NAME: 'a' }, { COLUMN_NAME: 'b' }])
    await client.query('DELETE FROM hidden WHERE %ID = 1')
    expect(ids(await client.query('SELECT %ID FROM hidden ORDER BY 1'))).toEqual([2, 3])
    expect(sqlcodeOf(await failure(client, 'UPDATE hidden SET %ID = 9'))).toBe(-107)
    expect(sqlcodeOf(await failure(client, 'INSERT INTO hidden (%ID, a) VALUES (9, 9)'))).toBe(-111)
    expect(sqlcodeOf(await failure(client, 'SELECT * FROM hidden NATURAL JOIN word'))).toBe(-1)
    const starFields = async () =>
      (await client.query('SELECT * FROM hidden')).fields.map((field) => field.name)
    await client.query('START TRANSACTION')
    await client.query('SAVEPOINT s')
    await client.query('ALTER TABLE hidden ADD COLUMN c INTEGER')
    expect(await starFields()).toEqual(['a', 'b', 'c'])
    await client.query('ROLLBACK TO SAVEPOINT s')
    expect(await starFields()).toEqual(['a', 'b'])
    await client.query('COMMIT')
  })

  it('reads the schema a DDL statement leaves for the statements after it in the same query', async () => {
    const results = (await client.query(
      'CREATE TABLE later (a INTEGER); INSERT INTO later VALUES (7); SELECT * FROM later; DROP TABLE later',
    )) as unknown as pg.QueryResult[]
    expect(results[2]?.fields.map((field) => field.name)).toEqual(['a'])
    expect(results[2]?.rows).toEqual([{ a: 7 }])
  })

  it('refuses %ID where it names no one table', async () => {
    for (const sql of [
      'SELECT %ID FROM member m JOIN word w ON w.id = m.%ID',
      'SELECT %ID FROM member, word',
      'SELECT %ID FROM (SELECT name FROM member) d',
      'SELECT %ID',
    ]) {
      const error = await failure(client, sql)
      expect([sql, sqlcodeOf(error)]).toEqual([sql, -1])
      expect((error as Error).message).toMatch(/%ID/)
    }
  })
})

describe('CREATE TABLE ... AS SELECT (docs/iris-sql.md#create-table-as-select)', () => {
  const columns = async (table: string) =>
    (
      await client.query(
        'SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE, IS_IDENTITY FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
        [table],
      )
    ).rows.map((row) => Object.values(row).join(' '))

  beforeAll(async () => {
    await client.query(
      "CREATE TABLE Origin (Id INTEGER IDENTITY PRIMARY KEY, Name VARCHAR(20) NOT NULL UNIQUE, Code CHAR(3) DEFAULT 'abc', Amount NUMERIC(8,2), Flag BIT, Tiny TINYINT, At POSIXTIME)",
    )
    await client.query(
      "INSERT INTO Origin (Name, Code, Amount, Flag, Tiny, At) VALUES ('Ann', 'x', 1.5, 1, 3, '2024-01-02 03:04:05'), ('bob', 'y', 2, 0, -1, NULL)",
    )
    await client.query(
      'CREATE TABLE Copied AS SELECT Id, o.Name AS "FullName", Code, Amount, Flag, Tiny, At, Amount * 2 AS Doubled FROM Origin o WHERE Id > 0 WITH STORAGETYPE = ROW',
    )
  })

  it('copies the rows and the columns as created, an alias renaming, an IDENTITY becoming BIGINT', async () => {
    const { rows, fields } = await client.query('SELECT * FROM Copied ORDER BY Id')
    expect(fields.map((field) => field.name)).toEqual([
      'Id',
      'FullName',
      'Code',
      'Amount',
      'Flag',
      'Tiny',
      'At',
      'Doubled',
    ])
    expect(
      rows.map((row) => [Number(row.Id), row.FullName, row.Code, Number(row.Doubled)]),
    ).toEqual([
      [1, 'Ann', 'x', 3],
      [2, 'bob', 'y', 4],
    ])
    expect(await columns('copied')).toEqual([
      'Id bigint  19 0 YES NO',
      'FullName varchar 20   YES NO',
      'Code varchar 3   YES NO',
      'Amount numeric  8 2 YES NO',
      'Flag bit  1 0 YES NO',
      'Tiny tinyint  3 0 YES NO',
      'At posixtime    YES NO',
      'Doubled numeric    YES NO',
    ])
    const tables = await client.query(
      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'COPIED'",
    )
    expect(tables.rows).toEqual([{ TABLE_NAME: 'Copied' }])
  })

  it('copies no NOT NULL, UNIQUE, key, default or identity, and keeps the string collation', async () => {
    await client.query('CREATE TABLE Loose AS SELECT Id, Name, Code FROM Origin')
    await client.query("INSERT INTO Loose (Id, Name) VALUES (1, 'ANN'), (1, NULL)")
    const { rows } = await client.query(
      "SELECT Id, Code FROM Loose WHERE Name = 'ann' AND Code IS NULL ORDER BY Id",
    )
    expect(rows).toEqual([{ Id: '1', Code: null }])
    expect(ids(await client.query("SELECT COUNT(*) FROM Loose WHERE Name = 'ANN'"))).toEqual([2])
    expect(ids(await client.query('SELECT %ID FROM Loose ORDER BY %ID'))).toEqual([1, 2, 3, 4])
    expect((await client.query('SELECT * FROM Loose')).fields.map((field) => field.name)).toEqual([
      'Id',
      'Name',
      'Code',
    ])
  })

  it('refuses parameters, unaliased expressions, table options and IF NOT EXISTS', async () => {
    for (const [sql, params] of [
      ['CREATE TABLE Bad AS SELECT Name FROM Origin WHERE Id = ?', [1]],
      ['CREATE TABLE Bad AS SELECT Amount * 2 FROM Origin', []],
      ['CREATE TABLE Bad AS SELECT Name FROM Origin WITH %CLASSPARAMETER DEFAULTGLOBAL = 1', []],
      ['CREATE TABLE IF NOT EXISTS Bad AS SELECT Name FROM Origin', []],
    ] as const) {
      expect([sql, sqlcodeOf(await failure(client, sql, [...params]))]).toEqual([sql, -1])
    }
    expect(
      sqlcodeOf(await failure(client, 'CREATE TABLE Bad AS SELECT GEN_RANDOM_UUID() AS u')),
    ).toBe(-359)
  })
})

describe('optimize options (docs/iris-sql.md#optimize-options)', () => {
  it("drops the documented hints of a SELECT's FROM and refuses other %words there", async () => {
    const all = ids(await client.query('SELECT id FROM word ORDER BY id'))
    for (const sql of [
      'SELECT id FROM %ALLINDEX %NOFLATTEN word ORDER BY id',
      'SELECT id FROM %FIRSTTABLE w %IGNOREINDEX SQLUser.word.IDKEY word AS w ORDER BY id',
      'SELECT id FROM word WHERE id IN (SELECT id FROM %PARALLEL %STARTTABLE word) ORDER BY id',
    ]) {
      expect([sql, ids(await client.query(sql))]).toEqual([sql, all])
    }
    for (const sql of [
      'SELECT id FROM %NOLOCK word',
      'SELECT id FROM %FIRSTTABLE',
      'DELETE FROM %ALLINDEX word WHERE id = 0',
      'UPDATE word SET w = w FROM %ALLINDEX word AS x WHERE x.id = 0',
    ]) {
      const error = await failure(client, sql)
      // The refusal names the hint, not another fault of the statement.
      expect([sql, sqlcodeOf(error), /<%[A-Z]+[ :]/.test(error.message)]).toEqual([sql, -1, true])
    }
  })
})

describe('data type classes as column types (docs/iris-sql.md#column-types)', () => {
  it('creates the column of the DDL type the class stands for', async () => {
    await client.query('CREATE TABLE classy (n %String(MAXLEN=5), d %Library.Date)')
    const { rows } = await client.query(
      'SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      ['classy'],
    )
    expect(rows.map((row) => Object.values(row).map(String))).toEqual([
      ['n', 'varchar', '5'],
      ['d', 'date', 'null'],
    ])
    const sql = "INSERT INTO classy (n) VALUES ('toolong')"
    expect([sql, sqlcodeOf(await failure(client, sql))]).toEqual([sql, -104])
  })
})

describe('keyword options of INSERT, UPDATE and DELETE (docs/iris-sql.md#keyword-options)', () => {
  it('drops the options that change nothing the sim models and refuses the others', async () => {
    await client.query("INSERT %NOLOCK %NOFPLAN INTO word (id, w) VALUES (90, 'k')")
    await client.query("INSERT OR UPDATE %PROFILE word SET id = 90, w = 'kk'")
    const updated = await client.query(
      "UPDATE %NOTRIGGER %PROFILE_ALL word SET w = w || '!' WHERE id = 90",
    )
    const [row] = (await client.query('SELECT w FROM word WHERE id = 90')).rows
    const deleted = await client.query('DELETE %NOLOCK word WHERE id = 90')
    expect([updated.rowCount, row?.w, deleted.rowCount]).toEqual([1, 'kk!', 1])
    for (const sql of [
      'INSERT %NOCHECK word (id) VALUES (91)',
      'UPDATE %NOINDEX word SET w = w WHERE id = 0',
      'DELETE %NOJOURN FROM word WHERE id = 0',
      'DELETE %ALLINDEX FROM word WHERE id = 0',
    ]) {
      const error = await failure(client, sql)
      expect([sql, sqlcodeOf(error), /<%[A-Z]+ is /.test(error.message)]).toEqual([sql, -1, true])
    }
  })
})

describe('DELETE and UPDATE with a second FROM (docs/iris-sql.md#delete-and-update-with-a-second-from)', () => {
  it('deletes the row named again, or joins a second instance, as the aliases say', async () => {
    await client.query('CREATE TABLE node (id INTEGER PRIMARY KEY, parent INTEGER)')
    await client.query(
      'INSERT INTO node (id, parent) VALUES (1, NULL), (2, 1), (3, 1), (4, 2), (5, NULL)',
    )
    const left = async () => ids(await client.query('SELECT id FROM node ORDER BY id'))
    // The only aliased instance is the row deleted: the roots go, not every row beside a root.
    const roots = await client.query(
      'DELETE FROM node FROM node AS n WHERE n.parent IS NULL AND n.id = ?',
      [5],
    )
    expect([roots.rowCount, await left()]).toEqual([1, [1, 2, 3, 4]])
    // Different aliases: a self-join, the children of 1 go.
    const children = await client.query(
      'DELETE FROM node AS c FROM node AS p WHERE c.parent = p.id AND p.id = 1',
    )
    expect([children.rowCount, await left()]).toEqual([2, [1, 4]])
    // Unaliased twice: the same row, deleted once though it joins two words.
    const once = await client.query(
      'DELETE FROM node FROM node, word WHERE node.id = 1 AND word.id > 4',
    )
    expect([once.rowCount, await left()]).toEqual([1, [4]])
    // docs/iris-sql.md#optimize-options: the second FROM takes the SELECT's hints.
    const hinted = await client.query('DELETE FROM node FROM %INORDER node WHERE node.id = 4')
    expect([hinted.rowCount, await left()]).toEqual([1, []])
    expect(
      sqlcodeOf(
        await failure(
          client,
          'UPDATE node SET parent = NULL FROM node AS p WHERE node.parent = p.id',
        ),
      ),
    ).toBe(-1)
  })
})

describe('functions without parentheses (docs/iris-sql.md#collation)', () => {
  it('runs %SQLUPPER x and %SQLSTRING x as the calls, and refuses an operand before an operator', async () => {
    const { rows } = await client.query(
      'SELECT %SQLUPPER w AS u, %SQLSTRING word.w AS s FROM word WHERE id = ? ORDER BY %EXACT w',
      [1],
    )
    expect(rows).toEqual([{ u: ' MARY', s: ' Mary' }])
    const sql = "SELECT %EXACT w || 'x' AS e FROM word"
    expect([sql, sqlcodeOf(await failure(client, sql))]).toEqual([sql, -1])
  })

  it('runs UPPER x and %UPPER x as the calls, and refuses a bare LOWER, which has the call only', async () => {
    const { rows } = await client.query(
      "SELECT UPPER w AS u, %UPPER word.w AS p FROM word WHERE UPPER w = 'MARY'",
    )
    expect(rows).toEqual([{ u: 'MARY', p: 'MARY' }])
    for (const sql of ["SELECT UPPER w || 'x' AS e FROM word", 'SELECT LOWER w FROM word']) {
      expect([sql, sqlcodeOf(await failure(client, sql))]).toEqual([sql, -1])
    }
  })
})
