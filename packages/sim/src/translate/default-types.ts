/**
 * A string DEFAULT of a numeric column (docs/iris-sql.md#column-defaults). IRIS does not validate a
 * default when it creates the table, and on INSERT stores it ignoring the column's type
 * (`INT DEFAULT 'No Number'`). The simulator's column holds values of its type only, and PostgreSQL
 * would fail the CREATE TABLE with a conversion error; so a string that is no number is refused
 * here, saying so. A string PostgreSQL converts (`'5'`) runs.
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

/** Throws if the column definition after the type (`tokens`) has a string DEFAULT its numeric type cannot hold. */
export function checkDefaultType(tokens: readonly Token[], type: IrisType, column: string): void {
  const pattern = NUMBER_TEXT[type.dataType]
  const at = tokens.findIndex((token) => isWord(token, 'DEFAULT'))
  if (!pattern || at < 0) return
  let valueAt = nextSignificant(tokens, at + 1)
  if (isPunct(tokens[valueAt], '(')) valueAt = nextSignificant(tokens, valueAt + 1)
  const value = tokens[valueAt]
  if (value?.type !== 'string' || pattern.test(value.text.slice(1, -1).replaceAll("''", "'")))
    return
  throw irisError(
    -1,
    `DEFAULT ${value.text} is no ${type.irisType} value: IRIS takes it and stores it in ${column} as written, ignoring the column's type, which the simulator cannot hold in the column; give ${column} a default of its type`,
  )
}
