/**
 * Names as PostgreSQL stores them and the select list the engine labels results from
 * (docs/iris-sql.md#identifiers, docs/iris-sql.md#labels-and-row-counts).
 */
import { describe, expect, it } from 'vitest'
import { run, sqlOf } from './helpers.js'

describe('stored names (docs/iris-sql.md#identifiers)', () => {
  it('lower-cases quoted names and leaves unquoted ASCII ones to PostgreSQL', () => {
    expect(sqlOf('SELECT "MyCol", Other FROM "MySchema"."MyTable" AS "T" WHERE "T"."X" = 1')).toBe(
      'SELECT "mycol", Other FROM "myschema"."mytable" AS "t" WHERE "t"."x" = 1',
    )
    expect(sqlOf('SELECT "Say ""Hi""" FROM t')).toBe('SELECT "say ""hi""" FROM t')
  })

  it('quotes lower-cased an unquoted name PostgreSQL would not fold', () => {
    expect(sqlOf('SELECT Größe FROM Übung')).toBe('SELECT "größe" FROM "übung"')
  })

  it('reads the default schema in any case, quoted or not', () => {
    expect(run('UPDATE "SQLUSER".t SET a = 1').target).toEqual({ schema: 'SQLUser', name: 't' })
    expect(sqlOf('SELECT a FROM "sqluser".t, SQLUSER.u')).toBe(
      'SELECT a FROM "SQLUser".t, "SQLUser".u',
    )
  })

  it('gives catalog names their exact case only in a statement that reads the catalog', () => {
    expect(sqlOf('SELECT "table_name" FROM "Information_Schema"."Tables"')).toBe(
      'SELECT "TABLE_NAME" FROM "INFORMATION_SCHEMA"."TABLES"',
    )
    expect(sqlOf('SELECT "TABLE_NAME" FROM "Tables"')).toBe('SELECT "table_name" FROM "tables"')
  })

  it('leaves literals and comments alone', () => {
    expect(sqlOf(`SELECT 'MyCol' AS "A" /* "MyCol" */ FROM t`)).toBe(
      `SELECT 'MyCol' AS "a" /* "MyCol" */ FROM t`,
    )
  })
})

describe('select-list items for result labels (docs/iris-sql.md#labels-and-row-counts)', () => {
  it('reads aliases as written, column references, stars and expressions', () => {
    expect(
      run('SELECT a AS "Alias", t.B, *, t.*, COUNT(*) AS n, a + 1, (SELECT x FROM y) FROM t')
        .labels,
    ).toEqual([
      { type: 'alias', label: 'Alias', column: 'a' },
      { type: 'column', name: 'B' },
      { type: 'star' },
      { type: 'star' },
      { type: 'alias', label: 'n' },
      { type: 'expression' },
      { type: 'expression' },
    ])
    expect(run('SELECT a, %VID FROM (SELECT TOP ALL a FROM t ORDER BY a)').labels).toEqual([
      { type: 'column', name: 'a' },
      { type: 'column', name: '%VID' },
    ])
  })

  it('reads the outermost SELECT, after DISTINCT and TOP, up to its end', () => {
    expect(
      run('SELECT DISTINCT TOP ? a AS "A" FROM t UNION SELECT b AS "B" FROM u').labels,
    ).toEqual([{ type: 'alias', label: 'A', column: 'a' }])
    expect(run('WITH c AS (SELECT 1 AS "Inner") SELECT "Inner" AS Outer FROM c').labels).toEqual([
      { type: 'alias', label: 'Outer', column: 'Inner' },
    ])
    expect(run('(SELECT a AS "P" FROM t) UNION (SELECT b FROM u)').labels).toEqual([
      { type: 'alias', label: 'P', column: 'a' },
    ])
    expect(run('SELECT 1 AS "One"').labels).toEqual([{ type: 'alias', label: 'One' }])
  })

  it('reads the aliases of derived tables and CTEs, for the columns read from them', () => {
    expect(
      run(
        'WITH c AS (SELECT a AS "Cte", b FROM t) SELECT * FROM c, (SELECT x AS Derived, 1 AS "N" FROM u) d',
      ).derivedLabels,
    ).toEqual(['Cte', 'Derived', 'N'])
    expect(run('(SELECT a AS "P" FROM t) UNION (SELECT b AS "Q" FROM u)').derivedLabels).toEqual([])
  })

  it('gives no labels to a statement without a SELECT', () => {
    expect(run('UPDATE t SET a = 1').labels).toBeUndefined()
    expect(run('UPDATE t SET a = 1').derivedLabels).toBeUndefined()
  })
})
