/**
 * `%SQLUPPER` (the default) and `%SQLSTRING` string columns compare blind to trailing blanks, as
 * on IRIS, while the values keep their blanks; `%EXACT` columns and `%EXACT(x)` count them; the
 * sim's own string type behind this never shows on the wire (docs/iris-sql.md#collation). Raw SQL
 * through `pg` on one sim.
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from '../support/start-test-sim.js'
import { type BackendMessage, frontend, RawClient, types } from '../wire/raw-client.js'
import { failure, sqlcodeOf } from './profiles.js'

/** The server's answer to a Parse and a Describe of `sql` on a connection of its own. */
async function describeStatement(port: number, sql: string): Promise<BackendMessage[]> {
  const { client: raw } = await RawClient.connect(port)
  raw.send(frontend.parse('s', sql), frontend.describe('S', 's'), frontend.sync())
  const messages = await raw.readUntil('Z')
  raw.destroy()
  return messages
}

let sim: TestSim
let client: pg.Client

const ids = (result: pg.QueryResult) => result.rows.map((row) => Number(Object.values(row)[0]))
const VARCHAR = 1043

beforeAll(async () => {
  sim = await startTestSim()
  client = await sim.client()
  await client.query(
    'CREATE TABLE tag (id INTEGER PRIMARY KEY, up VARCHAR(10), st VARCHAR(10) COLLATE %SQLSTRING, ex VARCHAR(10) COLLATE %EXACT, ch CHAR(6))',
  )
  await client.query(
    'INSERT INTO tag (id, up, st, ex, ch) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)',
    [
      ...[1, 'abc  ', 'Abc  ', 'abc  ', 'abc '],
      ...[2, 'ABC', 'ABC', 'abc', 'ABC'],
      ...[3, 'x', 'x', 'x', 'x'],
    ],
  )
  await client.query('CREATE TABLE owner (name VARCHAR(10), tag_up VARCHAR(10))')
  await client.query('INSERT INTO owner (name, tag_up) VALUES (?, ?)', ['o', 'Abc '])
})
afterAll(() => sim?.close())

describe('SQLUPPER and SQLSTRING ignore trailing blanks (docs/iris-sql.md#collation)', () => {
  it('in = and <> against a literal or a parameter, with case folded only under SQLUPPER', async () => {
    expect(ids(await client.query("SELECT id FROM tag WHERE up = 'abc' ORDER BY id"))).toEqual([
      1, 2,
    ])
    expect(
      ids(await client.query('SELECT id FROM tag WHERE up = ? ORDER BY id', ['ABC   '])),
    ).toEqual([1, 2])
    expect(
      ids(await client.query('SELECT id FROM tag WHERE up <> ? ORDER BY id', ['abc'])),
    ).toEqual([3])
    expect(ids(await client.query('SELECT id FROM tag WHERE st = ? ORDER BY id', ['Abc']))).toEqual(
      [1],
    )
    expect(
      ids(await client.query('SELECT id FROM tag WHERE ch = ? ORDER BY id', ['abc  '])),
    ).toEqual([1, 2])
  })

  it('in < and BETWEEN, IN lists and joins', async () => {
    expect(ids(await client.query("SELECT id FROM tag WHERE up < 'abc ' ORDER BY id"))).toEqual([])
    expect(
      ids(await client.query("SELECT id FROM tag WHERE up BETWEEN 'ABC' AND 'abc' ORDER BY id")),
    ).toEqual([1, 2])
    expect(
      ids(await client.query('SELECT id FROM tag WHERE up IN (?, ?) ORDER BY id', ['abc ', 'y'])),
    ).toEqual([1, 2])
    expect(
      ids(
        await client.query('SELECT t.id FROM tag t JOIN owner o ON o.tag_up = t.up ORDER BY t.id'),
      ),
    ).toEqual([1, 2])
    expect(
      ids(await client.query('SELECT a.id FROM tag a JOIN tag b ON a.st = b.st WHERE b.id = 1')),
    ).toEqual([1])
    // A column joined to a string expression: once a fatal -400 (a merge join wanting a text sort).
    // The expression's EXACT collation makes case count (see the EXACT string expressions below).
    expect(
      ids(
        await client.query(
          "SELECT t.id FROM tag t JOIN owner o ON t.up = REPLACE(LEFT(o.tag_up, 2), 'b', 'B') || 'C' ORDER BY t.id",
        ),
      ),
    ).toEqual([2])
    expect(
      ids(
        await client.query(
          "SELECT t.id FROM tag t JOIN owner o ON REPLACE(RTRIM(o.tag_up), 'bc', 'BC') = t.up ORDER BY t.id",
        ),
      ),
    ).toEqual([2])
  })

  it('in DISTINCT, GROUP BY and ORDER BY', async () => {
    expect((await client.query('SELECT DISTINCT up FROM tag')).rows).toHaveLength(2)
    expect((await client.query('SELECT DISTINCT st FROM tag')).rows).toHaveLength(3)
    const groups = await client.query('SELECT COUNT(*) AS n FROM tag GROUP BY up ORDER BY n')
    expect(groups.rows.map((row) => Number(row.n))).toEqual([1, 2])
    await client.query('CREATE TABLE word (id INTEGER PRIMARY KEY, w VARCHAR(10))')
    await client.query('INSERT INTO word (id, w) VALUES (1, ?), (2, ?), (3, ?)', [
      'ab ',
      'ab!',
      'ab',
    ])
    // Blind to trailing blanks, 'ab ' sorts as 'ab', before 'ab!' (blanks counted, it would follow 'ab').
    expect(ids(await client.query('SELECT id FROM word ORDER BY w, id'))).toEqual([1, 3, 2])
  })

  it('in UNIQUE and PRIMARY KEY: a value differing only in trailing blanks is a duplicate (SQLCODE -119, -120)', async () => {
    await client.query(
      'CREATE TABLE code (c VARCHAR(10) PRIMARY KEY, u VARCHAR(10) COLLATE %SQLSTRING UNIQUE)',
    )
    await client.query('INSERT INTO code (c, u) VALUES (?, ?)', ['k1 ', 'u1'])
    expect(
      sqlcodeOf(await failure(client, 'INSERT INTO code (c, u) VALUES (?, ?)', ['K1', 'u2'])),
    ).toBe(-119)
    expect(
      sqlcodeOf(await failure(client, 'INSERT INTO code (c, u) VALUES (?, ?)', ['k2', 'u1  '])),
    ).toBe(-119)
    await client.query('INSERT INTO code (c, u) VALUES (?, ?)', ['k2', 'U1'])
    expect(sqlcodeOf(await failure(client, "UPDATE code SET u = 'u1 ' WHERE c = 'k2'"))).toBe(-120)
  })

  it('in LIKE: the value and the pattern without their trailing blanks; an escaped blank stays', async () => {
    const like = (pattern: string, escapeClause = '') =>
      client.query(`SELECT id FROM tag WHERE up LIKE ?${escapeClause} ORDER BY id`, [pattern])
    expect(ids(await like('abc'))).toEqual([1, 2])
    expect(ids(await like('ab_  '))).toEqual([1, 2])
    expect(ids(await like('abc!  ', " ESCAPE '!'"))).toEqual([]) // 'abc' then a literal blank
    expect(
      ids(await client.query("SELECT id FROM tag WHERE up NOT LIKE 'abc' ORDER BY id")),
    ).toEqual([3])
  })

  it('returns every value as stored, blanks and case kept', async () => {
    const { rows } = await client.query('SELECT up, st, ch FROM tag WHERE id = 1')
    expect(rows).toEqual([{ up: 'abc  ', st: 'Abc  ', ch: 'abc ' }])
    expect(
      (await client.query('SELECT LENGTH(up) AS n, up || ? AS s FROM tag WHERE id = 1', ['|']))
        .rows,
    ).toEqual([{ n: 3, s: 'abc  |' }])
  })

  it('refuses a value longer than the column (SQLCODE -104)', async () => {
    expect(
      sqlcodeOf(
        await failure(client, 'INSERT INTO tag (id, up) VALUES (?, ?)', [9, 'abcdefghijk']),
      ),
    ).toBe(-104)
  })
})

describe('EXACT counts trailing blanks (docs/iris-sql.md#collation)', () => {
  it('in a COLLATE %EXACT column and under %EXACT(x)', async () => {
    expect(ids(await client.query('SELECT id FROM tag WHERE ex = ? ORDER BY id', ['abc']))).toEqual(
      [2],
    )
    expect((await client.query('SELECT DISTINCT ex FROM tag')).rows).toHaveLength(3)
    expect(
      ids(await client.query("SELECT id FROM tag WHERE %EXACT(up) = 'abc  ' ORDER BY id")),
    ).toEqual([1])
    expect(
      ids(await client.query("SELECT id FROM tag WHERE %EXACT(up) = 'abc' ORDER BY id")),
    ).toEqual([])
  })
})

describe('a string expression has EXACT collation (docs/iris-sql.md#collation)', () => {
  it('in =: case and trailing blanks count, whatever the column it reads', async () => {
    expect(ids(await client.query("SELECT id FROM tag WHERE LEFT(up, 3) = 'abc'"))).toEqual([1])
    expect(ids(await client.query("SELECT id FROM tag WHERE REVERSE(up) = 'cba'"))).toEqual([])
    expect(ids(await client.query("SELECT id FROM tag WHERE LEFT(up, 5) = 'abc'"))).toEqual([])
  })

  it('in GROUP BY and ORDER BY: values differing in case stay apart', async () => {
    const groups = await client.query(
      'SELECT LEFT(up, 3) AS k, COUNT(*) AS n FROM tag GROUP BY LEFT(up, 3) ORDER BY k',
    )
    expect(groups.rows.map((row) => row.k)).toEqual(['ABC', 'abc', 'x'])
  })

  it('under %SQLUPPER(...), which still folds case', async () => {
    const folded = await client.query(
      "SELECT id FROM tag WHERE %SQLUPPER(LEFT(up, 3)) = %SQLUPPER('abc') ORDER BY id",
    )
    expect(ids(folded)).toEqual([1, 2])
  })

  it('of UPPER, LOWER, LCASE, UCASE and %UPPER too', async () => {
    const where = async (condition: string, params: unknown[] = []) =>
      ids(await client.query(`SELECT id FROM tag WHERE ${condition} ORDER BY id`, params))
    expect(await where("UPPER(up) = 'abc'")).toEqual([])
    expect(await where("UPPER(up) = 'ABC'")).toEqual([2])
    expect(await where("LOWER(up) = 'ABC'")).toEqual([])
    expect(await where("UCASE(st) = 'ABC'")).toEqual([2])
    expect(await where("LCASE(up) = 'abc  '")).toEqual([1])
    expect(await where("%UPPER(ex) = 'abc'")).toEqual([])
    expect(await where('UPPER(up) = UPPER(?)', ['abc'])).toEqual([2])
    expect(await where("%EXACT(UPPER(up)) = 'ABC  '")).toEqual([1])
    expect(await where("%SQLUPPER(LOWER(up)) = %SQLUPPER('ABC')")).toEqual([1, 2])
    const { rows } = await client.query("SELECT UPPER('abc') AS s, LOWER(NULL) AS n")
    expect(rows).toEqual([{ s: 'ABC', n: null }])
  })

  it('in DISTINCT and GROUP BY over UPPER and LOWER: values differing in case stay apart', async () => {
    const cased = 'SELECT UPPER(up) AS k FROM tag UNION ALL SELECT LOWER(up) FROM tag'
    const distinct = await client.query(`SELECT DISTINCT k FROM (${cased}) c ORDER BY k`)
    expect(distinct.rows.map((row) => row.k)).toEqual(['ABC', 'ABC  ', 'X', 'abc', 'abc  ', 'x'])
    const groups = await client.query(
      `SELECT k, COUNT(*) AS n FROM (${cased}) c WHERE k LIKE 'a%' OR k LIKE 'A%' GROUP BY k ORDER BY k`,
    )
    expect(groups.rows.map((row) => [row.k, Number(row.n)])).toEqual([
      ['ABC', 1],
      ['ABC  ', 1],
      ['abc', 1],
      ['abc  ', 1],
    ])
  })

  it('SUBSTRING, SUBSTR and REVERSE of a VARBINARY return bytes', async () => {
    await client.query('CREATE TABLE blob (id INTEGER PRIMARY KEY, b VARBINARY(10))')
    await client.query('INSERT INTO blob (id, b) VALUES (?, ?)', [1, Buffer.from('abc')])
    const { rows } = await client.query(
      'SELECT SUBSTRING(b, 2, 1) AS s, SUBSTRING(b FROM 2) AS f, SUBSTR(b, 2) AS t, REVERSE(b) AS r FROM blob',
    )
    expect(rows).toEqual([
      { s: Buffer.from('b'), f: Buffer.from('bc'), t: Buffer.from('bc'), r: Buffer.from('cba') },
    ])
    const text = await client.query(
      "SELECT SUBSTRING(up FROM 1 FOR 3) AS s FROM tag WHERE SUBSTRING(up FROM 1 FOR 3) = 'abc'",
    )
    expect(text.rows).toEqual([{ s: 'abc' }])
  })

  it('against a %SQLUPPER column: EXACT, as the explicit collation ([unverified] on IRIS)', async () => {
    const joined = await client.query(
      'SELECT t.id FROM tag t JOIN owner o ON LEFT(t.up, 3) = o.tag_up ORDER BY t.id',
    )
    expect(ids(joined)).toEqual([])
  })

  it("against a column: the column's collation, for UPPER, LOWER, SUBSTRING, SUBSTR and REVERSE (IRIS uses the field's)", async () => {
    const join = (on: string) => `SELECT t.id FROM tag t JOIN owner o ON ${on} ORDER BY t.id`
    expect(ids(await client.query(join('UPPER(t.up) = o.tag_up')))).toEqual([1, 2])
    expect(ids(await client.query(join('%EXACT(UPPER(t.st)) = o.tag_up')))).toEqual([])
    expect(
      ids(await client.query('SELECT id FROM tag WHERE up = LOWER(?) ORDER BY id', ['ABC'])),
    ).toEqual([1, 2])
    // doc RSQL_upper's example: Name %STARTSWITH UPPER('JO') finds 'Jones'.
    expect(
      ids(await client.query("SELECT id FROM tag WHERE st %STARTSWITH UPPER('ab') ORDER BY id")),
    ).toEqual([2])
    expect(
      ids(await client.query("SELECT id FROM tag WHERE up %STARTSWITH UPPER('ab') ORDER BY id")),
    ).toEqual([1, 2])
  })
})

describe('a concatenation is EXACT unless it joins strings of one collation (docs/iris-sql.md#collation)', () => {
  beforeAll(async () => {
    await client.query(
      'CREATE TABLE joined (id INTEGER PRIMARY KEY, w VARCHAR(10), v VARCHAR(10), ex VARCHAR(10) COLLATE %EXACT, bin VARBINARY(10))',
    )
    await client.query(
      'INSERT INTO joined (id, w, v, ex, bin) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)',
      [
        ...[1, 'Abc', 'Def', 'Abc', Buffer.from('ab')],
        ...[2, 'abc', 'def', 'abc', Buffer.from('cd')],
      ],
    )
  })
  const where = async (condition: string, params: unknown[] = []) =>
    ids(await client.query(`SELECT id FROM joined WHERE ${condition} ORDER BY id`, params))

  it('in =: with a literal, a parameter or a number, case counts', async () => {
    expect(await where("w || 'x' = 'abcx'")).toEqual([2])
    expect(await where('w || ? = ?', ['x', 'ABCX'])).toEqual([])
    expect(await where("w || 1 = 'abc1'")).toEqual([2])
    expect(await where("'<' || w || '>' = '<abc>'")).toEqual([2])
  })

  it('of two columns of one collation: that collation, case-insensitive under SQLUPPER', async () => {
    expect(await where("w || v = 'ABCDEF'")).toEqual([1, 2])
    expect(await where("ex || ex = 'abcabc'")).toEqual([2])
    expect(await where("CONCAT(w, v) = 'ABCDEF'")).toEqual([1, 2])
    expect(await where("{fn CONCAT(w, 'def')} = 'abcdef'")).toEqual([2])
  })

  it('of a column and a number, or of columns of two collations: EXACT, case counts', async () => {
    expect(await where("w || id = 'abc2'")).toEqual([2])
    expect(await where("CONCAT(w, id) = 'abc2'")).toEqual([2])
    expect(await where("w || ex = 'abcabc'")).toEqual([2])
    expect(await where("CONCAT(joined.ex, joined.w) = 'abcabc'")).toEqual([2])
    expect(await where("w || v || id = 'abcdef2'")).toEqual([2])
    const ordered = await client.query(
      'SELECT w || ex AS k, COUNT(*) AS n FROM joined GROUP BY w || ex ORDER BY w || ex DESC',
    )
    expect(ordered.rows.map((row) => [row.k, Number(row.n)])).toEqual([
      ['abcabc', 1],
      ['AbcAbc', 1],
    ])
  })

  it('of a string column and a date column: EXACT, values differing in case stay apart', async () => {
    await client.query('CREATE TABLE dated (id INTEGER PRIMARY KEY, w VARCHAR(10), d DATE)')
    await client.query(
      "INSERT INTO dated (id, w, d) VALUES (1, 'Abc', '2024-01-02'), (2, 'abc', '2024-01-02')",
    )
    // How IRIS writes the date in the string is not the point here: only how the chain groups.
    const groups = await client.query('SELECT w || d AS k FROM dated GROUP BY w || d')
    expect(groups.rows).toHaveLength(2)
  })

  it('in DISTINCT, GROUP BY and ORDER BY: values differing in case stay apart', async () => {
    const distinct = await client.query("SELECT DISTINCT w || '' AS k FROM joined ORDER BY k")
    expect(distinct.rows.map((row) => row.k)).toEqual(['Abc', 'abc'])
    const groups = await client.query(
      "SELECT w || '!' AS k, COUNT(*) AS n FROM joined GROUP BY w || '!' ORDER BY w || '!'",
    )
    expect(groups.rows.map((row) => [row.k, Number(row.n)])).toEqual([
      ['Abc!', 1],
      ['abc!', 1],
    ])
  })

  it('under %SQLUPPER(...), which folds case again, and %EXACT(...)', async () => {
    expect(await where("%SQLUPPER(w || 'x') = %SQLUPPER('ABCX')")).toEqual([1, 2])
    expect(await where("%EXACT(w || 'x') = 'Abcx'")).toEqual([1])
  })

  it("as a LIKE pattern or a %STARTSWITH prefix: the column's collation still decides", async () => {
    expect(await where("w LIKE '%' || ? || '%'", ['BC'])).toEqual([1, 2])
    expect(await where("w %STARTSWITH 'A' || ?", ['B'])).toEqual([1, 2])
    // So does a string function's result there (docs/iris-sql.md#like).
    expect(await where('w LIKE LEFT(?, 3)', ['AB%!'])).toEqual([1, 2])
    expect(await where("w %STARTSWITH REPLACE(?, '!', '')", ['AB!'])).toEqual([1, 2])
    expect(await where("w || '' LIKE 'a%'")).toEqual([2])
  })

  it('of numbers and of bytes, as before', async () => {
    const numbers = await client.query("SELECT 1 || 2.50 AS n, 'a' || 1.50 AS s")
    expect(numbers.rows).toEqual([{ n: '12.5', s: 'a1.5' }])
    for (let run = 0; run < 2; run++) {
      const bytes = await client.query({
        name: 'bytes',
        text: "SELECT bin || 'x' AS b, bin || bin AS bb FROM joined WHERE bin || ? = ? ORDER BY id",
        values: ['!', Buffer.from('cd!')],
      })
      expect(bytes.rows).toEqual([{ b: Buffer.from('cdx'), bb: Buffer.from('cdcd') }])
    }
  })
})

describe('the string type never shows on the wire (docs/iris-sql.md#collation)', () => {
  it('RowDescription and ParameterDescription say VARCHAR', async () => {
    const result = await client.query(
      'SELECT up, st, ch, ex FROM tag WHERE up = ? UNION SELECT ?, ?, ?, ?',
      ['x', 'a', 'b', 'c', 'd'],
    )
    expect(result.fields.map((field) => field.dataTypeID)).toEqual([
      VARCHAR,
      VARCHAR,
      VARCHAR,
      VARCHAR,
    ])
    const messages = await describeStatement(sim.port, 'SELECT up FROM tag WHERE up = ?')
    expect(types(messages)).toBe('1tTZ')
    const parameters = messages[1]?.body as Buffer
    expect([parameters.readInt16BE(0), parameters.readInt32BE(2)]).toEqual([1, VARCHAR])
    const row = messages[2]?.body as Buffer
    // One field: name 'up' and its NUL, table OID (4), column number (2), then the type OID.
    expect(row.readInt32BE(2 + 'up'.length + 1 + 6)).toBe(VARCHAR)
  })

  it('a parameter of UPPER, LOWER, SUBSTRING, SUBSTR or REVERSE is described as TEXT', async () => {
    const messages = await describeStatement(sim.port, 'SELECT UPPER(?) AS u')
    expect(types(messages)).toBe('1tTZ')
    const parameters = messages[1]?.body as Buffer
    expect([parameters.readInt16BE(0), parameters.readInt32BE(2)]).toEqual([1, 25])
  })

  it('INFORMATION_SCHEMA.COLUMNS lists VARCHAR with its length', async () => {
    const { rows } = await client.query(
      "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'tag' AND COLUMN_NAME IN ('up', 'st', 'ch') ORDER BY ORDINAL_POSITION",
    )
    expect(rows.map((row) => Object.values(row))).toEqual([
      ['up', 'varchar', 10],
      ['st', 'varchar', 10],
      ['ch', 'varchar', 6],
    ])
  })

  it("a view's string column has the DATA_TYPE of a plain VARCHAR's", async () => {
    await client.query('CREATE VIEW tag_view AS SELECT up, ex FROM tag')
    const { rows } = await client.query(
      "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'tag_view' ORDER BY ORDINAL_POSITION",
    )
    const [up, ex] = rows.map((row) => Object.values(row)[0])
    expect(up).toBe(ex)
  })
})
