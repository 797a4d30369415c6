/**
 * A literal DEFAULT its column's type holds differently in IRIS (docs/iris-sql.md#column-defaults).
 * IRIS does not validate a default when it creates the table, and on INSERT stores it ignoring the
 * column's type (`INT DEFAULT 'No Number'`). The simulator's column holds values of its type only,
 * and PostgreSQL would convert the literal or fail the CREATE TABLE; so here a string default of a
 * numeric column that is no number is refused, and so is any literal default of a date or time
 * column, whose logical value in IRIS is a number (or, for TIMESTAMP, text or a number depending on
 * the mapping) the literal stored as written stands for.
 */
import { irisError } from './iris-error.js'
import { isPunct, isWord, nextSignificant, type Token } from './tokenizer.js'
import type { IrisType } from './types.js'

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/
const DECIMAL_TEXT = /^\s*(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|nan|[+-]?inf(?:inity)?)\s*$/i

/** The strings PostgreSQL converts to each numeric data type (INFORMATION_SCHEMA's DATA_TYPE). */
const NUMBER_TEXT: Readonly<Record<string, RegExp>> = {
  integer: INTEGER_TEXT,
  bigint: INTEGER_TEXT,
  smallint: INTEGER_TEXT,
  tinyint: INTEGER_TEXT,
  bit: INTEGER_TEXT,
  numeric: DECIMAL_TEXT,
  double: DECIMAL_TEXT,
}

/** A date or time type's logical value in IRIS, and the default to write instead of a literal. */
interface ClockType {
  logical: string
  instead: string
}

const CLOCK_TYPES: Readonly<Record<string, ClockType>> = {
  date: {
    logical: 'a $HOROLOG day count',
    instead: "CURRENT_DATE or TO_DATE('2024-01-31', 'YYYY-MM-DD')",
  },
  time: { logical: 'a count of seconds since midnight', instead: 'CURRENT_TIME' },
  posixtime: { logical: 'an encoded 64-bit integer', instead: 'CURRENT_TIMESTAMP' },
  // Which class IRIS maps TIMESTAMP to differs between its lists (docs/iris-sql.md#column-types).
  timestamp: {
    logical: 'ODBC text as %Library.TimeStamp or an encoded integer as %Library.PosixTime',
    instead: 'CURRENT_TIMESTAMP',
  },
}

/** The literal a DEFAULT in `tokens` gives (`'x'`, `5`, `-1`), if any. */
function defaultLiteral(tokens: readonly Token[]): string | undefined {
  const at = tokens.findIndex((token) => isWord(token, 'DEFAULT'))
  if (at < 0) return undefined
  let valueAt = nextSignificant(tokens, at + 1)
  if (isPunct(tokens[valueAt], '(')) valueAt = nextSignificant(tokens, valueAt + 1)
  const value = tokens[valueAt]
  const sign = value?.type === 'op' && ['-', '+'].includes(value.text) ? value.text : ''
  const literal = sign ? tokens[nextSignificant(tokens, valueAt + 1)] : value
  if (literal?.type === 'string' || literal?.type === 'number') return sign + literal.text
  return undefined
}

/** Throws for a DEFAULT of a numeric column that is a string but no number. */
function checkNumberDefault(literal: string, type: IrisType, column: string): void {
  const pattern = NUMBER_TEXT[type.dataType]
  if (!pattern || !literal.startsWith("'")) return
  if (pattern.test(literal.slice(1, -1).replaceAll("''", "'"))) return
  throw irisError(
    -1,
    `DEFAULT ${literal} is no ${type.irisType} value: IRIS takes it and stores it in ${column} as written, ignoring the column's type, which the simulator cannot hold in the column; give ${column} a default of its type`,
  )
}

/** Throws for a literal DEFAULT of a date or time column. */
function checkClockDefault(literal: string, type: IrisType, column: string): void {
  const clock = CLOCK_TYPES[type.dataType]
  if (!clock) return
  throw irisError(
    -1,
    `DEFAULT ${literal} of the ${type.irisType} column ${column}: IRIS stores a default as written, where a ${type.irisType} holds ${clock.logical}, and what it then returns is not known; write DEFAULT ${clock.instead}, or test it on IRIS`,
  )
}

/** Throws if the column definition after the type (`tokens`) has a literal DEFAULT its type holds otherwise in IRIS. */
export function checkDefaultType(tokens: readonly Token[], type: IrisType, column: string): void {
  const literal = defaultLiteral(tokens)
  if (literal === undefined) return
  checkNumberDefault(literal, type, column)
  checkClockDefault(literal, type, column)
}
