/**
 * A column type written as an IRIS data type class (docs/iris-sql.md#column-types):
 * `%Library.String(MAXLEN=30)`, or by its short name, `%String(MAXLEN=30)`, `%Date`. IRIS takes a
 * class wherever a DDL type name goes. The simulator runs the classes IRIS's default DDL mappings
 * map a type name to, with the parameters that mapping gives, as that type name; it refuses any
 * other class or parameter, whose checks (MAXVAL, VALUELIST, ...) it does not model.
 */
import { isSqlWord } from './function-calls.js'
import { irisError } from './iris-error.js'
import {
  closingParen,
  commaSeparated,
  isPunct,
  nextSignificant,
  previousSignificant,
  type Token,
  trimmedText,
} from './tokenizer.js'

/** A class the simulator runs: the DDL type name mapped to it, and its one parameter, if any. */
interface TypeClass {
  ddl: string
  /** The parameter that is the DDL type's argument (`MAXLEN`), required. */
  length?: 'MAXLEN'
}

/** The `%Library` classes of the default DDL mappings that take no parameter the mapping sets. */
const TYPE_CLASSES: ReadonlyMap<string, TypeClass> = new Map([
  ['BigInt', { ddl: 'BIGINT' }],
  ['Binary', { ddl: 'VARBINARY', length: 'MAXLEN' }],
  ['Boolean', { ddl: 'BIT' }],
  ['Date', { ddl: 'DATE' }],
  ['Double', { ddl: 'DOUBLE' }],
  ['PosixTime', { ddl: 'POSIXTIME' }],
  ['SmallInt', { ddl: 'SMALLINT' }],
  ['String', { ddl: 'VARCHAR', length: 'MAXLEN' }],
  ['Time', { ddl: 'TIME' }],
  ['TimeStamp', { ddl: 'TIMESTAMP' }],
  ['TinyInt', { ddl: 'TINYINT' }],
  ['UniqueIdentifier', { ddl: 'UNIQUEIDENTIFIER' }],
])

const RUN = [...TYPE_CLASSES.keys()].map((name) => `%${name}`).join(', ')

function notModelled(written: string, why: string): Error {
  return irisError(
    -1,
    `${written} is an IRIS data type class, but ${why}; the simulator runs ${RUN} (%String and %Binary with MAXLEN=n): write one of them or the DDL type name`,
  )
}

/** The class name at `start` (`%String`, `%Library.String`) and the index after it; else undefined. */
function className(
  tokens: readonly Token[],
  start: number,
): { name: string; end: number } | undefined {
  const first = tokens[start]
  if (first?.type !== 'word' || !first.text.startsWith('%')) return undefined
  const dot = nextSignificant(tokens, start + 1)
  if (!isPunct(tokens[dot], '.')) return { name: first.text.slice(1), end: start + 1 }
  const second = nextSignificant(tokens, dot + 1)
  const name = tokens[second]
  if (first.text !== '%Library' || name?.type !== 'word')
    throw notModelled(`${first.text}.${name?.text ?? ''}`, 'not of the %Library package')
  return { name: name.text, end: second + 1 }
}

/** The `NAME=value` parameters in the parentheses at `open`, names upper-cased. */
function parameters(tokens: readonly Token[], open: number): Map<string, string> {
  const found = new Map<string, string>()
  for (const item of commaSeparated(tokens, open, closingParen(tokens, open))) {
    const [name, ...value] = trimmedText(item).split('=')
    found.set((name ?? '').trim().toUpperCase(), value.join('=').trim())
  }
  return found
}

/**
 * The DDL type a data type class at `start` stands for (`VARCHAR(30)` for `%String(MAXLEN=30)`)
 * and the index after the class; undefined for no class. Throws for a class it does not run.
 */
export function typeClassAsDdl(
  tokens: readonly Token[],
  start: number,
): { ddl: string; end: number } | undefined {
  const written = className(tokens, start)
  if (!written) return undefined
  const typeClass = TYPE_CLASSES.get(written.name)
  const shown = `%${written.name}`
  if (!typeClass)
    throw notModelled(shown, 'not one the simulator runs (class names are case-sensitive)')
  const open = nextSignificant(tokens, written.end)
  const given = isPunct(tokens[open], '(') ? parameters(tokens, open) : new Map<string, string>()
  const end = isPunct(tokens[open], '(') ? closingParen(tokens, open) + 1 : written.end
  const length = typeClass.length ? given.get(typeClass.length) : undefined
  const others = [...given.keys()].filter((name) => name !== typeClass.length)
  if (others.length > 0)
    throw notModelled(shown, `the simulator does not model its ${others.join(', ')}`)
  if (!typeClass.length) return { ddl: typeClass.ddl, end }
  if (!length || !/^\d+$/.test(length))
    throw notModelled(
      shown,
      `it needs MAXLEN=n, a whole number, here (its default length is not modelled)`,
    )
  return { ddl: `${typeClass.ddl}(${length})`, end }
}

/**
 * True for the `(` at `open` of a data type class's parameters after a column name
 * (`a %String(MAXLEN=30)`), which hold no condition though they hold `=`.
 */
export function opensTypeParameters(tokens: readonly Token[], open: number): boolean {
  let start = previousSignificant(tokens, open - 1)
  const dot = previousSignificant(tokens, start - 1)
  if (isPunct(tokens[dot], '.')) start = previousSignificant(tokens, dot - 1)
  const written = tokens[start]
  const column = tokens[previousSignificant(tokens, start - 1)]
  if (written?.type !== 'word' || !written.text.startsWith('%')) return false
  return column?.type === 'quoted' || (column?.type === 'word' && !isSqlWord(column))
}
