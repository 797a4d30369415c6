/**
 * The name a CREATE TABLE gives its table, checked against iris-pgwire's case rewrite
 * (docs/iris-sql.md#identifiers): iris-pgwire upper-cases that name, schema included and even when
 * quoted, with a full Unicode upper-casing (Python's `str.upper`), so `ß` becomes `SS` and `ﬀ`
 * `FF`. IRIS compares names case-insensitively, so a name whose upper-case form differs only in case
 * is still found as written; one whose upper-case form has other letters would create a table that
 * no later statement finds by the name given (iris-pgwire keeps quoted names elsewhere). Such a name
 * is refused before anything is sent.
 */
import type { CreateTableNode } from 'kysely'
import { IrisUnsupportedError } from './errors.js'
import { sanitizeIrisIdentifier } from './iris-sql-text.js'

/** Whether upper-casing changes the name beyond its case (`ß` → `SS`), not just its case (`é` → `É`). */
function upperCaseChangesLetters(name: string): boolean {
  return name.toUpperCase().toLowerCase() !== name.toLowerCase()
}

export function checkCreatedTableName(node: CreateTableNode): void {
  const { schema, identifier } = node.table.table
  for (const name of [schema?.name, identifier.name]) {
    if (name === undefined) continue
    // A name the identifier check refuses (too long, rewritten by iris-pgwire) is refused as such first.
    sanitizeIrisIdentifier(name)
    if (upperCaseChangesLetters(name)) {
      throw new IrisUnsupportedError(
        `cannot create a table under the name ${JSON.stringify(name)}: iris-pgwire upper-cases a CREATE TABLE's table and schema names, even quoted, which makes it ${JSON.stringify(name.toUpperCase())}, a name IRIS does not match to ${JSON.stringify(name)}. Nothing was sent; use a name whose letters keep their number and kind when upper-cased (${JSON.stringify(name.toUpperCase())} itself, for one)`,
      )
    }
  }
}
