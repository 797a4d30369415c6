/**
 * IRIS data types (docs/iris-sql.md#column-types, vectors docs/iris-sql.md#the-vector-type) and the
 * PostgreSQL types that hold them with the same meaning. Used by DDL (column definitions) and by
 * CAST(x AS type).
 */

import { STRING_TYPE } from '../catalog/metadata.js'
import { type ColumnCollation, DEFAULT_COLUMN_COLLATION } from './column-collations.js'
import {
  COLUMN_TYPE_NAMES,
  LONGEST_COLUMN_TYPE_NAME,
  UNMODELLED_COLUMN_TYPE_NAMES,
} from './column-type-names.js'
import { irisError } from './iris-error.js'
import { closingParen, isTrivia, nextSignificant, type Token, tokenize } from './tokenizer.js'
import { typeClassAsDdl } from './type-classes.js'

/** Element types of VECTOR the sim supports (docs/iris-sql.md#the-vector-type). */
export type VectorElementType = 'FLOAT' | 'DOUBLE' | 'DECIMAL' | 'INTEGER'

/** A parsed IRIS type: its PostgreSQL spelling and what INFORMATION_SCHEMA.COLUMNS reports. */
export interface IrisType {
  /** PostgreSQL type, without collation. */
  pgType: string
  /** Collation a column of this type gets (string types: SQLUPPER, docs/iris-sql.md#collation). */
  collation?: ColumnCollation
  /** The PostgreSQL type of a column of this type under a collation blind to trailing blanks (VARCHAR / CHAR). */
  blankBlindPgType?: string
  /** As declared, upper case, e.g. `VARCHAR(50)`, `VECTOR(FLOAT,3)`. */
  irisType: string
  /** ODBC type name, lower case (docs/iris-sql.md#information_schema); `varchar` for VECTOR (docs/iris-sql.md#vector-columns-in-the-catalog). */
  dataType: string
  characterMaximumLength?: number
  numericPrecision?: number
  numericScale?: number
  vector?: { elementType: VectorElementType; length?: number }
}

/** PostgreSQL array/vector type per vector element type (docs/iris-sql.md#the-vector-type: each at its own precision). */
export const VECTOR_PG_TYPES: Record<VectorElementType, string> = {
  FLOAT: 'vector', // pgvector: single precision, as IRIS FLOAT vectors
  DOUBLE: 'float8[]',
  DECIMAL: 'numeric[]',
  INTEGER: 'int8[]',
}

const VECTOR_ELEMENT_ALIASES: Record<string, VectorElementType> = {
  FLOAT: 'FLOAT',
  DOUBLE: 'DOUBLE',
  DECIMAL: 'DECIMAL',
  NUMERIC: 'DECIMAL',
  INTEGER: 'INTEGER',
  INT: 'INTEGER',
}

/** The PostgreSQL type (with its collation) of a column of `type` under `collation` (docs/iris-sql.md#collation). */
export function columnPgType(type: IrisType, collation: ColumnCollation | undefined): string {
  if (!collation) return type.pgType
  const pgType =
    collation.ignoresTrailingBlanks && type.blankBlindPgType ? type.blankBlindPgType : type.pgType
  return `${pgType} COLLATE ${collation.pgCollation}`
}

/** Reads a vector element type keyword (any case, docs/iris-sql.md#to_vector); refuses STRING / TIMESTAMP (docs/iris-sql.md#the-vector-type). */
export function vectorElementType(word: string): VectorElementType {
  const upper = word.toUpperCase()
  const type = VECTOR_ELEMENT_ALIASES[upper]
  if (type) return type
  if (upper === 'STRING' || upper === 'TIMESTAMP') {
    throw irisError(
      -1,
      `VECTOR(${upper}) is not supported by the simulator (only FLOAT, DOUBLE, DECIMAL and INTEGER vectors)`,
    )
  }
  throw irisError(-1, `${word} is not a vector element type (FLOAT, DOUBLE, DECIMAL, INTEGER)`)
}

function positiveInteger(text: string | undefined, what: string): number {
  const value = Number(text)
  if (text === undefined || !/^\d+$/.test(text) || value < 1)
    throw irisError(-1, `${what} must be a positive integer`)
  return value
}

/** Builds the IRIS type named `name` (upper case) from its arguments. */
type TypeMaker = (args: string[], name: string) => IrisType

function simple(pgType: string, dataType: string, extra: Partial<IrisType> = {}): TypeMaker {
  return (_args, name) => ({ pgType, irisType: name, dataType, ...extra })
}

function stringType(name: string): (args: string[]) => IrisType {
  return (args) => {
    // docs/iris-sql.md#column-types: VARCHAR / CHAR without a length mean length 1.
    const length = args.length === 0 ? 1 : positiveInteger(args[0], `${name} length`)
    return {
      pgType: `varchar(${length})`,
      collation: DEFAULT_COLUMN_COLLATION,
      blankBlindPgType: `${STRING_TYPE}(${length})`,
      irisType: `${name}(${length})`,
      dataType: 'varchar',
      characterMaximumLength: length,
    }
  }
}

function numericType(name: string): (args: string[]) => IrisType {
  return (args) => {
    // A column's bare NUMERIC arrives as NUMERIC(15,0) (column-type-names.ts); only a CAST gets
    // here without a precision, and the scale IRIS gives it is unknown (docs/iris-sql.md#column-types).
    if (args.length === 0)
      throw irisError(
        -1,
        `CAST(x AS ${name}) without a precision is refused by the simulator: IRIS's ${name} column type has scale 0, and whether its CAST rounds the same way is unverified; write ${name}(p,s)`,
      )
    const precision = positiveInteger(args[0], `${name} precision`)
    const scale = args[1] === undefined ? 0 : Number(args[1])
    if (!Number.isInteger(scale) || scale < 0 || scale > precision)
      throw irisError(-1, `${name} scale must be from 0 to the precision`)
    return {
      pgType: `numeric(${precision},${scale})`,
      irisType: `${name}(${precision},${scale})`,
      dataType: 'numeric',
      numericPrecision: precision,
      numericScale: scale,
    }
  }
}

function binaryType(name: string, dataType: string): (args: string[]) => IrisType {
  return (args) => {
    const length = args[0] === undefined ? undefined : positiveInteger(args[0], `${name} length`)
    return {
      pgType: 'bytea',
      irisType: length === undefined ? name : `${name}(${length})`,
      dataType,
      ...(length === undefined ? {} : { characterMaximumLength: length }),
    }
  }
}

/** PostgreSQL keeps at most 6 fractional digits of a second. */
const MAX_TIME_PRECISION = 6

/** `TIME(p)` is `%Library.Time(PRECISION=p)`; TIME without one keeps whole seconds (docs/iris-sql.md#column-types). */
function timeType(args: string[]): IrisType {
  const precision = args[0] === undefined ? 0 : Number(args[0])
  if (!Number.isInteger(precision) || precision < 0 || precision > 9)
    throw irisError(-1, 'TIME precision must be an integer from 0 to 9')
  if (precision > MAX_TIME_PRECISION)
    throw irisError(
      -1,
      `TIME(${precision}) keeps more fractional digits than the simulator can (at most ${MAX_TIME_PRECISION}): write TIME(${MAX_TIME_PRECISION}) or less`,
    )
  return {
    pgType: `time(${precision})`,
    irisType: args[0] === undefined ? 'TIME' : `TIME(${precision})`,
    dataType: 'time',
  }
}

function vectorType(args: string[]): IrisType {
  // docs/iris-sql.md#the-vector-type: FLOAT is the default element type; a length can only follow a type.
  const elementType = vectorElementType(args[0] ?? 'FLOAT')
  const length = args[1] === undefined ? undefined : positiveInteger(args[1], 'VECTOR length')
  const base = VECTOR_PG_TYPES[elementType]
  const pgType = elementType === 'FLOAT' && length !== undefined ? `vector(${length})` : base
  return {
    pgType,
    irisType: length === undefined ? `VECTOR(${elementType})` : `VECTOR(${elementType},${length})`,
    dataType: 'varchar', // docs/iris-sql.md#vector-columns-in-the-catalog
    vector: length === undefined ? { elementType } : { elementType, length },
  }
}

const TYPES: Record<string, TypeMaker> = {
  INTEGER: simple('integer', 'integer', { numericPrecision: 10, numericScale: 0 }),
  INT: simple('integer', 'integer', { numericPrecision: 10, numericScale: 0 }),
  BIGINT: simple('bigint', 'bigint', { numericPrecision: 19, numericScale: 0 }),
  SMALLINT: simple('smallint', 'smallint', { numericPrecision: 5, numericScale: 0 }),
  TINYINT: simple('iris_sim.tinyint', 'tinyint', { numericPrecision: 3, numericScale: 0 }),
  NUMERIC: numericType('NUMERIC'),
  DECIMAL: numericType('DECIMAL'),
  DOUBLE: simple('double precision', 'double', { numericPrecision: 15 }),
  FLOAT: simple('double precision', 'double', { numericPrecision: 15 }),
  VARCHAR: stringType('VARCHAR'),
  CHAR: stringType('CHAR'),
  LONGVARCHAR: simple('text', 'longvarchar'),
  BIT: simple('iris_sim.bit', 'bit', { numericPrecision: 1, numericScale: 0 }),
  DATE: simple('date', 'date'),
  TIME: timeType,
  TIMESTAMP: simple('timestamp', 'timestamp'),
  POSIXTIME: simple('timestamp', 'posixtime'),
  VARBINARY: binaryType('VARBINARY', 'varbinary'),
  LONGVARBINARY: binaryType('LONGVARBINARY', 'longvarbinary'),
  UNIQUEIDENTIFIER: simple('uuid', 'uniqueidentifier'),
  VECTOR: vectorType,
}

/** Reads `( arg [, arg]* )` at `open`; args are the significant token texts between commas. */
function typeArguments(tokens: readonly Token[], open: number): { args: string[]; end: number } {
  const close = closingParen(tokens, open)
  if (close < 0) throw irisError(-1, 'unclosed type arguments')
  const args: string[] = []
  let current = ''
  for (const token of tokens.slice(open + 1, close)) {
    if (isTrivia(token)) continue
    if (token.text === ',') {
      args.push(current)
      current = ''
    } else current += token.text
  }
  if (current !== '' || args.length > 0) args.push(current)
  return { args, end: close + 1 }
}

/**
 * docs/iris-sql.md#column-types: IRIS has no time zone types, so PostgreSQL's `WITH TIME ZONE`
 * (and its `WITHOUT TIME ZONE`, the IRIS type's own meaning) after TIMESTAMP or TIME is refused.
 */
function rejectTimeZone(tokens: readonly Token[], end: number, name: string): void {
  const withOrWithout = nextSignificant(tokens, end)
  const clause = tokens[withOrWithout]?.text.toUpperCase()
  if (clause !== 'WITH' && clause !== 'WITHOUT') return
  const time = nextSignificant(tokens, withOrWithout + 1)
  if (tokens[time]?.text.toUpperCase() !== 'TIME') return
  throw irisError(
    -1,
    `${name} ${clause} TIME ZONE is not an IRIS data type: IRIS dates and times carry no zone; write ${name} and store UTC`,
  )
}

/** Parses the IRIS type starting at `start` (a word). Returns it and the index after it. */
export function readType(tokens: readonly Token[], start: number): { type: IrisType; end: number } {
  const word = tokens[start]
  const name = word?.type === 'word' ? word.text.toUpperCase() : undefined
  const make = name === undefined ? undefined : TYPES[name]
  if (!make || name === undefined)
    throw irisError(-1, `${word?.text ?? 'end of statement'} is not an IRIS data type`)
  let end = start + 1
  const following = nextSignificant(tokens, end)
  if (name === 'DOUBLE' && tokens[following]?.text.toUpperCase() === 'PRECISION') {
    // docs/iris-sql.md#the-double-rewrite: IRIS has no DOUBLE PRECISION (pgwire's rewrite of DOUBLE produces it and fails).
    throw irisError(-1, 'DOUBLE PRECISION is not an IRIS data type; write DOUBLE')
  }
  let args: string[] = []
  if (following >= 0 && tokens[following]?.text === '(') {
    ;({ args, end } = typeArguments(tokens, following))
  }
  if (name === 'TIMESTAMP' || name === 'TIME') rejectTimeZone(tokens, end, name)
  if (name === 'CHAR' || name === 'VARCHAR') {
    const varying = nextSignificant(tokens, end)
    if (tokens[varying]?.text.toUpperCase() === 'VARYING')
      throw irisError(-1, `${name} VARYING is not an IRIS data type; write VARCHAR(n)`)
  }
  return { type: make(args, name), end }
}

/** The DDL type name (docs/iris-sql.md#column-types) of one to three words at `start`, longest first. */
function columnTypeName(
  tokens: readonly Token[],
  start: number,
): { name: string; end: number } | undefined {
  const words: { text: string; end: number }[] = []
  for (let at = start; words.length < LONGEST_COLUMN_TYPE_NAME; at = nextSignificant(tokens, at)) {
    const word = tokens[at]
    if (word?.type !== 'word') break
    words.push({ text: word.text.toUpperCase(), end: at + 1 })
    at += 1
  }
  for (let count = words.length; count > 0; count--) {
    const name = words
      .slice(0, count)
      .map((word) => word.text)
      .join(' ')
    if (COLUMN_TYPE_NAMES[name] || UNMODELLED_COLUMN_TYPE_NAMES[name])
      return { name, end: (words[count - 1] as { end: number }).end }
  }
  return undefined
}

function argumentCounts(arities: readonly number[]): string {
  const forms = arities.map((count) =>
    count === 0 ? 'no arguments' : count === 1 ? '1 argument' : `${count} arguments`,
  )
  return forms.length === 1
    ? (forms[0] as string)
    : `${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}`
}

/**
 * Parses the DDL data type of a column definition at `start` (docs/iris-sql.md#column-types): any
 * name of IRIS's DDL mapping table, with the number of arguments IRIS maps it with, as the type
 * IRIS maps it to, or a data type class (type-classes.ts). Returns it and the index after it.
 */
export function readColumnType(
  tokens: readonly Token[],
  start: number,
): { type: IrisType; end: number } {
  const typeClass = typeClassAsDdl(tokens, start)
  if (typeClass)
    return { type: readColumnType(tokenize(typeClass.ddl), 0).type, end: typeClass.end }
  const found = columnTypeName(tokens, start)
  if (!found)
    throw irisError(-1, `${tokens[start]?.text ?? 'end of statement'} is not an IRIS data type`)
  let end = found.end
  let args: string[] = []
  const following = nextSignificant(tokens, end)
  if (following >= 0 && tokens[following]?.text === '(') {
    ;({ args, end } = typeArguments(tokens, following))
  }
  const maxForm = `${found.name}(MAX)`
  const isMaxForm =
    args.length === 1 && args[0]?.toUpperCase() === 'MAX' && COLUMN_TYPE_NAMES[maxForm]
  const name = isMaxForm ? maxForm : found.name
  if (isMaxForm) args = []
  const mapping = COLUMN_TYPE_NAMES[name]
  if (!mapping?.arities.includes(args.length)) {
    const unmodelled = UNMODELLED_COLUMN_TYPE_NAMES[name]
    if (unmodelled) throw irisError(-1, unmodelled)
    throw irisError(
      -1,
      `${name}(${args.join(',')}) is not an IRIS data type: write ${name} with ${argumentCounts(mapping?.arities ?? [])}`,
    )
  }
  if (mapping.type === 'TIMESTAMP' || mapping.type === 'TIME')
    rejectTimeZone(tokens, end, found.name)
  const make = TYPES[mapping.type] as TypeMaker
  // A name the simulator also has a type of keeps its own spelling in the catalog (FLOAT, INT).
  const shownName = TYPES[name] ? name : mapping.type
  return { type: make(mapping.args ? mapping.args(args) : args, shownName), end }
}
