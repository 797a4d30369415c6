import { describe, expect, it } from 'vitest'
import { translate } from '../../src/translate/index.js'
import type { TableRef } from '../../src/translate/plan.js'
import { expectRejected, iris, plans, run, sqlOf } from './helpers.js'

describe('translate() input', () => {
  it('validates its arguments', () => {
    expect(() => translate(42 as unknown as string, iris)).toThrow(TypeError)
    expect(() => translate('SELECT 1', { ...iris, profile: 'pg' as 'iris' })).toThrow(TypeError)
    expect(() =>
      translate('SELECT 1', { ...iris, irisVersion: [] as unknown as [number, number] }),
    ).toThrow(TypeError)
  })
})

describe('statements, placeholders and the trailing ; (docs/iris-sql.md#simple-and-extended-protocol)', () => {
  it('splits simple queries on top-level ; only and strips the trailing one', () => {
    expect(plans("SELECT 'a;b'; SELECT 2;").map((plan) => plan.type === 'run' && plan.sql)).toEqual(
      ["SELECT 'a;b'", 'SELECT 2'],
    )
    expect(plans('  ;  ')).toEqual([])
  })

  it('allows one statement on the extended protocol (a trailing ; is fine)', () => {
    expect(sqlOf('SELECT 1;', { protocol: 'extended' })).toBe('SELECT 1')
    expectRejected('SELECT 1; SELECT 2', -25, { protocol: 'extended' })
  })

  it('numbers ? markers in order and keeps $n as written', () => {
    const plan = run('SELECT * FROM t WHERE a = ? AND b = ?')
    expect(plan.sql).toBe('SELECT * FROM t WHERE a = $1 AND b = $2')
    expect(plan.paramCount).toBe(2)
    expect(run('SELECT $2, $1').paramCount).toBe(2)
  })

  it('classifies statements and names the table written', () => {
    expect(run('INSERT INTO t (a) VALUES (?)')).toMatchObject({
      kind: 'insert',
      target: { schema: 'SQLUser', name: 't' },
    })
    expect(run('UPDATE "Sch"."Tbl" SET a = 1')).toMatchObject({
      kind: 'update',
      target: { schema: 'sch', name: 'tbl' }, // docs/iris-sql.md#identifiers: stored lower-cased
    })
    expect(run('DELETE FROM public.T')).toMatchObject({
      kind: 'delete',
      target: { schema: 'SQLUser', name: 't' },
    })
    expect(run('SELECT 1')).toMatchObject({
      kind: 'select',
      readsLastIdentity: false,
      changesSchema: false,
    })
  })

  it('accepts INSERT ... SELECT without FROM and multi-row VALUES (docs/iris-sql.md#multi-row-inserts)', () => {
    expect(sqlOf('INSERT INTO t (a, b) SELECT ?, ?')).toBe('INSERT INTO t (a, b) SELECT $1, $2')
    expect(sqlOf('INSERT INTO t (a) VALUES (?), (?)')).toBe('INSERT INTO t (a) VALUES ($1), ($2)')
  })

  it('translates a 1000-row bulk insert in the fallback form', () => {
    const rows = Array.from({ length: 1000 }, () => 'SELECT ?, TO_VECTOR(?, float)').join(
      ' UNION ALL ',
    )
    const plan = run(`INSERT INTO t (a, v) ${rows}`, { protocol: 'extended' })
    expect(plan.paramCount).toBe(2000)
    // As multi-row VALUES (docs/iris-sql.md#simulator-limits): a chain of 1000 SELECTs is too deep for PGlite.
    expect(
      plan.sql.startsWith('INSERT INTO t (a, v) VALUES ($1, iris_sim.to_vector_float($2)), ('),
    ).toBe(true)
    expect(plan.sql.endsWith(', ($1999, iris_sim.to_vector_float($2000))')).toBe(true)
  })

  it('passes CTEs and window functions through (docs/iris-sql.md#ctes-window-functions-and-locking-reads)', () => {
    expect(
      sqlOf('WITH x AS (SELECT a, ROW_NUMBER() OVER (ORDER BY a) AS n FROM t) SELECT * FROM x'),
    ).toBe(
      'WITH x AS (SELECT a, ROW_NUMBER() OVER (ORDER BY a NULLS FIRST) AS n FROM t) SELECT * FROM x',
    )
  })
})

describe('no rewrite inside literals, quoted identifiers or comments', () => {
  it('leaves literal text alone', () => {
    expect(sqlOf("SELECT 'TOP 5 RETURNING ; ILIKE %VID ?::x' AS a")).toBe(
      "SELECT 'TOP 5 RETURNING ; ILIKE %VID ?::x' AS a",
    )
  })

  it('leaves quoted identifiers alone but for their case (docs/iris-sql.md#identifiers)', () => {
    expect(sqlOf('SELECT "limit", "top", "returning", "public".x FROM "public"."T"')).toBe(
      'SELECT "limit", "top", "returning", "public".x FROM "public"."t"',
    )
  })

  it('leaves comments alone', () => {
    expect(sqlOf('SELECT a /* RETURNING ; TOP 5 */ -- LIMIT ? ;\nFROM t')).toBe(
      'SELECT a /* RETURNING ; TOP 5 */ -- LIMIT ? ;\nFROM t',
    )
  })
})

describe('schema names (docs/iris-sql.md#the-public-schema, docs/iris-sql.md#schemas)', () => {
  it('maps unquoted public / sqluser to "SQLUser"', () => {
    expect(sqlOf('SELECT public.t.a FROM public.t JOIN SQLUSER.u ON 1 = 1')).toBe(
      'SELECT "SQLUser".t.a FROM "SQLUser".t JOIN "SQLUser".u ON 1 = 1',
    )
  })
})

describe('row limits (docs/iris-sql.md#row-limits)', () => {
  it('turns TOP n / TOP ? / TOP $n into LIMIT at the end of that SELECT', () => {
    expect(sqlOf('SELECT TOP 5 * FROM t ORDER BY a')).toBe(
      'SELECT * FROM t ORDER BY a NULLS FIRST LIMIT 5',
    )
    expect(sqlOf('SELECT TOP ? a FROM t WHERE b = ?')).toBe('SELECT a FROM t WHERE b = $2 LIMIT $1')
    expect(sqlOf('SELECT TOP $1 a FROM t')).toBe('SELECT a FROM t LIMIT $1')
    expect(sqlOf('SELECT DISTINCT TOP (3) a FROM t')).toBe('SELECT DISTINCT a FROM t LIMIT (3)')
  })

  it('drops TOP ALL', () => {
    expect(sqlOf('SELECT TOP ALL a FROM t ORDER BY a')).toBe(
      'SELECT a FROM t ORDER BY a NULLS FIRST',
    )
  })

  it('rewrites TOP at any nesting level', () => {
    expect(
      sqlOf(
        'SELECT TOP 2 a FROM (SELECT TOP 3 a FROM t ORDER BY a) x WHERE a IN (SELECT TOP 1 b FROM u)',
      ),
    ).toBe(
      'SELECT a FROM (SELECT a FROM t ORDER BY a NULLS FIRST LIMIT 3) x WHERE a IN (SELECT b FROM u LIMIT 1) LIMIT 2',
    )
    expect(sqlOf('INSERT INTO t (a) SELECT TOP 2 a FROM u ORDER BY a')).toBe(
      'INSERT INTO t (a) SELECT a FROM u ORDER BY a NULLS FIRST LIMIT 2',
    )
  })

  it('parenthesizes a limited operand of a set operation', () => {
    expect(sqlOf('SELECT TOP 1 a FROM t UNION ALL SELECT TOP 2 a FROM u')).toBe(
      '(SELECT a FROM t LIMIT 1) UNION ALL (SELECT a FROM u LIMIT 2)',
    )
  })

  it('passes LIMIT / OFFSET through from 2025.1', () => {
    expect(sqlOf('SELECT a FROM t ORDER BY a LIMIT ? OFFSET ?')).toBe(
      'SELECT a FROM t ORDER BY a NULLS FIRST LIMIT $1 OFFSET $2',
    )
  })

  it('numbers %VID rows of an ordered derived table (GSQL_views_vid)', () => {
    expect(
      sqlOf('SELECT *, %VID FROM (SELECT TOP ALL a FROM t ORDER BY a) WHERE %VID BETWEEN ? AND ?'),
    ).toBe(
      'SELECT ("iris_sim_vid".iris_sim_row).*, "%vid" FROM (SELECT "iris_sim_vid" AS iris_sim_row, "iris_sim_vid".*, row_number() over () AS "%vid" FROM (SELECT a FROM t ORDER BY a NULLS FIRST) AS "iris_sim_vid") AS "iris_sim_vid" WHERE "%vid" BETWEEN $1 AND $2',
    )
  })

  it('keeps the derived table alias of %VID paging and expands alias.*', () => {
    expect(
      sqlOf('SELECT x.*, %VID AS n FROM (SELECT TOP ALL a FROM t ORDER BY a) AS x WHERE %VID > 2'),
    ).toBe(
      'SELECT (x.iris_sim_row).*, "%vid" AS n FROM (SELECT "x" AS iris_sim_row, "x".*, row_number() over () AS "%vid" FROM (SELECT a FROM t ORDER BY a NULLS FIRST) AS "x") AS "x" WHERE "%vid" > 2',
    )
  })
})

describe('%VID paging in subqueries (docs/iris-sql.md#vid-paging)', () => {
  it('rewrites each paged subquery in its own scope; * there excludes %VID', () => {
    expect(
      sqlOf(
        'SELECT a FROM t WHERE a IN (SELECT * FROM (SELECT TOP ALL b FROM u ORDER BY b) WHERE %VID > ? AND %VID <= ? + ?) AND c IN (SELECT * FROM (SELECT TOP ALL c FROM v ORDER BY c) WHERE %VID BETWEEN 2 AND 3)',
      ),
    ).toBe(
      'SELECT a FROM t WHERE a IN (SELECT ("iris_sim_vid".iris_sim_row).* FROM (SELECT "iris_sim_vid" AS iris_sim_row, "iris_sim_vid".*, row_number() over () AS "%vid" FROM (SELECT b FROM u ORDER BY b NULLS FIRST) AS "iris_sim_vid") AS "iris_sim_vid" WHERE "%vid" > $1 AND "%vid" <= $2 + $3) AND c IN (SELECT ("iris_sim_vid".iris_sim_row).* FROM (SELECT "iris_sim_vid" AS iris_sim_row, "iris_sim_vid".*, row_number() over () AS "%vid" FROM (SELECT c FROM v ORDER BY c NULLS FIRST) AS "iris_sim_vid") AS "iris_sim_vid" WHERE "%vid" BETWEEN 2 AND 3)',
    )
  })

  it('needs a derived table', () => {
    expectRejected('SELECT %VID, a FROM t', -29)
  })
})

describe('IRIS expressions', () => {
  it('DISTINCT BY → DISTINCT ON (docs/iris-sql.md#distinct-by)', () => {
    expect(sqlOf('SELECT DISTINCT BY (a, b) a, b, c FROM t')).toBe(
      'SELECT DISTINCT ON (a, b) a, b, c FROM t',
    )
    expect(sqlOf('SELECT a FROM t GROUP BY a ORDER BY a')).toBe(
      'SELECT a FROM t GROUP BY a ORDER BY a NULLS FIRST',
    )
  })

  it('%EXACT compares exactly, %SQLUPPER upper-cases (docs/iris-sql.md#collation)', () => {
    expect(sqlOf("SELECT a FROM t WHERE %EXACT(name) = 'Ab' ORDER BY %exact(name)")).toBe(
      `SELECT a FROM t WHERE (iris_sim.exact(name) COLLATE iris_sim.exact) = 'Ab' ORDER BY iris_sim.exact_order((iris_sim.exact(name) COLLATE iris_sim.exact)) NULLS FIRST`,
    )
    expect(sqlOf('SELECT %SQLUPPER(name) FROM t')).toBe('SELECT iris_sim.sqlupper(name) FROM t')
  })

  it('UPPER and %UPPER take their operand without parentheses, LOWER does not (docs/iris-sql.md#collation)', () => {
    expect(sqlOf('SELECT UPPER name, %UPPER ? FROM t WHERE UPPER t.name = ?')).toBe(
      'SELECT iris_sim.upper(name), iris_sim.upper($1) FROM t WHERE iris_sim.upper(t.name) = $2',
    )
    expectRejected('SELECT UPPER name || ? FROM t', -1)
    expectRejected('SELECT LOWER name FROM t', -1)
    expect(sqlOf('SELECT LOWER (name) FROM t')).toBe('SELECT iris_sim.lower(name) FROM t')
  })

  it.each([
    [
      "SELECT a FROM t WHERE a NOT LIKE 'x\\%' AND b LIKE ?",
      "SELECT a FROM t WHERE a NOT LIKE 'x\\%' ESCAPE '' AND b LIKE $1 ESCAPE ''",
    ],
    [
      "SELECT a FROM t WHERE a LIKE 'a' || t.b || %SQLUPPER(?) ORDER BY 1",
      "SELECT a FROM t WHERE a LIKE 'a' || t.b || iris_sim.sqlupper($1) ESCAPE '' ORDER BY 1 NULLS FIRST",
    ],
    [
      'SELECT a FROM t WHERE (a LIKE (SELECT p FROM q WHERE p LIKE ?)) OR b = 1',
      "SELECT a FROM t WHERE (a LIKE (SELECT p FROM q WHERE p LIKE $1 ESCAPE '') ESCAPE '') OR b = 1",
    ],
    [
      "SELECT a LIKE CASE WHEN b THEN 'x' ELSE -- c\n 'y' END AS m FROM t",
      "SELECT a LIKE CASE WHEN b THEN 'x' ELSE -- c\n 'y' END ESCAPE '' AS m FROM t",
    ],
    [
      'SELECT a FROM t WHERE a LIKE CAST(? AS VARCHAR(9)) || -b',
      `SELECT a FROM t WHERE a LIKE CAST($1 AS varchar(9)) || -b ESCAPE ''`,
    ],
    ["SELECT a FROM t WHERE a LIKE ? ESCAPE '!'", "SELECT a FROM t WHERE a LIKE $1 ESCAPE '!'"],
  ])(
    "LIKE without ESCAPE gets ESCAPE '' after its whole pattern (docs/iris-sql.md#like): %s",
    (source, expected) => {
      expect(sqlOf(source)).toBe(expected)
    },
  )

  it('LAST_IDENTITY() reads the session identity (docs/iris-sql.md#returning-and-last_identity)', () => {
    expect(run('SELECT LAST_IDENTITY()')).toMatchObject({
      sql: 'SELECT iris_sim.last_identity()',
      readsLastIdentity: true,
    })
  })

  it('maps common IRIS functions to the runtime', () => {
    expect(
      sqlOf(
        'SELECT NVL(a, 1), IFNULL(a, 2), ISNULL(a, 3), LEN(b), GETDATE(), %SQLSTRING(c) FROM t',
      ),
    ).toBe(
      'SELECT iris_sim.nvl(a, 1), (CASE WHEN a IS NULL THEN iris_sim.as_varchar(2) END) AS ifnull, iris_sim.isnull(a, 3), iris_sim.len(b), iris_sim.getdate(), iris_sim.sqlstring(c) FROM t',
    )
  })

  it('does not take a table or column list for a function call', () => {
    expect(sqlOf('INSERT INTO len (a) VALUES (1)')).toBe('INSERT INTO len (a) VALUES (1)')
  })

  it('casts: simple :: forms become CAST with PostgreSQL types (docs/iris-sql.md#casts)', () => {
    expect(sqlOf("SELECT ?::int, '1'::int8, 2::float8, ?::text, ?::boolean")).toBe(
      "SELECT CAST($1 AS integer), CAST('1' AS bigint), CAST(2 AS double precision), CAST($2 AS varchar), CAST($3 AS iris_sim.bit)",
    )
    expect(
      sqlOf(
        'SELECT CAST(a AS DOUBLE), CAST(b AS VARCHAR(10)), CAST(c AS VARCHAR), CAST(d AS BIT) FROM t',
      ),
    ).toBe(
      'SELECT CAST(a AS double precision), CAST(b AS varchar(10)), CAST(c AS varchar), CAST(d AS iris_sim.bit) FROM t',
    )
  })
})

describe('vectors (docs/iris-sql.md#to_vector, docs/iris-sql.md#vector-functions)', () => {
  it('TO_VECTOR with the type keyword in any case, with or without a length', () => {
    expect(
      sqlOf(
        'SELECT TO_VECTOR(?, float), TO_VECTOR(?, DOUBLE, 3), to_vector(?, Decimal), TO_VECTOR(?, integer)',
      ),
    ).toBe(
      'SELECT iris_sim.to_vector_float($1), iris_sim.to_vector_double($2, 3), iris_sim.to_vector_decimal($3), iris_sim.to_vector_integer($4)',
    )
  })

  it('VECTOR_COSINE / VECTOR_DOT_PRODUCT call the runtime similarities', () => {
    expect(
      sqlOf('SELECT TOP 3 id FROM t ORDER BY VECTOR_COSINE(v, TO_VECTOR(?, float)) DESC'),
    ).toBe(
      'SELECT id FROM t ORDER BY iris_sim.vector_cosine(v, iris_sim.to_vector_float($1)) DESC NULLS LAST LIMIT 3',
    )
    expect(sqlOf('SELECT VECTOR_DOT_PRODUCT(a, b) FROM t')).toBe(
      'SELECT iris_sim.vector_dot_product(a, b) FROM t',
    )
  })

  it('refuses STRING / TIMESTAMP and unknown element types', () => {
    expectRejected("SELECT TO_VECTOR('a,b', STRING)", -1)
    expectRejected("SELECT TO_VECTOR('1', TIMESTAMP)", -1)
    expectRejected("SELECT TO_VECTOR('1', bogus)", -1)
    expectRejected("SELECT TO_VECTOR('1', float, 2, 3)", -1)
    expect(sqlOf("SELECT TO_VECTOR('1')")).toBe("SELECT iris_sim.to_vector_double('1')")
  })
})

describe('INSERT OR UPDATE (docs/iris-sql.md#upsert)', () => {
  it('becomes an upsert plan with one expression per column per row', () => {
    expect(
      plans('INSERT OR UPDATE INTO s.T (a, "B") VALUES (?, TO_VECTOR(?, float)), (?, NULL)'),
    ).toEqual([
      {
        type: 'upsert',
        kind: 'insert',
        source: 'INSERT OR UPDATE INTO s.T (a, "B") VALUES (?, TO_VECTOR(?, float)), (?, NULL)',
        paramCount: 3,
        target: { schema: 's', name: 't' },
        columns: ['a', 'b'],
        rows: [
          ['$1', 'iris_sim.to_vector_float($2)'],
          ['$3', 'NULL'],
        ],
      },
    ])
    expect(plans('INSERT OR UPDATE t (a) VALUES (1)')[0]).toMatchObject({
      type: 'upsert',
      target: { name: 't' },
    })
  })

  it('needs a column list and matching rows', () => {
    expectRejected('INSERT OR UPDATE t VALUES (1)', -1)
    expectRejected('INSERT OR UPDATE t (a, b) VALUES (1)', -1)
    expectRejected('INSERT OR UPDATE t (a) SELECT 1', -1)
  })
})

describe('bulk insert by UNION ALL (docs/iris-sql.md#multi-row-inserts, docs/iris-sql.md#simulator-limits)', () => {
  const numbered = (sql: string) => {
    let n = 0
    return sql.replaceAll('?', () => `$${++n}`)
  }

  it('runs the fallback form as multi-row VALUES', () => {
    expect(
      sqlOf(
        'INSERT INTO t (a, b) SELECT ?, ? UNION ALL SELECT ?, UPPER(?) union all select 1, NULL',
      ),
    ).toBe('INSERT INTO t (a, b) VALUES ($1, $2), ($3, iris_sim.upper($4)), (1, NULL)')
    expect(
      sqlOf(
        'INSERT INTO t SELECT CAST(? AS INTEGER), TO_VECTOR(?, float) UNION ALL SELECT ?, CASE WHEN ? THEN 1 ELSE 0 END',
      ),
    ).toBe(
      'INSERT INTO t VALUES (CAST($1 AS integer), iris_sim.to_vector_float($2)), ($3, CASE WHEN $4 THEN 1 ELSE 0 END)',
    )
    expect(sqlOf('INSERT INTO t SELECT ? AS a, ? AS "B" UNION ALL SELECT ?, ? as b')).toBe(
      'INSERT INTO t VALUES ($1, $2), ($3, $4)',
    )
    expect(
      sqlOf(
        'INSERT INTO t SELECT CURRENT_DATE, CURRENT_TIMESTAMP, 1 UNION ALL SELECT NULL, CURRENT_TIME, 0',
      ),
    ).toBe(
      'INSERT INTO t VALUES (CURRENT_DATE, iris_sim.current_timestamp_value(), 1), (NULL, iris_sim.current_time_value(), 0)',
    )
  })

  it('leaves every other INSERT ... SELECT as written', () => {
    for (const sql of [
      'INSERT INTO t (a) SELECT ?',
      'INSERT INTO t (a, b) SELECT ? a, ? UNION ALL SELECT ?, ?',
      'INSERT INTO t (a) SELECT ? UNION SELECT ?',
      'INSERT INTO t (a) SELECT x FROM u UNION ALL SELECT ?',
      'INSERT INTO t (a) SELECT DISTINCT ? UNION ALL SELECT ?',
      'INSERT INTO t (a) SELECT ? UNION ALL SELECT ? INTERSECT SELECT ?',
      'SELECT ? UNION ALL SELECT ?',
    ]) {
      expect(sqlOf(sql)).toBe(numbered(sql))
    }
    expect(sqlOf('INSERT INTO t (a) SELECT ? UNION ALL SELECT ? ORDER BY 1')).toBe(
      'INSERT INTO t (a) SELECT $1 UNION ALL SELECT $2 ORDER BY 1 NULLS FIRST',
    )
  })
})

describe('catalog names (docs/iris-sql.md#the-catalog, src/catalog/names.ts)', () => {
  it('rewrites catalog identifiers to their exact names when the statement reads the catalog', () => {
    expect(
      sqlOf(
        "SELECT table_name, Column_Name FROM information_schema.columns WHERE table_schema = 'SQLUser'",
      ),
    ).toBe(
      `SELECT "TABLE_NAME", "COLUMN_NAME" FROM "INFORMATION_SCHEMA"."COLUMNS" WHERE "TABLE_SCHEMA" = 'SQLUser'`,
    )
    expect(sqlOf('SELECT p.name, p.sqlfieldname FROM "%dictionary".compiledproperty p')).toBe(
      'SELECT p."Name", p."SqlFieldName" FROM "%Dictionary"."CompiledProperty" p',
    )
  })

  it('leaves other statements alone', () => {
    expect(sqlOf('SELECT table_name FROM tables')).toBe('SELECT table_name FROM tables')
  })
})

describe('transactions (docs/iris-sql.md#transactions)', () => {
  it('START TRANSACTION with IRIS levels and access modes', () => {
    expect(plans('START TRANSACTION')[0]).toMatchObject({
      type: 'begin',
      kind: 'transaction',
      isolation: 'READ UNCOMMITTED',
      readOnly: false,
    })
    expect(plans('START TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY')[0]).toMatchObject({
      isolation: 'READ COMMITTED',
      readOnly: true,
    })
    expect(plans('start transaction isolation level read verified read write')[0]).toMatchObject({
      isolation: 'READ VERIFIED',
      readOnly: false,
    })
  })

  it('refuses BEGIN, which IRIS lacks (docs/iris-sql.md#transaction-statements)', () => {
    for (const sql of ['BEGIN', 'BEGIN WORK', 'begin transaction read only']) {
      expect(expectRejected(sql, -1).fields.message).toMatch(/write START TRANSACTION/)
    }
  })

  it('COMMIT / ROLLBACK [WORK], savepoints, SET TRANSACTION', () => {
    expect(plans('COMMIT; COMMIT WORK; ROLLBACK; ROLLBACK WORK').map((plan) => plan.type)).toEqual([
      'commit',
      'commit',
      'rollback',
      'rollback',
    ])
    expect(plans('SAVEPOINT sp1')[0]).toMatchObject({ type: 'savepoint', name: 'sp1' })
    expect(plans('ROLLBACK TO SAVEPOINT "Sp"')[0]).toMatchObject({
      type: 'rollbackToSavepoint',
      name: 'sp',
    })
    // docs/iris-sql.md#savepoints: IRIS's only form is ROLLBACK TO SAVEPOINT name.
    expect(expectRejected('ROLLBACK TO sp1', -1).fields.message).toMatch(/ROLLBACK TO SAVEPOINT/)
    // docs/iris-sql.md#transaction-statements, docs/iris-sql.md#savepoints: no TRANSACTION word
    // after COMMIT or ROLLBACK, and no RELEASE.
    for (const sql of ['COMMIT TRANSACTION', 'ROLLBACK TRANSACTION', 'COMMIT WORK TRANSACTION'])
      expect(expectRejected(sql, -25).fields.message).toMatch(/\[WORK\] only/)
    for (const sql of ['RELEASE SAVEPOINT sp1', 'RELEASE sp1'])
      expect(expectRejected(sql, -1).fields.message).toMatch(/leave the RELEASE out/)
    expect(plans('SET TRANSACTION ISOLATION LEVEL READ COMMITTED')[0]).toMatchObject({
      type: 'noop',
      commandTag: 'SET',
    })
  })

  it('refuses a missing, invalid or reserved savepoint name with -301 and one starting with SYS with -302 (docs/iris-sql.md#savepoints)', () => {
    for (const sql of ['SAVEPOINT', 'SAVEPOINT a b', "SAVEPOINT 'a'", 'ROLLBACK TO SAVEPOINT'])
      expectRejected(sql, -301)
    // A reserved word only unquoted (doc RSQL_reservedwords).
    expectRejected('SAVEPOINT select', -301)
    expectRejected('ROLLBACK TO SAVEPOINT Work', -301)
    expect(plans('SAVEPOINT "select"')[0]).toMatchObject({ type: 'savepoint', name: 'select' })
    expectRejected('SAVEPOINT SYS1', -302)
    expectRejected('ROLLBACK TO SAVEPOINT sysx', -302)
  })

  it('rejects REPEATABLE READ and SERIALIZABLE', () => {
    expectRejected('START TRANSACTION ISOLATION LEVEL REPEATABLE READ', -1)
    expectRejected('START TRANSACTION ISOLATION LEVEL SERIALIZABLE', -1)
    expectRejected('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE', -1)
    expectRejected('BEGIN ISOLATION LEVEL REPEATABLE READ', -1)
  })
})

describe('table locks (docs/iris-sql.md#table-locks)', () => {
  it('LOCK / UNLOCK TABLE in exclusive mode, with an optional wait', () => {
    expect(plans('LOCK TABLE s.t IN EXCLUSIVE MODE')[0]).toEqual({
      type: 'lockTable',
      kind: 'lock',
      source: 'LOCK TABLE s.t IN EXCLUSIVE MODE',
      paramCount: 0,
      target: { schema: 's', name: 't' },
    })
    expect(plans('LOCK TABLE t IN EXCLUSIVE MODE WAIT 5')[0]).toMatchObject({
      type: 'lockTable',
      waitSeconds: 5,
    })
    expect(plans('UNLOCK TABLE t IN EXCLUSIVE MODE')[0]).toMatchObject({
      type: 'unlockTable',
      target: { schema: 'SQLUser', name: 't' },
    })
  })

  it('refuses other forms', () => {
    expectRejected('LOCK TABLE t', -1)
    expectRejected('LOCK TABLE t IN EXCLUSIVE MODE WAIT x', -25)
  })
})

describe('NULL ordering (docs/iris-sql.md#collation)', () => {
  it('puts NULLs first in ascending and last in descending order, item by item', () => {
    expect(sqlOf('SELECT a FROM t ORDER BY COALESCE(a, b) DESC, c, d ASC LIMIT 3')).toBe(
      'SELECT a FROM t ORDER BY COALESCE(a, b) DESC NULLS LAST, c NULLS FIRST, d ASC NULLS FIRST LIMIT 3',
    )
    expect(sqlOf('SELECT a FROM (SELECT a FROM t ORDER BY a DESC) x ORDER BY a')).toBe(
      'SELECT a FROM (SELECT a FROM t ORDER BY a DESC NULLS LAST) x ORDER BY a NULLS FIRST',
    )
    // A subquery's ORDER BY inside an ORDER BY item has its own.
    expect(sqlOf('SELECT a FROM t ORDER BY (SELECT TOP 1 b FROM u ORDER BY b DESC), a')).toBe(
      'SELECT a FROM t ORDER BY (SELECT b FROM u ORDER BY b DESC NULLS LAST LIMIT 1) NULLS FIRST, a NULLS FIRST',
    )
  })

  it('refuses NULLS FIRST / NULLS LAST, which IRIS does not have', () => {
    expectRejected('SELECT a FROM t ORDER BY a NULLS LAST', -1)
    expectRejected('SELECT a FROM t ORDER BY a DESC NULLS FIRST', -1)
  })
})

describe('EXACT order (docs/iris-sql.md#collation)', () => {
  const key = (expression: string) => `iris_sim.exact_order((${expression} COLLATE iris_sim.exact))`

  it('sorts an item collated EXACT by its key, keeping ASC / DESC and the NULL order', () => {
    expect(sqlOf('SELECT a FROM t ORDER BY %EXACT(a) DESC, b, LEFT(c, 2)')).toBe(
      `SELECT a FROM t ORDER BY ${key('iris_sim.exact(a)')} DESC NULLS LAST, b NULLS FIRST, ${key('LEFT(c, 2)')} NULLS FIRST`,
    )
    expect(sqlOf('SELECT TOP 3 a FROM t ORDER BY %EXACT a')).toBe(
      `SELECT a FROM t ORDER BY ${key('iris_sim.exact(a)')} NULLS FIRST LIMIT 3`,
    )
    expect(sqlOf('SELECT ROW_NUMBER() OVER (ORDER BY %EXACT(a)) FROM t')).toBe(
      `SELECT ROW_NUMBER() OVER (ORDER BY ${key('iris_sim.exact(a)')} NULLS FIRST) FROM t`,
    )
  })

  it('sorts a chain of || collated EXACT by its key, and a chain of columns as PostgreSQL does', () => {
    expect(sqlOf("SELECT a FROM t ORDER BY a || 'x', b || c")).toBe(
      `SELECT a FROM t ORDER BY ${key("(a || 'x')")} NULLS FIRST, b || c NULLS FIRST`,
    )
  })

  it('sorts a call of UPPER, LOWER, SUBSTRING, SUBSTR or REVERSE, whose string result is EXACT by the default collation, by its key', () => {
    expect(sqlOf('SELECT a FROM t ORDER BY UPPER(a) DESC, LCASE(b), SUBSTR(c, 2), d')).toBe(
      'SELECT a FROM t ORDER BY iris_sim.exact_order(iris_sim.upper(a)) DESC NULLS LAST, iris_sim.exact_order(iris_sim.lower(b)) NULLS FIRST, iris_sim.exact_order(iris_sim.substr(c, 2)) NULLS FIRST, d NULLS FIRST',
    )
  })

  it('sorts by the key of the select item an alias or a number names', () => {
    expect(sqlOf('SELECT %EXACT(a) AS e, b FROM t ORDER BY e, 2')).toBe(
      `SELECT (iris_sim.exact(a) COLLATE iris_sim.exact) AS e, b FROM t ORDER BY ${key('iris_sim.exact(a)')} NULLS FIRST, 2 NULLS FIRST`,
    )
    expect(sqlOf('SELECT b, RTRIM(a) FROM t ORDER BY 2 DESC')).toBe(
      `SELECT b, (RTRIM(a) COLLATE iris_sim.exact) FROM t ORDER BY ${key('RTRIM(a)')} DESC NULLS LAST`,
    )
    // A copy of a parameter would be a parameter more; after a *, a number counts unknown items.
    expect(sqlOf('SELECT LEFT(a, ?) AS l FROM t ORDER BY l')).toBe(
      'SELECT (LEFT(a, $1) COLLATE iris_sim.exact) AS l FROM t ORDER BY l NULLS FIRST',
    )
    expect(sqlOf('SELECT *, %EXACT(a) FROM t ORDER BY 2')).toBe(
      'SELECT *, (iris_sim.exact(a) COLLATE iris_sim.exact) FROM t ORDER BY 2 NULLS FIRST',
    )
  })

  it('sorts a column collated EXACT by its key, as far as the text and the catalog tell its table', () => {
    const tables: Record<string, string[]> = { 'SQLUser.t': ['c', 'd'], 'SQLUser.u': ['c'] }
    const catalog = {
      starColumns: () => undefined,
      columns: (table: TableRef) => tables[`${table.schema}.${table.name}`],
      exactColumns: (table: TableRef) => (table.name === 't' ? new Set(['c']) : undefined),
      exactColumnNames: new Set(['c']),
    }
    const ordered = (sql: string) => sqlOf(sql, { catalog })
    expect(ordered('SELECT c FROM t ORDER BY c, d DESC')).toBe(
      'SELECT c FROM t ORDER BY iris_sim.exact_order(c) NULLS FIRST, d DESC NULLS LAST',
    )
    expect(ordered('SELECT x.c AS k, u.c FROM t x JOIN u ON 1 = 1 ORDER BY k, u.c')).toBe(
      'SELECT x.c AS k, u.c FROM t x JOIN u ON 1 = 1 ORDER BY iris_sim.exact_order(x.c) NULLS FIRST, u.c NULLS FIRST',
    )
    expect(ordered('SELECT ROW_NUMBER() OVER (ORDER BY c) FROM t')).toBe(
      'SELECT ROW_NUMBER() OVER (ORDER BY iris_sim.exact_order(c) NULLS FIRST) FROM t',
    )
    // Not followed: a name two tables have, a derived table's column, a CTE's.
    for (const sql of [
      'SELECT 1 FROM t, u ORDER BY c',
      'SELECT c FROM (SELECT c FROM t) q ORDER BY c',
      'WITH t AS (SELECT c FROM u) SELECT c FROM t ORDER BY c',
    ]) {
      expect(ordered(sql)).toBe(sql.replace('ORDER BY c', 'ORDER BY c NULLS FIRST'))
    }
  })

  it('sorts the ORDER BY of a SELECT DISTINCT by its keys, the DISTINCT made a GROUP BY of every select item', () => {
    expect(sqlOf('SELECT DISTINCT %EXACT(a) FROM t ORDER BY %EXACT(a)')).toBe(
      `SELECT (iris_sim.exact(a) COLLATE iris_sim.exact) FROM t GROUP BY 1 ORDER BY ${key('iris_sim.exact(a)')} NULLS FIRST`,
    )
    expect(
      sqlOf('SELECT DISTINCT TOP 3 UPPER(a) AS u, b FROM t WHERE b > ? ORDER BY u DESC, 2'),
    ).toBe(
      'SELECT iris_sim.upper(a) AS u, b FROM t WHERE b > $1 GROUP BY 1, 2 ORDER BY iris_sim.exact_order(iris_sim.upper(a)) DESC NULLS LAST, 2 NULLS FIRST LIMIT 3',
    )
    // Unchanged where a GROUP BY could give another query: an ORDER BY item that is no select
    // item, a *, an aggregate or a window in the select list, a GROUP BY of its own; and where
    // no item becomes a key (a copy of a parameter would be a parameter more).
    for (const sql of [
      'SELECT DISTINCT UPPER(a) FROM t ORDER BY UPPER(a), b',
      'SELECT DISTINCT UPPER(a) FROM t ORDER BY UPPER(a) || 1',
      'SELECT DISTINCT *, UPPER(a) FROM t ORDER BY UPPER(a)',
      'SELECT DISTINCT UPPER(a), COUNT(*) FROM t ORDER BY UPPER(a)',
      'SELECT DISTINCT UPPER(a), LIST(b) FROM t ORDER BY 1',
      'SELECT DISTINCT UPPER(a), COUNT(*) OVER () FROM t ORDER BY 1',
      'SELECT DISTINCT UPPER(a) FROM t GROUP BY a ORDER BY 1',
      'SELECT DISTINCT LEFT(a, ?) AS l FROM t ORDER BY l',
    ]) {
      expect(sqlOf(sql)).not.toContain('GROUP BY 1')
      expect(sqlOf(sql)).not.toContain('exact_order')
    }
  })

  it('keeps character order where PostgreSQL takes no expression: SELECT DISTINCT BY, a set operation', () => {
    expect(sqlOf('SELECT DISTINCT BY (%EXACT(a)) a FROM t ORDER BY %EXACT(a)')).toBe(
      'SELECT DISTINCT ON ((iris_sim.exact(a) COLLATE iris_sim.exact)) a FROM t ORDER BY (iris_sim.exact(a) COLLATE iris_sim.exact) NULLS FIRST',
    )
    expect(sqlOf('SELECT %EXACT(a) AS e FROM t UNION SELECT b FROM u ORDER BY e')).toBe(
      'SELECT (iris_sim.exact(a) COLLATE iris_sim.exact) AS e FROM t UNION SELECT b FROM u ORDER BY e NULLS FIRST',
    )
  })
})
