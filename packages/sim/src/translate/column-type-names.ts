/**
 * IRIS's DDL data type names (docs/iris-sql.md#column-types): the system-defined DDL mappings, each
 * name with the argument counts IRIS maps it with (`NAME`, `NAME(%1)`, `NAME(%1,%2)` are separate
 * entries there) and the simulator's type that holds what IRIS maps it to. A column definition may
 * use any of them; CAST keeps its own, shorter list (types.ts).
 */

/** What a DDL type name stands for in the simulator. */
export interface ColumnTypeName {
  /** The simulator's type (a type name of types.ts) holding the class IRIS maps the name to. */
  type: string
  /** The argument counts IRIS has a mapping for. */
  arities: readonly number[]
  /** The mapped type's arguments, from the written ones (default: as written). */
  args?: (written: readonly string[]) => string[]
}

/** The argument IRIS ignores: `BIGINT(%1)` is `%Library.BigInt`, as BIGINT is. */
const ignored = (): string[] => []
/** A length IRIS reads as 1 when none is written: `BINARY` is `%Library.Binary(MAXLEN=1)`. */
const lengthOrOne = (written: readonly string[]): string[] =>
  written.length === 0 ? ['1'] : [...written]
/** `VARCHAR(%1,%2)` is `%Library.String(MAXLEN=%1)`: the second argument is ignored. */
const lengthOnly = (written: readonly string[]): string[] => written.slice(0, 1)

const same = (type: string, arities: readonly number[]): ColumnTypeName => ({ type, arities })
const string = (type: 'CHAR' | 'VARCHAR'): ColumnTypeName => ({ type, arities: [0, 1] })
const stream = (type: 'LONGVARCHAR' | 'LONGVARBINARY', arities: readonly number[] = [0]) => ({
  type,
  arities,
  args: ignored,
})
const binary: ColumnTypeName = { type: 'VARBINARY', arities: [0, 1], args: lengthOrOne }
/**
 * `NUMERIC`, `DECIMAL` and `DEC` without arguments are `%Library.Numeric(MAXVAL=999999999999999,
 * MINVAL=-999999999999999,SCALE=0)` (docs/iris-sql.md#column-types): 15 digits, fractions rounded
 * away, not PostgreSQL's unbounded `numeric`.
 */
const precisionOrFifteen = (written: readonly string[]): string[] =>
  written.length === 0 ? ['15', '0'] : [...written]
const numeric = (type: 'DECIMAL' | 'NUMERIC'): ColumnTypeName => ({
  type,
  arities: [0, 1, 2],
  args: precisionOrFifteen,
})
const double: ColumnTypeName = { type: 'DOUBLE', arities: [0] }
const timestamp: ColumnTypeName = { type: 'TIMESTAMP', arities: [0] }
const decimal = numeric('DECIMAL')

/**
 * Every name of the mapping table the simulator runs, upper case, words separated by one space;
 * `NAME(MAX)` is an entry of its own.
 */
export const COLUMN_TYPE_NAMES: Readonly<Record<string, ColumnTypeName>> = {
  BIGINT: { type: 'BIGINT', arities: [0, 1], args: ignored },
  BINARY: binary,
  'BINARY VARYING': binary,
  BIT: same('BIT', [0]),
  BLOB: stream('LONGVARBINARY'),
  CHAR: string('CHAR'),
  CHARACTER: string('CHAR'),
  'CHAR VARYING': string('VARCHAR'),
  'CHARACTER VARYING': string('VARCHAR'),
  CLOB: stream('LONGVARCHAR'),
  DATE: same('DATE', [0]),
  DATETIME: timestamp,
  DATETIME2: timestamp,
  DEC: decimal,
  DECIMAL: decimal,
  DOUBLE: double,
  'DOUBLE PRECISION': double,
  FLOAT: { type: 'DOUBLE', arities: [0, 1], args: ignored },
  IMAGE: stream('LONGVARBINARY'),
  INT: { type: 'INTEGER', arities: [0, 1], args: ignored },
  INTEGER: same('INTEGER', [0]),
  LONG: stream('LONGVARCHAR'),
  'LONG BINARY': stream('LONGVARBINARY'),
  'LONG RAW': stream('LONGVARBINARY'),
  'LONG VARCHAR': stream('LONGVARCHAR', [0, 1]),
  LONGTEXT: stream('LONGVARCHAR'),
  LONGVARBINARY: stream('LONGVARBINARY', [0, 1]),
  LONGVARCHAR: stream('LONGVARCHAR', [0, 1]),
  MEDIUMTEXT: stream('LONGVARCHAR'),
  'NATIONAL CHAR': string('CHAR'),
  'NATIONAL CHARACTER': string('CHAR'),
  'NATIONAL CHAR VARYING': string('VARCHAR'),
  'NATIONAL CHARACTER VARYING': string('VARCHAR'),
  'NATIONAL VARCHAR': string('VARCHAR'),
  NCHAR: string('CHAR'),
  NTEXT: stream('LONGVARCHAR'),
  NUMBER: { type: 'DECIMAL', arities: [1, 2] },
  NUMERIC: numeric('NUMERIC'),
  NVARCHAR: { type: 'VARCHAR', arities: [0, 1, 2], args: lengthOnly },
  POSIXTIME: same('POSIXTIME', [0]),
  RAW: { type: 'VARBINARY', arities: [1] },
  REAL: double,
  SMALLINT: { type: 'SMALLINT', arities: [0, 1], args: ignored },
  SYSNAME: { type: 'VARCHAR', arities: [0], args: () => ['128'] },
  TEXT: stream('LONGVARCHAR'),
  TIME: same('TIME', [0, 1]),
  TIMESTAMP: timestamp,
  TIMESTAMP2: timestamp,
  TINYINT: { type: 'TINYINT', arities: [0, 1], args: ignored },
  UNIQUEIDENTIFIER: same('UNIQUEIDENTIFIER', [0]),
  VARBINARY: binary,
  VARCHAR: { type: 'VARCHAR', arities: [0, 1, 2], args: lengthOnly },
  'VARCHAR(MAX)': stream('LONGVARCHAR'),
  'NVARCHAR(MAX)': stream('LONGVARCHAR'),
  VARCHAR2: { type: 'VARCHAR', arities: [1] },
  VECTOR: same('VECTOR', [0, 1, 2]),
}

/**
 * Names of the mapping table the simulator does not model, each with why and what to write
 * instead (docs/iris-sql.md#column-types).
 */
export const UNMODELLED_COLUMN_TYPE_NAMES: Readonly<Record<string, string>> = {
  EMBEDDING:
    'EMBEDDING is %Library.Embedding, which computes a vector from another column with a model; the simulator does not model it: write VECTOR(type, n) and store the vector',
  MEDIUMINT:
    'MEDIUMINT is an INTEGER from -8388608 to 8388607, a range the simulator does not check: write INTEGER',
  MONEY: 'MONEY is %Library.Currency, which the simulator does not model: write DECIMAL(p,s)',
  SMALLMONEY:
    'SMALLMONEY is %Library.Currency, which the simulator does not model: write DECIMAL(p,s)',
  SMALLDATETIME:
    'SMALLDATETIME is a TIMESTAMP from 1900-01-01 to 2079-06-06, a range the simulator does not check: write TIMESTAMP',
  ROWVERSION:
    'ROWVERSION takes its value from a counter of the whole namespace, which the simulator does not model: write BIGINT and set it yourself',
  NUMBER:
    'NUMBER without a precision is a NUMERIC of scale 0 and no bound, which the simulator does not model: write NUMBER(p) or NUMERIC(p,s)',
}

/** The longest a DDL type name runs, in words (`NATIONAL CHARACTER VARYING`). */
export const LONGEST_COLUMN_TYPE_NAME = 3
