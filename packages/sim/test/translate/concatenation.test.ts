import { describe, expect, it } from 'vitest'
import { withoutCollationAt } from '../../src/translate/concatenation.js'
import type { TableRef } from '../../src/translate/plan.js'
import { sqlOf } from './helpers.js'

const exact = (chain: string) => `((${chain}) COLLATE iris_sim.exact)`

describe('a concatenation is collated EXACT unless it joins columns only (docs/iris-sql.md#collation)', () => {
  it('collates a chain with a literal, a parameter, a number or a call', () => {
    expect(sqlOf("SELECT a FROM t WHERE a || 'x' = 'abcx'")).toBe(
      `SELECT a FROM t WHERE ${exact("a || 'x'")} = 'abcx'`,
    )
    expect(sqlOf('SELECT a || ? || 1 AS k FROM t')).toBe(
      `SELECT ${exact('a || $1 || 1')} AS k FROM t`,
    )
    expect(sqlOf('SELECT a FROM t WHERE ABS(b) || a = ?')).toBe(
      `SELECT a FROM t WHERE ${exact('ABS(b) || a')} = $1`,
    )
  })

  it("takes PostgreSQL's extent of the chain: tighter operators inside, comparisons and keywords outside", () => {
    expect(sqlOf("SELECT a FROM t WHERE NOT a * 2 || -b = 'x' AND c || 'y' IN ('z')")).toBe(
      `SELECT a FROM t WHERE NOT ${exact('a * 2 || -b')} = 'x' AND ${exact("c || 'y'")} IN ('z')`,
    )
    expect(sqlOf("SELECT DISTINCT -1 || 'a', t.a || 'b' FROM t ORDER BY 1")).toBe(
      `SELECT ${exact("-1 || 'a'")}, ${exact("t.a || 'b'")} FROM t GROUP BY 1, 2 ORDER BY iris_sim.exact_order(${exact("-1 || 'a'")}) NULLS FIRST`,
    )
    expect(sqlOf("SELECT a FROM t WHERE a BETWEEN b || 'a' AND b || 'z'")).toBe(
      `SELECT a FROM t WHERE a BETWEEN ${exact("b || 'a'")} AND ${exact("b || 'z'")}`,
    )
  })

  it('collates chains inside parentheses, calls, CASE and windows, each at its own level', () => {
    expect(sqlOf("SELECT CASE WHEN a = 1 THEN b || 'x' ELSE c END || '!' FROM t")).toBe(
      `SELECT ${exact(`CASE WHEN a = 1 THEN ${exact("b || 'x'")} ELSE c END || '!'`)} FROM t`,
    )
    expect(sqlOf("SELECT (a || 'x') || b FROM t")).toBe(
      `SELECT ${exact(`(${exact("a || 'x'")}) || b`)} FROM t`,
    )
    expect(sqlOf("SELECT COUNT(*) OVER (PARTITION BY a || 'x') || 'y' FROM t")).toBe(
      `SELECT ${exact(`COUNT(*) OVER (PARTITION BY ${exact("a || 'x'")}) || 'y'`)} FROM t`,
    )
    expect(sqlOf("SELECT a FROM t WHERE a IN (SELECT b || 'x' FROM u)")).toBe(
      `SELECT a FROM t WHERE a IN (SELECT ${exact("b || 'x'")} FROM u)`,
    )
  })

  it('leaves a chain of columns, which keeps their collation when they share it', () => {
    expect(sqlOf('SELECT a || t.b || "c" FROM t WHERE a || b = ?')).toBe(
      'SELECT a || t.b || "c" FROM t WHERE a || b = $1',
    )
  })

  it('collates a chain of columns where the catalog tells one is no string or two collations differ', () => {
    const tables: Record<string, Record<string, string>> = {
      'SQLUser.t': { a: '1true', b: '1true', n: '', x: '2false' },
      'SQLUser.u': { a: '1true', c: '1true' },
    }
    const catalog = {
      starColumns: () => undefined,
      columns: (table: TableRef) => Object.keys(tables[`${table.schema}.${table.name}`] ?? {}),
      columnCollations: (table: TableRef) => {
        const columns = tables[`${table.schema}.${table.name}`]
        return columns && new Map(Object.entries(columns))
      },
    }
    const chained = (sql: string) => sqlOf(sql, { catalog })
    expect(chained('SELECT a || n, b || x, a || b FROM t')).toBe(
      `SELECT ${exact('a || n')}, ${exact('b || x')}, a || b FROM t`,
    )
    expect(chained('SELECT CONCAT(t.a, t.n), CONCAT(a, b) FROM t')).toBe(
      'SELECT (iris_sim.concat(t.a, t.n) COLLATE iris_sim.exact), iris_sim.concat(a, b) FROM t',
    )
    expect(chained('SELECT 1 FROM u WHERE EXISTS (SELECT 1 FROM t WHERE u.c || n = ?)')).toBe(
      `SELECT 1 FROM u WHERE EXISTS (SELECT 1 FROM t WHERE ${exact('u.c || n')} = $1)`,
    )
    // Not followed: a name two tables have, a derived table's column, an UPDATE's.
    for (const sql of [
      'SELECT a || c FROM t, u WHERE a || x = c',
      'SELECT a || n FROM (SELECT a, n FROM t) q',
      "UPDATE t SET a = 'z' WHERE a || n = b",
    ]) {
      expect(chained(sql).replace(' NULLS FIRST', '')).toBe(sql.replace(/\?/g, '$1'))
    }
  })

  it("leaves a LIKE pattern and a %STARTSWITH prefix under the value's collation, and collates the value", () => {
    expect(sqlOf("SELECT a FROM t WHERE a LIKE '%' || ? || '%' AND b %STARTSWITH 'x' || ?")).toBe(
      "SELECT a FROM t WHERE a LIKE '%' || $1 || '%' ESCAPE '' AND b LIKE iris_sim.startswith_pattern('x' || $2) ESCAPE '\\'",
    )
    expect(sqlOf("SELECT a FROM t WHERE a || 'x' LIKE ?")).toBe(
      `SELECT a FROM t WHERE ${exact("a || 'x'")} LIKE $1 ESCAPE ''`,
    )
  })

  it('leaves a statement without || as it is', () => {
    expect(sqlOf("SELECT a FROM t WHERE a = '||'")).toBe("SELECT a FROM t WHERE a = '||'")
  })
})

describe('|| applies at the level of + and -, left to right (docs/iris-sql.md#operators)', () => {
  it('parenthesises the chain before a + or - that follows a ||', () => {
    expect(sqlOf('SELECT a || b + 1 FROM t')).toBe('SELECT (a || b) + 1 FROM t')
    expect(sqlOf('SELECT a || b * 2 - c || d FROM t')).toBe(
      `SELECT ${exact('(a || b * 2) - c || d')} FROM t`,
    )
    expect(sqlOf("SELECT a FROM t WHERE a - 1 || 'x' = ? OR a || -1 = ?")).toBe(
      `SELECT a FROM t WHERE ${exact("a - 1 || 'x'")} = $1 OR ${exact('a || -1')} = $2`,
    )
  })
})

describe('withoutCollationAt', () => {
  const sql = `SELECT ${exact("b || 'x'")} FROM t`
  it('drops the collation PostgreSQL points at, where the value takes none (bytes)', () => {
    expect(withoutCollationAt(sql, sql.indexOf('COLLATE') + 1)).toBe("SELECT ((b || 'x') ) FROM t")
  })

  it('leaves any other position or collation alone', () => {
    expect(withoutCollationAt(sql, 1)).toBeUndefined()
    const other = 'SELECT a COLLATE "C" FROM t'
    expect(withoutCollationAt(other, other.indexOf('COLLATE') + 1)).toBeUndefined()
  })
})
