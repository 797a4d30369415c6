/**
 * PostgreSQL errors → IRIS errors (docs/iris-sql.md#error-format): SQLSTATE 42000 and
 * `[SQLCODE: <-n>:<text>]`, with PostgreSQL's own message as the `%msg` detail. The statement kind
 * picks between the INSERT and UPDATE (and DELETE) variants of the constraint codes
 * (docs/iris-sql.md#sqlcodes). The runtime's own errors use SQLSTATE `IRnnn` for SQLCODE -nnn
 * (src/translate/runtime.ts). Codes IRIS's documentation does not give are guesses, marked
 * [unverified] in docs/iris-sql.md#sqlcodes (and docs/iris-sql.md#the-vector-type for a vector of
 * the wrong length).
 */

import { irisError } from '../translate/iris-error.js'
import { NVL_MISMATCH } from '../translate/nvl.js'
import type { StatementKind } from '../translate/plan.js'
import { AS_VARCHAR } from '../translate/varchar-repair.js'
import type { PgError } from './backend.js'
import { DATE_ARITHMETIC_REFUSED } from './date-arithmetic.js'
import { SimError } from './types.js'

/** A SQLSTATE the client must see as itself, not as an IRIS error (query cancel). */
const PASSED_THROUGH = new Set(['57014'])

/** SQLSTATE → SQLCODE where the statement kind does not matter. */
const BY_SQLSTATE: Readonly<Record<string, number>> = {
  '23502': -108, // not_null_violation: required field missing
  '22001': -104, // string_data_right_truncation: value too long
  '22003': -104, // numeric_value_out_of_range
  '22P02': -104, // invalid_text_representation
  '22007': -104, // invalid_datetime_format
  '22008': -104, // datetime_field_overflow
  '23514': -104, // check_violation (domains: BIT, TINYINT ranges)
  '42P01': -30, // undefined_table
  '3F000': -30, // invalid_schema_name: the table's schema does not exist either
  '42703': -29, // undefined_column
  '42P06': -476, // duplicate_schema: CREATE SCHEMA of a schema that exists (docs/iris-sql.md#schemas)
  '42P07': -201, // duplicate_table [unverified]
  '42701': -306, // duplicate_column [unverified]
  '42704': -400, // undefined_object
  '42883': -359, // undefined_function [unverified]
  '428C9': -111, // generated_always: an explicit value into an IDENTITY column (docs/iris-sql.md#identity-columns) [unverified]
  '25006': -400, // read_only_sql_transaction: a write in a READ ONLY transaction [unverified]
  '55P03': -110, // lock_not_available
  '40P01': -110, // deadlock_detected
  '54001': -400, // statement_too_complex: too deep for PGlite's stack (backend.ts, docs/iris-sql.md#simulator-limits) [unverified]
}

/** IRIS wording for the guessed codes above (the documented codes are in SQLCODE_TEXT). */
const EXTRA_TEXT: Readonly<Record<number, string>> = {
  [-201]: 'Table or view name not unique',
  [-306]: 'Column name is not unique',
  [-320]: 'Cannot DROP table - One or more foreign keys reference it', // wording [unverified]
  [-315]: 'Foreign key references no key of the referenced table', // wording [unverified]
  [-321]: 'Cannot DROP - One or more views reference it', // wording [unverified]
}

/**
 * PostgreSQL's syntax error for an INSERT whose values do not match its columns, in number
 * (docs/iris-sql.md#sqlcodes: IRIS's -116).
 */
const INSERT_ARITY =
  /^INSERT has more (?:target columns than expressions|expressions than target columns)/

/** PostgreSQL's refusal to drop a view another view reads. */
const DROP_READ_BY_VIEW = /^cannot drop view /

/** `insert or update on table "x" violates foreign key ...` is the referencing side. */
function foreignKeyCode(error: PgError, kind: StatementKind): number {
  const referencing = /^insert or update on table/.test(error.message)
  if (referencing) return kind === 'update' ? -122 : -121
  return kind === 'delete' ? -124 : -123
}

function sqlcodeOf(error: PgError, kind: StatementKind): number {
  const runtime = /^IR(\d{3})$/.exec(error.code)
  if (runtime) return -Number(runtime[1])
  switch (error.code) {
    case '23505': // unique_violation
      return kind === 'update' ? -120 : -119
    case '23503': // foreign_key_violation
      return foreignKeyCode(error, kind)
    case '2BP01': // dependent_objects_still_exist: DROP VIEW / DROP TABLE of what a view reads (docs/iris-sql.md#create-and-drop)
      return DROP_READ_BY_VIEW.test(error.message) ||
        /\bview \S+ depends on /.test(error.detail ?? '')
        ? -321
        : -400
    case '42601': // syntax_error
      return INSERT_ARITY.test(error.message) ? -116 : -1
    case '22000': // data_exception: pgvector's "different vector dimensions %d and %d" (docs/iris-sql.md#vector-functions)
      if (/different vector dimensions/.test(error.message)) return -258
      if (/expected \d+ dimensions/.test(error.message)) return -104
      return -400
  }
  const mapped = BY_SQLSTATE[error.code]
  if (mapped !== undefined) return mapped
  if (error.code.startsWith('22')) return -104 // other data exceptions: invalid value
  if (error.code.startsWith('42')) return -1 // other syntax / access rule errors
  return -400 // fatal error
}

/**
 * `t."%id"`, the translation of `%ID` (translate/row-id.ts), on a relation without a `%ID`
 * function: a view, or a table whose IDENTITY column was dropped (docs/iris-sql.md#rowid).
 */
const NO_ROW_ID = /^column (.+)\.%id does not exist$/

/**
 * A foreign key whose referenced columns are no key of their table (docs/iris-sql.md#foreign-keys):
 * PostgreSQL's text names neither the fact IRIS reports nor the fix.
 */
function foreignKeyTargetError(error: PgError): SimError | undefined {
  const notUnique =
    /^there is no unique constraint matching given keys for referenced table "(.+)"$/
  const noPrimaryKey = /^there is no primary key for referenced table "(.+)"$/
  const columns = error.code === '42830' ? notUnique.exec(error.message) : null
  if (columns) {
    return irisError(
      -314,
      `the foreign key references columns of ${columns[1]} that are no primary key or unique key of it; reference its primary key, or make those columns UNIQUE`,
      'Foreign key references non-unique key/column collection',
    )
  }
  const table = error.code === '42704' ? noPrimaryKey.exec(error.message) : null
  if (!table) return undefined
  return irisError(
    -1,
    `the foreign key names no columns and ${table[1]} has no primary key: IRIS references its IDENTITY column then, which the simulator does not model, or fails with SQLCODE -315 without one; name a primary key or UNIQUE column of ${table[1]}`,
  )
}

/** PostgreSQL's refusal to give one type to a construct whose parts have types of different kinds. */
const MIXED_TYPES = /^(\S+) types (.+) and (.+) cannot be matched$/

/** A construct (`CASE`, `UNION`, `COALESCE` ...) and the two types PostgreSQL could not match in it. */
export interface TypeMix {
  construct: string
  types: readonly [string, string]
}

/** The construct and types of PostgreSQL's refusal to match types, or undefined for another error. */
export function typeMixOf(error: PgError): TypeMix | undefined {
  const mixed = error.code === '42804' ? MIXED_TYPES.exec(error.message) : null
  if (!mixed) return undefined
  const [, construct, first, second] = mixed
  return { construct: construct ?? '', types: [first ?? '', second ?? ''] }
}

/** PostgreSQL type names as IRIS names them (the sim's collated string type is VARCHAR). */
const IRIS_TYPE_NAMES: Readonly<Record<string, string>> = {
  'iris_sim.string': 'VARCHAR',
  'character varying': 'VARCHAR',
  text: 'VARCHAR',
  'double precision': 'DOUBLE',
  'timestamp without time zone': 'TIMESTAMP',
  'time without time zone': 'TIME',
}
const irisTypeName = (name: string) => IRIS_TYPE_NAMES[name] ?? name.toUpperCase()

const DATE_TYPES = new Set(['DATE', 'TIME', 'TIMESTAMP'])

/**
 * A mix the engine did not compute (docs/iris-sql.md#implicit-conversion): COALESCE refuses a
 * string with another type on IRIS too (SQLCODE -378); CASE, UNION and the rest get the type of
 * higher data type precedence on IRIS, which the engine computes for a string with a number
 * (mixed-type-repair.ts) but not with a date, whose string form on IRIS depends on the select mode.
 */
function mixedTypesError(error: PgError): SimError | undefined {
  const mix = typeMixOf(error)
  if (!mix) return undefined
  const { construct } = mix
  const [first, second] = mix.types.map(irisTypeName)
  const types = `${first} and ${second}`
  if (construct === 'COALESCE') {
    return irisError(
      -378,
      `COALESCE mixes ${types}: IRIS refuses COALESCE over a non-numeric argument and one of another type; the simulator runs {fn IFNULL} as COALESCE and so refuses it too, though its typing on IRIS is not documented; CAST the arguments to one type, e.g. CAST(x AS VARCHAR)`,
    )
  }
  if (DATE_TYPES.has(first ?? '') || DATE_TYPES.has(second ?? ''))
    return dateMixError(`${construct} mixes ${types}`)
  return irisError(
    -1,
    `${construct} mixes ${types}: IRIS gives the result the data type of higher precedence (VARCHAR above every number), which the simulator computes for a string with a number only; CAST the values to one type, e.g. CAST(x AS VARCHAR)`,
  )
}

/**
 * NVL or ISNULL whose replacement the simulator does not convert (docs/iris-sql.md#implicit-conversion):
 * IRIS converts the replacement to the checked expression's type, which the simulator does for a
 * number replacing a string only (mixed-type-repair.ts); how IRIS converts a string to a number,
 * or a date to anything, there is not documented.
 */
function nvlMismatchError(error: PgError): SimError | undefined {
  const match = error.code === '42883' ? NVL_MISMATCH.exec(error.message) : null
  if (!match) return undefined
  const [, fn = '', checked = '', replacement = ''] = match
  const [to, from] = [irisTypeName(checked), irisTypeName(replacement)]
  return irisError(
    -378,
    `${fn.toUpperCase()} with a ${to} checked expression and a ${from} replacement: IRIS converts the replacement to the checked expression's type, ${to}, which the simulator does for a number replacing a string only, since how IRIS converts ${from} to ${to} there is not documented; CAST the replacement to ${to}, or the checked expression to VARCHAR`,
  )
}

/** A string mixed with a date or time where IRIS gives VARCHAR: the string IRIS writes is not documented. */
function dateMixError(what: string): SimError {
  return irisError(
    -1,
    `${what}: IRIS gives the result the data type of higher precedence, VARCHAR, but which string it writes for a date or time there depends on the select mode and is not documented, so the simulator refuses it; CAST the values to one type, e.g. CAST(x AS VARCHAR)`,
  )
}

/** PostgreSQL's type names of DATE, TIME and TIMESTAMP. */
const DATE_TYPE = '(?:date|time without time zone|timestamp without time zone)'

/** A date or time among the values the engine wrote as VARCHAR (mixed-type-repair.ts, STRING's arguments). */
const DATE_AS_VARCHAR = new RegExp(
  `^function ${AS_VARCHAR.replace('.', '[.]')}\\((${DATE_TYPE})\\) does not exist$`,
)

function dateAsVarcharError(error: PgError): SimError | undefined {
  const date = error.code === '42883' ? DATE_AS_VARCHAR.exec(error.message) : null
  return date
    ? dateMixError(
        `a CASE or UNION mixing a string and a number, or a STRING call, has a ${irisTypeName(date[1] ?? '')}`,
      )
    : undefined
}

/** PostgreSQL's refusal of a string as a number: a literal typed as the number it meets. */
const NOT_A_NUMBER =
  /^invalid input syntax for type (smallint|integer|bigint|numeric|double precision): (".*")$/s

/**
 * A non-numeric string where a number is wanted (docs/iris-sql.md#implicit-conversion): IRIS fails
 * it as a field's value; against a number (`id = 'abc'`) what IRIS does is [unverified], so the
 * simulator refuses it too, saying so.
 */
function notANumberError(error: PgError): SimError | undefined {
  const match = error.code === '22P02' ? NOT_A_NUMBER.exec(error.message) : null
  if (!match) return undefined
  const type = irisTypeName(match[1] ?? '')
  return irisError(
    -104,
    `${match[2]} is not a valid ${type}: IRIS refuses it as the value of a ${type} field, and what IRIS does where it meets a ${type} in a comparison, an IN list, a CASE or as the replacement in NVL is not documented, so the simulator refuses that too; give a number, or CAST the ${type} to VARCHAR to compare as strings`,
  )
}

/**
 * `d + ?` and `? + d`: PostgreSQL cannot choose among its date and time operators (and the
 * simulator's, date-arithmetic.ts) for an operand it reads as any type; the simulator refuses
 * every one of them (docs/iris-sql.md#date-functions), so it says so.
 */
const DATE_OPERATOR_NOT_UNIQUE = new RegExp(
  `^operator is not unique: (?:${DATE_TYPE} [+-] unknown|unknown [+-] ${DATE_TYPE})$`,
)

/** The IRIS error for a PostgreSQL error raised by a statement of kind `kind`. */
export function toIrisError(error: PgError, kind: StatementKind): SimError {
  if (PASSED_THROUGH.has(error.code)) {
    return new SimError({ severity: 'ERROR', code: error.code, message: error.message })
  }
  const noRowId = error.code === '42703' ? NO_ROW_ID.exec(error.message) : null
  if (noRowId) {
    return irisError(
      -1,
      `%ID of ${noRowId[1]}: it has no RowID in the simulator, which gives one to every table it creates but none to a view, nor to a table whose IDENTITY column was dropped; read %ID from a table`,
    )
  }
  if (error.code === '42725' && DATE_OPERATOR_NOT_UNIQUE.test(error.message))
    return irisError(-1, DATE_ARITHMETIC_REFUSED)
  const foreignKeyTarget = foreignKeyTargetError(error)
  if (foreignKeyTarget) return foreignKeyTarget
  const mixedTypes = mixedTypesError(error) ?? dateAsVarcharError(error) ?? nvlMismatchError(error)
  if (mixedTypes) return mixedTypes
  const notANumber = notANumberError(error)
  if (notANumber) return notANumber
  const sqlcode = sqlcodeOf(error, kind)
  const detail = error.detail ? `${error.message} (${error.detail})` : error.message
  return irisError(sqlcode, detail, EXTRA_TEXT[sqlcode])
}

/** SQLSTATE 57014, as PostgreSQL reports a cancelled statement. */
export function queryCanceled(): SimError {
  return new SimError({
    severity: 'ERROR',
    code: '57014',
    message: 'canceling statement due to user request',
  })
}

/** SQLCODE -110: a wait for another connection's transaction or table lock ran out (docs/iris-sql.md#sqlcodes). */
export function lockTimeout(what: string, waitedMs: number): SimError {
  return irisError(-110, `timed out after ${waitedMs} ms waiting for ${what}`)
}
