/**
 * IRIS's second FROM in DELETE and UPDATE (docs/iris-sql.md#delete-and-update-with-a-second-from).
 *
 * `DELETE [FROM] t [[AS] a] FROM <tables> [WHERE c]` deletes the rows of t that join the tables of
 * the second FROM. When that FROM names t again, the aliases decide whether it is the row being
 * deleted or a second instance of t, so the statement becomes a subquery over the second FROM
 * verbatim: `DELETE FROM t AS target WHERE EXISTS (SELECT 1 FROM <tables> WHERE target.ctid =
 * x.ctid AND (c))`, with the ctid test only when an instance x is the row being deleted.
 *
 * `UPDATE t SET ... FROM <tables>` runs with PostgreSQL's meaning, the one IRIS documents, except
 * when the FROM names t again: IRIS does not say what that means, so it is refused.
 */
import { aliasAfter, NOT_AN_ALIAS } from './from-items.js'
import { irisError } from './iris-error.js'
import { identifierName, readQualifiedName } from './names.js'
import type { TableRef } from './plan.js'
import {
  closingParen,
  isPunct,
  isWord,
  nextSignificant,
  type Token,
  tokenize,
  trimmedText,
} from './tokenizer.js'

/** A table of a FROM list: the name it is read by there (its alias, else its table name). */
interface FromTable {
  table: TableRef
  alias?: string
  /** The token a column qualifier uses for it: the alias, else the table's own name. */
  qualifier: Token
}

/** The table written, its alias and the index of the second FROM, if the statement has one. */
interface SecondFrom {
  verb: 'DELETE' | 'UPDATE'
  target: TableRef
  /** Tokens of the target's name as written. */
  targetName: readonly Token[]
  /** The target's alias as written, and as stored. */
  aliasToken?: Token
  alias?: string
  from: number
  /** Index of the statement's own WHERE, or the token count. */
  where: number
}

/** Words after a FROM item that are no alias, DELETE's second FROM among them. */
const NOT_A_SECOND_FROM_ALIAS = [...NOT_AN_ALIAS, 'FROM']

const notModelled = (what: string) =>
  irisError(
    -1,
    `${what} in the second FROM of a DELETE or UPDATE is IRIS SQL, but the simulator does not model it; test it on IRIS`,
  )

/** The table read at item `i` of a FROM list, and the index after it; a derived table has none. */
function fromItem(tokens: readonly Token[], i: number): { table?: FromTable; end: number } {
  const t = tokens[i] as Token
  if (isPunct(t, '(')) {
    if (!isWord(tokens[nextSignificant(tokens, i + 1)], 'SELECT'))
      throw notModelled('A parenthesized join')
    return { end: closingParen(tokens, i) + 1 }
  }
  const name = readQualifiedName(tokens, i)
  if (!name)
    throw irisError(
      -1,
      `${t.text} is not a table: the second FROM of a DELETE or UPDATE lists tables`,
    )
  const { alias, end } = aliasAfter(tokens, name.end, NOT_A_SECOND_FROM_ALIAS)
  const qualifier = alias ?? (tokens[name.end - 1] as Token)
  return {
    table: { table: name.table, qualifier, ...(alias ? { alias: identifierName(alias) } : {}) },
    end,
  }
}

/** The tables of the FROM list after the FROM at `from`, up to `end`. */
function fromTables(tokens: readonly Token[], from: number, end: number): FromTable[] {
  const depth = (tokens[from] as Token).depth
  const tables: FromTable[] = []
  let expectItem = true
  let i = nextSignificant(tokens, from + 1)
  while (i >= 0 && i < end) {
    const t = tokens[i] as Token
    if (t.depth === depth && expectItem) {
      const item = fromItem(tokens, i)
      if (item.table) tables.push(item.table)
      expectItem = false
      i = nextSignificant(tokens, item.end)
      continue
    }
    if (t.depth === depth) expectItem = isPunct(t, ',') || isWord(t, 'JOIN')
    i = nextSignificant(tokens, i + 1)
  }
  return tables
}

const sameTable = (a: TableRef, b: TableRef) => a.schema === b.schema && a.name === b.name

/** The DELETE or UPDATE with a second FROM that `tokens` is, if it is one. */
function secondFromOf(tokens: readonly Token[]): SecondFrom | undefined {
  const verbAt = nextSignificant(tokens, 0)
  const verb = isWord(tokens[verbAt], 'DELETE')
    ? 'DELETE'
    : isWord(tokens[verbAt], 'UPDATE')
      ? 'UPDATE'
      : undefined
  if (!verb) return undefined
  let at = nextSignificant(tokens, verbAt + 1)
  if (verb === 'DELETE' && isWord(tokens[at], 'FROM')) at = nextSignificant(tokens, at + 1)
  const name = at < 0 ? undefined : readQualifiedName(tokens, at)
  if (!name) return undefined
  const { alias, end } = aliasAfter(tokens, name.end, NOT_A_SECOND_FROM_ALIAS)
  const topLevel = (word: string, after: number) =>
    tokens.findIndex((t, i) => i >= after && t.depth === 0 && isWord(t, word))
  // UPDATE: the FROM after the SET list; DELETE: the FROM right after the target.
  const from =
    verb === 'UPDATE'
      ? topLevel('FROM', end)
      : isWord(tokens[nextSignificant(tokens, end)], 'FROM')
        ? nextSignificant(tokens, end)
        : -1
  if (from < 0) return undefined
  const where = topLevel('WHERE', from)
  return {
    verb,
    target: name.table,
    targetName: tokens.slice(name.start, name.end),
    ...(alias ? { aliasToken: alias, alias: identifierName(alias) } : {}),
    from,
    where: where < 0 ? tokens.length : where,
  }
}

/**
 * The instance of the second FROM that is the row being deleted, if one is
 * (docs/iris-sql.md#delete-and-update-with-a-second-from): with the target aliased, the one with
 * the same alias; without, the one unaliased, else the only one.
 */
function rowBeingDeleted(
  statement: SecondFrom,
  tables: readonly FromTable[],
): FromTable | undefined {
  const again = tables.filter(({ table }) => sameTable(table, statement.target))
  if (statement.alias) return again.find(({ alias }) => alias === statement.alias)
  return (
    again.find(({ alias }) => alias === undefined) ?? (again.length === 1 ? again[0] : undefined)
  )
}

/** The name the rewritten DELETE gives its target when the second FROM holds the same row. */
const TARGET = '"iris deleted row"'

function rewriteDelete(tokens: readonly Token[], statement: SecondFrom): Token[] {
  const row = rowBeingDeleted(statement, fromTables(tokens, statement.from, statement.where))
  const targetName = statement.targetName.map((t) => t.text).join('')
  const alias = row ? TARGET : statement.aliasToken?.text
  const tables = trimmedText(tokens.slice(statement.from + 1, statement.where))
  const condition = trimmedText(tokens.slice(statement.where + 1))
  const tests = [
    ...(row ? [`${TARGET}.ctid = ${row.qualifier.text}.ctid`] : []),
    ...(condition ? [`(${condition})`] : []),
  ]
  const where = tests.length ? ` WHERE ${tests.join(' AND ')}` : ''
  const sql = `DELETE FROM ${targetName}${alias ? ` AS ${alias}` : ''} WHERE EXISTS (SELECT 1 FROM ${tables}${where})`
  return tokenize(sql)
}

/**
 * Rewrites IRIS's `DELETE ... FROM t ... FROM ...` for PostgreSQL, and refuses an
 * `UPDATE ... FROM` that names the table being updated again. Other statements are returned as they are.
 */
export function rewriteSecondFrom(tokens: readonly Token[]): Token[] {
  const statement = secondFromOf(tokens)
  if (!statement) return [...tokens]
  if (statement.verb === 'DELETE') return rewriteDelete(tokens, statement)
  const tables = fromTables(tokens, statement.from, statement.where)
  if (tables.some(({ table }) => sameTable(table, statement.target))) {
    throw irisError(
      -1,
      `UPDATE ... FROM names ${trimmedText(statement.targetName)}, the table being updated, again: IRIS does not document whether that is the updated row or a second instance, so the simulator does not run it; join only the other tables, or filter with WHERE EXISTS (SELECT ...)`,
    )
  }
  return [...tokens]
}
