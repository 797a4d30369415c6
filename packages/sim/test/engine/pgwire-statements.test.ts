/**
 * What iris-pgwire 1.0.1 reads from a statement's text: the verbs it answers itself
 * (docs/iris-sql.md#iris-pgwire-transactions), its command tags
 * (docs/iris-sql.md#iris-pgwire-result-quirks), and how Python writes a float it sends
 * (docs/iris-sql.md#result-types).
 */
import { describe, expect, it } from 'vitest'
import { pgwireCommandTag } from '../../src/engine/pgwire-command-tag.js'
import { interceptedVerb } from '../../src/engine/pgwire-intercepts.js'
import { pythonFloatRepr } from '../../src/engine/python-float-repr.js'
import { SimError } from '../../src/engine/types.js'

describe('interceptedVerb', () => {
  it.each([
    ['BEGIN', 'simple', 'BEGIN'],
    [' start transaction ', 'simple', 'BEGIN'],
    ['END', 'simple', 'COMMIT'],
    ['rollback', 'simple', 'ROLLBACK'],
    ['BEGIN WORK', 'simple', undefined],
    ['COMMIT WORK', 'simple', undefined],
    ['BEGIN WORK', 'extended', 'BEGIN'],
    ['COMMIT TRANSACTION;', 'extended', 'COMMIT'],
    ['ROLLBACK WORK', 'extended', 'ROLLBACK'],
    ['START TRANSACTION ISOLATION LEVEL READ COMMITTED', 'extended', undefined],
    ['START  TRANSACTION', 'extended', undefined],
    ['SAVEPOINT sp', 'simple', undefined],
    ['SET TRANSACTION READ ONLY', 'simple', 'SET'],
    ['RESET ALL', 'simple', 'SET'],
    ['RESET ALL', 'extended', undefined],
    ['SET "x" = 1', 'extended', 'SET'],
  ] as const)('%j on the %s path → %s', (statement, path, verb) => {
    expect(interceptedVerb(statement, path)).toBe(verb)
  })

  it('refuses a simple-path SET that names no parameter with 42601', () => {
    expect(() => interceptedVerb('SET "x" = 1', 'simple')).toThrow(SimError)
  })
})

describe('pgwireCommandTag', () => {
  it.each([
    ['SELECT 1', 3, 'SELECT 3'],
    ['  insert into t values (1)', 0, 'INSERT 0 0 0'],
    ['UPDATE t SET a = 1', 0, 'UPDATE 0 0'],
    ['DELETE FROM t', 0, 'DELETE 0 0'],
    ['CREATE TABLE t (a INTEGER)', 0, 'CREATE 0'],
    ['COMMIT WORK', 0, 'COMMIT 0'],
    ['ROLLBACK TO SAVEPOINT sp', 0, 'ROLLBACK 0'],
    ['BEGIN WORK', 0, 'UNKNOWN 0'],
    ['BEGIN ISOLATION LEVEL READ COMMITTED', 0, 'UNKNOWN 0'],
    ['WITH q AS (SELECT 1 AS a) SELECT a FROM q', 1, 'UNKNOWN 1'],
    ['SAVEPOINT sp', 0, 'UNKNOWN 0'],
  ])('%j with %i rows sent → %j', (statement, rows, tag) => {
    expect(pgwireCommandTag(statement, rows)).toBe(tag)
  })
})

describe('pythonFloatRepr', () => {
  it.each([
    ['100', '100.0'],
    ['1.5', '1.5'],
    ['-0', '-0.0'],
    ['1e15', '1000000000000000.0'],
    ['1e16', '1e+16'],
    ['0.0001', '0.0001'],
    ['0.00001', '1e-05'],
    ['123456789012345680', '1.2345678901234568e+17'],
    ['Infinity', 'inf'],
    ['-Infinity', '-inf'],
    ['NaN', 'nan'],
  ])('str(float(%j)) is %j', (text, repr) => {
    expect(pythonFloatRepr(text)).toBe(repr)
  })
})
