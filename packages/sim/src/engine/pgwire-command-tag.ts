/**
 * The CommandComplete tag iris-pgwire 1.0.1 sends for a statement it passed to IRIS
 * (docs/iris-sql.md#iris-pgwire-result-quirks): named after the statement's first word, followed
 * by the number of rows it sent; for INSERT, UPDATE and DELETE that count is appended to a count of
 * its own, also the rows sent, so DML reports 0 rows (`INSERT 0 0 0`, `UPDATE 0 0`). A statement
 * that starts with none of the words it knows is `UNKNOWN n`; so is `BEGIN` with modifiers, which
 * iris-pgwire has rewritten to `START TRANSACTION ...` by then.
 */

/** iris-pgwire's transaction translator turns `BEGIN [TRANSACTION | WORK] [modifiers]` into `START TRANSACTION ...`. */
const BEGIN_WITH_ANYTHING = /^\s*BEGIN(?:\s+TRANSACTION|\s+WORK)?(?:\s+.*)?$/i

const NAMED_TAGS = ['CREATE', 'DROP', 'ALTER', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SHOW'] as const

export function pgwireCommandTag(statement: string, rowsSent: number): string {
  const text = statement.trim().replace(/;+$/, '').trim()
  if (BEGIN_WITH_ANYTHING.test(text)) return `UNKNOWN ${rowsSent}`
  const upper = text.toUpperCase()
  if (upper.startsWith('SELECT')) return `SELECT ${rowsSent}`
  if (upper.startsWith('INSERT')) return `INSERT 0 ${rowsSent} ${rowsSent}`
  if (upper.startsWith('UPDATE')) return `UPDATE ${rowsSent} ${rowsSent}`
  if (upper.startsWith('DELETE')) return `DELETE ${rowsSent} ${rowsSent}`
  const named = NAMED_TAGS.find((word) => upper.startsWith(word))
  return `${named ?? 'UNKNOWN'} ${rowsSent}`
}
