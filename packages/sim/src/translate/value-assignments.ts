/**
 * IRIS's own assignment forms (docs/iris-sql.md#insert-update-and-delete), written in the form
 * PostgreSQL shares with IRIS: `INSERT [OR UPDATE] [INTO] t SET c = v, ...` becomes
 * `... t (c, ...) VALUES (v, ...)`, and `UPDATE t [[AS] alias] (c, ...) VALUES (v, ...)` becomes
 * `UPDATE t [alias] SET c = v, ...`.
 */
import { irisError } from './iris-error.js'
import { isIdentifier, readQualifiedName } from './names.js'
import {
  closingParen,
  commaSeparated,
  isPunct,
  isWord,
  nextSignificant,
  retokenize,
  splitOnCommas,
  type Token,
  token,
  trimmedText,
} from './tokenizer.js'

/** The statement with IRIS's INSERT ... SET or UPDATE ... (columns) VALUES rewritten; else itself. */
export function rewriteValueAssignments(tokens: readonly Token[]): Token[] {
  const first = nextSignificant(tokens, 0)
  if (isWord(tokens[first], 'INSERT')) return insertSet(tokens, first)
  if (isWord(tokens[first], 'UPDATE')) return updateValues(tokens, first)
  return [...tokens]
}

/** Index of the token after the table name of the INSERT at `insert`, or -1. */
function afterInsertTable(tokens: readonly Token[], insert: number): number {
  let i = nextSignificant(tokens, insert + 1)
  if (isWord(tokens[i], 'OR') && isWord(tokens[nextSignificant(tokens, i + 1)], 'UPDATE'))
    i = nextSignificant(tokens, nextSignificant(tokens, i + 1) + 1)
  if (isWord(tokens[i], 'INTO')) i = nextSignificant(tokens, i + 1)
  const name = readQualifiedName(tokens, i)
  return name ? nextSignificant(tokens, name.end) : -1
}

function insertSet(tokens: readonly Token[], insert: number): Token[] {
  const set = afterInsertTable(tokens, insert)
  if (set < 0 || !isWord(tokens[set], 'SET')) return [...tokens]
  const assignments = splitOnCommas(tokens.slice(set + 1), tokens[set]?.depth ?? 0).map(assignment)
  if (assignments.some((pair) => pair === undefined)) return [...tokens]
  const pairs = assignments as [string, string][]
  const columns = pairs.map(([column]) => column).join(', ')
  const values = pairs.map(([, value]) => value).join(', ')
  return retokenize([...tokens.slice(0, set), token('word', `(${columns}) VALUES (${values})`, 0)])
}

function updateValues(tokens: readonly Token[], update: number): Token[] {
  const name = readQualifiedName(tokens, nextSignificant(tokens, update + 1))
  if (!name) return [...tokens]
  let open = nextSignificant(tokens, name.end)
  if (isWord(tokens[open], 'AS')) open = nextSignificant(tokens, open + 1)
  if (isIdentifier(tokens[open]) && !isWord(tokens[open], 'SET'))
    open = nextSignificant(tokens, open + 1)
  if (!isPunct(tokens[open], '(')) return [...tokens]
  const close = closingParen(tokens, open)
  const valuesWord = nextSignificant(tokens, close + 1)
  const valuesOpen = nextSignificant(tokens, valuesWord + 1)
  if (close < 0 || !isWord(tokens[valuesWord], 'VALUES') || !isPunct(tokens[valuesOpen], '('))
    return [...tokens]
  const valuesClose = closingParen(tokens, valuesOpen)
  if (valuesClose < 0) return [...tokens]
  const columns = commaSeparated(tokens, open, close).map(trimmedText)
  const values = commaSeparated(tokens, valuesOpen, valuesClose).map(trimmedText)
  if (columns.length !== values.length) {
    // docs/iris-sql.md#sqlcodes: IRIS's code for values and columns that differ in number.
    throw irisError(
      -116,
      `UPDATE names ${columns.length} columns and ${values.length} values; give one value per column`,
    )
  }
  const set = columns.map((column, i) => `${column} = ${values[i]}`).join(', ')
  return retokenize([
    ...tokens.slice(0, open),
    token('word', `SET ${set}`, 0),
    ...tokens.slice(valuesClose + 1),
  ])
}

/** `column = value` as its two texts, or undefined when the item is no assignment. */
function assignment(item: readonly Token[]): [string, string] | undefined {
  const depth = item[0]?.depth ?? 0
  const equals = item.findIndex((t) => t.type === 'op' && t.text === '=' && t.depth === depth)
  if (equals < 1) return undefined
  const column = trimmedText(item.slice(0, equals))
  const value = trimmedText(item.slice(equals + 1))
  return column && value ? [column, value] : undefined
}
