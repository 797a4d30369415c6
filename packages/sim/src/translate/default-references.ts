/**
 * `REFERENCES t` without a column list (docs/iris-sql.md#foreign-keys): IRIS references t's primary
 * key, else its IDENTITY column, else its RowID if that is public, else fails with SQLCODE -315.
 * PostgreSQL takes the primary key only, so a step checks t before the statement runs: no primary
 * key and an IDENTITY column is refused as not modelled, neither is IRIS's -315 (a table the
 * simulator creates never has a public RowID, docs/iris-sql.md#rowid).
 */

import { qualifiedSql, quoteLiteral, readQualifiedName } from './names.js'
import { isPunct, isWord, nextSignificant, type Token } from './tokenizer.js'

/** The checks of each `REFERENCES t` of a CREATE or ALTER TABLE statement that names no columns. */
export function defaultReferenceSteps(tokens: readonly Token[]): string[] {
  const steps: string[] = []
  tokens.forEach((token, at) => {
    if (!isWord(token, 'REFERENCES')) return
    const name = readQualifiedName(tokens, nextSignificant(tokens, at + 1))
    if (!name || isPunct(tokens[nextSignificant(tokens, name.end)], '(')) return
    const table = `to_regclass(${quoteLiteral(qualifiedSql(name.table))})`
    steps.push(`call iris_sim.check_default_reference(${table})`)
  })
  return steps
}
