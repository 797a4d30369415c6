/**
 * What the translator refuses before anything is rewritten: row values (row-values.ts), the
 * PostgreSQL syntax of one table (postgres-syntax.ts), calls as FROM items (from-functions.ts),
 * boolean values and predicates used as values (boolean-values.ts, predicate-operands.ts), and
 * %PATTERN, IRIS SQL the simulator does not model (docs/iris-sql.md#sqlcodes for the SQLCODEs).
 */
import { rejectBooleanValues } from './boolean-values.js'
import { rejectFromFunctions } from './from-functions.js'
import { irisError } from './iris-error.js'
import { rejectPostgresSyntax } from './postgres-syntax.js'
import { rejectPredicateOperands } from './predicate-operands.js'
import { rejectRowValues } from './row-values.js'
import { isTrivia, isWord, type Token } from './tokenizer.js'

/** Throws for the first construct IRIS rejects, or that the simulator does not model. */
export function rejectUnsupported(tokens: readonly Token[]): void {
  const significant = tokens.filter((token) => !isTrivia(token))
  rejectRowValues(significant)
  rejectPostgresSyntax(tokens)
  rejectFromFunctions(tokens)
  rejectBooleanValues(significant)
  rejectPredicateOperands(significant)
  if (significant.some((token) => isWord(token, '%PATTERN'))) {
    throw irisError(
      -1,
      '%PATTERN is IRIS SQL, but the simulator does not model it; use %MATCHES or LIKE, or test it on IRIS',
    ) // docs/iris-sql.md#matches
  }
}
