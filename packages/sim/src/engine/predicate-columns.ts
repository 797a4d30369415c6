/**
 * IRIS SQL has no boolean values (docs/iris-sql.md#booleans): a predicate (`a = 1`, `a IS NULL`,
 * `EXISTS (...)`) is a condition, never a selected value. PostgreSQL types such a select item
 * `boolean`, and nothing else is: BIT is the sim's own domain over smallint, which PostgreSQL
 * describes as smallint. So the result's column types find every predicate of a select list, however
 * deeply it hides (`COALESCE(a = 1, b = 2)`, a CASE that yields one, a subquery's), at no cost beyond
 * the description PostgreSQL gives anyway; this runs before any row reaches the client, at Describe
 * and at Execute alike.
 */
import { irisError } from '../translate/iris-error.js'
import { OID } from './result-shaping.js'
import type { FieldDescription, SimError } from './types.js'

function predicateColumn(name: string): SimError {
  return irisError(
    -1,
    `result column ${name} is a predicate: IRIS SQL selects no boolean values; select CASE WHEN <predicate> THEN 1 ELSE 0 END instead`,
  )
}

/** Throws for the first result column PostgreSQL typed boolean. */
export function refusePredicateColumns(fields: readonly FieldDescription[]): void {
  const predicate = fields.find((field) => field.dataTypeID === OID.bool)
  if (predicate) throw predicateColumn(predicate.name)
}
