/**
 * The IRIS error shape (docs/iris-sql.md#error-format): SQLSTATE `42000` and a message carrying the
 * SQLCODE, `[SQLCODE: <-n>:<text>]`, followed on a new line by `[%msg: <detail>]` when there is a
 * detail, as IRIS words it. Used by the translator for what IRIS rejects and by the engine for
 * PostgreSQL errors mapped to SQLCODEs (docs/iris-sql.md#sqlcodes).
 */
import { SimError } from '../engine/types.js'

/** IRIS's own text for the SQLCODEs the sim raises (docs/iris-sql.md#sqlcodes, doc `RERR_sql`). */
export const SQLCODE_TEXT: Readonly<Record<number, string>> = {
  [-1]: 'Invalid SQL statement',
  [-8]: 'Invalid DATEPART code for DATEPART(), DATENAME(), DATEADD(), or DATEDIFF()',
  [-12]: 'A term expected, beginning with either an identifier or a constant',
  [-25]: 'Input encountered after end of query',
  [-29]: 'Field not found in the applicable tables',
  [-30]: 'Table or view not found',
  [-104]:
    'Field validation failed in INSERT, or value failed to convert in DisplayToLogical or OdbcToLogical',
  [-107]: 'Cannot UPDATE RowID or RowID based on field',
  [-108]: 'Required field missing; INSERT or UPDATE not allowed',
  [-110]: 'Locking conflict in filing',
  [-111]: "Cannot INSERT into a 'Default Only' RowID or RowID based on field",
  [-114]: 'One or more matching rows is locked by another user',
  [-116]: 'Cardinality mismatch on INSERT/UPDATE between values list and number of table columns',
  [-119]: 'UNIQUE or PRIMARY KEY constraint failed uniqueness check upon INSERT',
  [-120]: 'UNIQUE or PRIMARY KEY constraint failed uniqueness check upon UPDATE',
  [-121]: 'FOREIGN KEY constraint failed referential check upon INSERT of row in referencing table',
  [-122]: 'FOREIGN KEY constraint failed referential check upon UPDATE of row in referencing table',
  [-123]: 'FOREIGN KEY constraint failed referential check upon UPDATE of row in referenced table',
  [-124]: 'FOREIGN KEY constraint failed referential check upon DELETE of row in referenced table',
  [-146]: 'Unable to convert date input to a valid logical date value',
  [-147]: 'Unable to convert time input to a valid logical time value',
  [-257]: 'Vector operation on vectors of different types',
  [-258]: 'Vector operation on vectors of different lengths',
  [-259]: 'Vector function with invalid arguments',
  [-301]: 'Savepoint name is not a valid identifier', // wording [unverified] (docs/iris-sql.md#savepoints)
  [-302]: 'Savepoint name cannot begin with SYS', // wording [unverified] (docs/iris-sql.md#savepoints)
  [-359]: 'SQL Function (function stored procedure) not found',
  [-375]: 'Cannot ROLLBACK to unestablished savepoint',
  [-378]: 'Datatype mismatch',
  [-386]: 'TOP, LIMIT and FETCH cannot be mixed in one query',
  [-400]: 'Fatal error occurred',
}

/** The message IRIS sends: `[SQLCODE: <-n>:<text>]` and, when given, `\r\n[%msg: <detail>]`. */
export function irisErrorMessage(sqlcode: number, text: string, detail?: string): string {
  const head = `[SQLCODE: <${sqlcode}>:<${text}>]`
  return detail === undefined ? head : `${head}\r\n[%msg: <${detail}>]`
}

/**
 * An IRIS error as a {@link SimError} (SQLSTATE 42000, docs/iris-sql.md#error-format). `text`
 * defaults to IRIS's own wording for the SQLCODE.
 */
export function irisError(sqlcode: number, detail?: string, text?: string): SimError {
  const wording = text ?? SQLCODE_TEXT[sqlcode] ?? 'SQL error'
  return new SimError(
    { severity: 'ERROR', code: '42000', message: irisErrorMessage(sqlcode, wording, detail) },
    sqlcode,
  )
}
