import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { IRIS_FUNCTIONS, type IrisFunction } from '../../src/translate/function-table.js'
import { varcharRepair } from '../../src/translate/varchar-repair.js'
import { expectRejected, sqlOf } from './helpers.js'

describe('function calls (docs/iris-sql.md#functions)', () => {
  it('refuses PostgreSQL functions IRIS does not have with -359', () => {
    for (const sql of [
      "SELECT string_agg(s, ',') FROM t",
      'SELECT json_agg(s) FROM t',
      'SELECT gen_random_uuid()',
      "SELECT date_trunc('day', ts) FROM t",
      'SELECT * FROM generate_series(1, 3)',
      'SELECT a FROM t JOIN generate_series(1, 3) g ON g = a',
      'SELECT random()',
      'UPDATE t SET a = md5(b)',
      'INSERT INTO t (a) VALUES (now_utc())',
      "DELETE FROM t WHERE a = split_part(b, ',', 1)",
    ]) {
      const error = expectRejected(sql, -359)
      expect(error.fields.message).toContain('SQL Function (function stored procedure) not found')
    }
  })

  it('says when IRIS has the function but the simulator does not model it', () => {
    const error = expectRejected("SELECT TO_CHAR(ts, 'YYYY') FROM t", -359)
    expect(error.fields.message).toContain('TO_CHAR is IRIS SQL, but the simulator does not')
  })

  it('refuses an argument count the simulator does not run', () => {
    const error = expectRejected('SELECT ROUND(a) FROM t', -359)
    expect(error.fields.message).toContain('ROUND with 1 argument(s): the simulator runs it with 2')
  })

  it('runs IRIS names with their IRIS meaning', () => {
    expect(sqlOf('SELECT LOG(a), LENGTH(b), CHAR(65), LCASE(c) FROM t')).toBe(
      'SELECT ln(a), iris_sim.length(b), (chr(65) COLLATE iris_sim.exact), iris_sim.lower(c) FROM t',
    )
    expect(
      sqlOf('SELECT SUBSTRING(a FROM 2 FOR 3), SUBSTRING(b from 2), SUBSTR(c, 2) FROM t'),
    ).toBe(
      'SELECT iris_sim.substring(a , 2 , 3), iris_sim.substring(b , 2), iris_sim.substr(c, 2) FROM t',
    )
    expect(sqlOf('SELECT COUNT(*), MAX(a), COALESCE(a, b, 0) FROM t')).toBe(
      'SELECT COUNT(*), MAX(a), COALESCE(a, b, 0) FROM t',
    )
    expect(sqlOf('SELECT ROW_NUMBER() OVER (ORDER BY a) FROM t')).toBe(
      'SELECT ROW_NUMBER() OVER (ORDER BY a NULLS FIRST) FROM t',
    )
  })

  it('runs SQUARE and CONCAT as the runtime computes them', () => {
    expect(sqlOf("SELECT SQUARE(a), {fn CONCAT(b, 'x')} FROM t")).toBe(
      "SELECT iris_sim.square(a), (iris_sim.concat(b, 'x') COLLATE iris_sim.exact) FROM t",
    )
    // docs/iris-sql.md#collation: CONCAT is ||, of two columns the collation they share.
    expect(sqlOf('SELECT CONCAT(a, t.b) FROM t')).toBe('SELECT iris_sim.concat(a, t.b) FROM t')
  })

  it("leaves a string function in a LIKE pattern uncollated, to match under the value's collation (docs/iris-sql.md#like)", () => {
    expect(
      sqlOf(
        "SELECT a FROM t WHERE a LIKE LEFT(?, 3) AND b %STARTSWITH RTRIM(?) AND RTRIM(a) = 'x'",
      ),
    ).toBe(
      "SELECT a FROM t WHERE a LIKE LEFT($1, 3) ESCAPE '' AND b LIKE iris_sim.startswith_pattern(RTRIM($2)) ESCAPE '\\' AND (RTRIM(a) COLLATE iris_sim.exact) = 'x'",
    )
  })

  it('runs CHARINDEX, STUFF, LPAD, GREATEST, LEAST, SPACE and STRING as the runtime computes them (docs/iris-sql.md#string-functions)', () => {
    expect(
      sqlOf(
        "SELECT CHARINDEX('b', s, 2), STUFF(s, 1, 2, 'x'), LPAD(s, 5), GREATEST(a, 2, ?), LEAST(a), SPACE(2), STRING(s, 'x') FROM t",
      ),
    ).toBe(
      "SELECT iris_sim.charindex('b', s, 2), (iris_sim.stuff(s, 1, 2, 'x') COLLATE iris_sim.exact), (iris_sim.lpad(s, 5) COLLATE iris_sim.exact), iris_sim.greatest(a, 2, $1), iris_sim.least(a), (iris_sim.space(2) COLLATE iris_sim.exact), (iris_sim.string_concat(iris_sim.as_varchar(s), iris_sim.as_varchar('x')) COLLATE iris_sim.exact) FROM t",
    )
    expect(expectRejected('SELECT STUFF(s, 1, 2) FROM t', -359).fields.message).toContain(
      'STUFF with 3 argument(s): the simulator runs it with 4',
    )
  })

  it('runs NVL and ISNULL as the runtime functions, leaving COALESCE as written (docs/iris-sql.md#implicit-conversion)', () => {
    expect(sqlOf("SELECT NVL(a, 1), ISNULL(b, 'x'), COALESCE(a, 2) FROM t")).toBe(
      "SELECT iris_sim.nvl(a, 1), iris_sim.isnull(b, 'x'), COALESCE(a, 2) FROM t",
    )
    // On PostgreSQL's refusal of a number replacing a string, at the call's position, only the
    // replacement is written as VARCHAR.
    const sql = 'SELECT x, iris_sim.nvl(a, -1.50 * 2) AS v, iris_sim.nvl(b, 1) FROM t'
    expect(varcharRepair(sql, 'NVL', sql.indexOf('iris_sim.nvl') + 1)).toBe(
      'SELECT x, iris_sim.nvl(a, iris_sim.as_varchar(-1.50 * 2)) AS v, iris_sim.nvl(b, 1) FROM t',
    )
    expect(varcharRepair(sql, 'NVL', 1)).toBeUndefined()
  })

  it('runs IFNULL as the CASE it stands for, typed as IRIS types it and labelled ifnull, and {fn IFNULL} as COALESCE (docs/iris-sql.md#implicit-conversion)', () => {
    expect(sqlOf("SELECT IFNULL(a, NULL), IFNULL(a, -1.5, 'x'), IFNULL(?, NULL, b) FROM t")).toBe(
      "SELECT (CASE WHEN a IS NULL THEN CAST(NULL AS iris_sim.string) END) AS ifnull, (CASE WHEN a IS NULL THEN iris_sim.as_varchar(-1.5) ELSE CAST('x' AS iris_sim.string) END) AS ifnull, (CASE WHEN CAST($1 AS text) IS NULL THEN NULL ELSE b END) AS ifnull FROM t",
    )
    // Only a select item without alias is labelled ifnull, as PostgreSQL labels other calls.
    expect(
      sqlOf('SELECT IFNULL(a, b, c) AS v, 1 + IFNULL(a, b, c) FROM t WHERE IFNULL(a, b, c) = 1'),
    ).toBe(
      'SELECT (CASE WHEN a IS NULL THEN b ELSE c END) AS v, 1 + (CASE WHEN a IS NULL THEN b ELSE c END) FROM t WHERE (CASE WHEN a IS NULL THEN b ELSE c END) = 1',
    )
    expect(sqlOf('SELECT {fn IFNULL(a, b)} FROM t')).toBe('SELECT COALESCE(a, b) FROM t')
    expectRejected('SELECT {fn IFNULL(a, b, c)} FROM t', -359)
    expectRejected('SELECT IFNULL(a, b, c, d) FROM t', -359)
  })

  it('runs {fn TIMESTAMPADD} as DATEADD of the matching part, refusing it bare, and DATENAME as the runtime computes it (docs/iris-sql.md#date-parts)', () => {
    expect(
      sqlOf(
        "SELECT {fn TIMESTAMPADD(SQL_TSI_MONTH, 1, d)}, {fn TIMESTAMPADD('sql_tsi_frac_second', ?, d)} FROM t",
      ),
    ).toBe("SELECT iris_sim.dateadd('month', 1, d), iris_sim.dateadd('millisecond', $1, d) FROM t")
    expect(
      expectRejected('SELECT TIMESTAMPADD(SQL_TSI_DAY, 1, d) FROM t', -359).fields.message,
    ).toContain('write {fn TIMESTAMPADD(...)}')
    expectRejected('SELECT {fn TIMESTAMPADD(SQL_TSI_DECADE, 1, d)} FROM t', -8)
    expectRejected('SELECT {fn TIMESTAMPADD(SQL_TSI_QUARTER, 1, d)} FROM t', -359)
    expect(sqlOf('SELECT DATENAME(month, d), DATENAME(?, d) FROM t')).toBe(
      "SELECT iris_sim.datename('month', d), iris_sim.datename($1, d) FROM t",
    )
  })

  it('runs YEAR and its kin as DATEPART of their part, the others as runtime functions (docs/iris-sql.md#date-functions)', () => {
    expect(sqlOf('SELECT YEAR(d), DAY(d), DAYOFWEEK(?), SECOND(d), WEEK(d) FROM t')).toBe(
      "SELECT iris_sim.datepart('year', d), iris_sim.datepart('day', d), iris_sim.datepart('weekday', $1), iris_sim.second(d), iris_sim.week(d) FROM t",
    )
  })

  it('runs LIST as the runtime aggregate, and refuses the forms it does not model, naming the word, but not a DISTINCT nested in its argument', () => {
    expect(sqlOf('SELECT LIST(ALL b) FROM t')).toBe('SELECT iris_sim.list(ALL b) FROM t')
    for (const [sql, word] of [
      ['SELECT LIST(DISTINCT b) FROM t', 'DISTINCT'],
      ['SELECT LIST(DISTINCT BY (a) b) FROM t', 'DISTINCT'],
      ['SELECT LIST(b %FOREACH(a)) FROM t', '%FOREACH'],
      ['SELECT a FROM t GROUP BY a HAVING LIST(b %AFTERHAVING) IS NOT NULL', '%AFTERHAVING'],
    ] as const) {
      const error = expectRejected(sql, -359)
      expect(error.fields.message).toContain(`LIST(${word} ...) is IRIS SQL, but the simulator`)
    }
    expect(() => sqlOf('SELECT LIST((SELECT DISTINCT b FROM u)) FROM t')).not.toThrow()
  })

  it('does not take types, column lists, CTE names or qualified names for calls', () => {
    for (const sql of [
      'SELECT CAST(a AS VARCHAR(10)) FROM t',
      'INSERT INTO t (a, b) VALUES (1, 2)',
      'INSERT INTO s.t (a) SELECT a FROM u',
      'WITH c (x) AS (SELECT a FROM t) SELECT x FROM c',
      'WITH c AS (SELECT 1 AS x), d (y) AS (SELECT x FROM c) SELECT y FROM d',
      'SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u) AND a IN (1, 2)',
      'SELECT SQLUser.MyFunction(a) FROM t',
      "SELECT a FROM t WHERE a %STARTSWITH ('x')",
    ]) {
      expect(() => sqlOf(sql)).not.toThrow()
    }
  })

  it('leaves DDL unchecked: CHAR(10) there is a type', () => {
    expect(() => sqlOf('CREATE TABLE t (a CHAR(10), "b" CHAR(20))')).not.toThrow()
  })
})

describe('window functions (docs/iris-sql.md#window-functions)', () => {
  it('runs the windows IRIS documents, in a select list', () => {
    for (const sql of [
      'SELECT a, ROW_NUMBER() OVER (PARTITION BY b) FROM t',
      'SELECT RANK() OVER (PARTITION BY b ORDER BY a DESC), NTILE(4) OVER (ORDER BY a) FROM t',
      'SELECT SUM(a) OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) / 3 AS c FROM t',
      'SELECT LAG(a, 1, 0) OVER (ORDER BY a), NTH_VALUE(a, 2) OVER (ORDER BY a) FROM t',
      'SELECT AVG(a) OVER (), COUNT(*) OVER (), MAX(a) OVER (PARTITION BY b), MIN(a) OVER () FROM t',
      'SELECT x FROM (SELECT a AS x, ROW_NUMBER() OVER (ORDER BY a) AS rn FROM t) AS s WHERE rn = 1',
      'SELECT a FROM t WHERE a IN (SELECT MAX(a) OVER (PARTITION BY b) FROM t)',
      'SELECT CASE WHEN ROW_NUMBER() OVER (ORDER BY a) = 1 THEN 1 ELSE 0 END AS f FROM t',
      'SELECT a, window FROM t',
      'SELECT DISTINCT BY (b) b, ROW_NUMBER() OVER (ORDER BY a) AS n FROM t',
      // What Kysely's over() builder writes (its aggregate-function tests).
      'select avg("a") over() as "x", count(*) over() as "y", rank() over() as "r" from "t"',
      'select max("t"."a") over(partition by "t"."b") as "x", sum("a") over(partition by "b" order by "a" asc, "t"."b" desc) as "y" from "t"',
    ]) {
      expect(() => sqlOf(sql), sql).not.toThrow()
    }
  })

  it('refuses OVER on a function IRIS documents no window for with -359', () => {
    for (const sql of ['SELECT STDDEV(a) OVER () FROM t', 'SELECT LIST(a) OVER () FROM t']) {
      expect(expectRejected(sql, -359).fields.message).toContain('takes no OVER clause in IRIS')
    }
  })

  it('refuses the window grammar IRIS does not document with -1, saying what to write', () => {
    for (const [sql, says] of [
      ['SELECT ROW_NUMBER() FROM t', 'write ROW_NUMBER(...) OVER (...)'],
      ['SELECT RANK() OVER w FROM t WINDOW w AS (ORDER BY a)', 'no named windows'],
      ['SELECT RANK() OVER (w ORDER BY a) FROM t', 'without a window name'],
      ['SELECT SUM(a) OVER (ORDER BY a RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t', 'RANGE'],
      [
        'SELECT SUM(a) OVER (ORDER BY a GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t',
        'GROUPS',
      ],
      [
        'SELECT SUM(a) OVER (ORDER BY a ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING) FROM t',
        'UNBOUNDED',
      ],
      [
        'SELECT SUM(a) OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t',
        'CURRENT ROW',
      ],
      [
        'SELECT SUM(a) OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES) FROM t',
        'EXCLUDE',
      ],
      [
        'SELECT SUM(a) OVER (ORDER BY a ROWS 1 PRECEDING) FROM t',
        'IRIS documents one window frame',
      ],
      [
        'SELECT SUM(a) OVER (ORDER BY a ROWS BETWEEN ? PRECEDING AND 1 FOLLOWING) FROM t',
        'integer literal',
      ],
      [
        'SELECT SUM(a) OVER (ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t',
        'without ORDER BY: IRIS documents a frame after',
      ],
      [
        'SELECT RANK() OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t',
        'RANK reads no frame',
      ],
      ['SELECT a FROM t WHERE ROW_NUMBER() OVER (ORDER BY a) = 1', 'in WHERE'],
      ['SELECT b FROM t GROUP BY b HAVING MAX(a) OVER () > 1', 'in HAVING'],
      ['SELECT a FROM t ORDER BY RANK() OVER (ORDER BY a)', 'in ORDER BY'],
      ['SELECT SUM(a) OVER (PARTITION BY RANK() OVER (ORDER BY a)) FROM t', 'in PARTITION BY'],
      ['UPDATE t SET a = ROW_NUMBER() OVER (ORDER BY a)', 'in SET'],
      ['INSERT INTO t (a) VALUES (ROW_NUMBER() OVER ())', 'in VALUES'],
    ]) {
      expect(expectRejected(sql as string, -1).fields.message, sql).toContain(says)
    }
  })
})

/** The table row docs/iris-sql.md#functions shows for `fn`. */
function documentedRow(name: string, fn: IrisFunction): string[] {
  const [min, max] = fn.args ?? [0, Number.POSITIVE_INFINITY]
  const args =
    fn.run.kind === 'unmodelled'
      ? ''
      : fn.args === undefined
        ? 'any'
        : min === max
          ? `${min}`
          : max === Number.POSITIVE_INFINITY
            ? `${min} or more`
            : `${min} to ${max}`
  const source = fn.source.startsWith('docs/iris-sql.md#')
    ? `[server identity](#${fn.source.split('#')[1]})`
    : `doc \`${fn.source}\``
  return [
    `\`${name}\``,
    args,
    source,
    fn.run.kind === 'unmodelled' ? 'refused (not modelled)' : 'runs',
  ]
}

describe('the function table and the reference', () => {
  it('docs/iris-sql.md#functions lists exactly the simulator table', () => {
    const reference = readFileSync(new URL('../../../../docs/iris-sql.md', import.meta.url), 'utf8')
    const section = reference.split('### Functions')[1]?.split('\n### ')[0] ?? ''
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
    expect(rows).toEqual([...IRIS_FUNCTIONS].map(([name, fn]) => documentedRow(name, fn)))
  })
})
