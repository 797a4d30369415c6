/**
 * `CREATE TABLE name AS query [WITH table-option]` (docs/iris-sql.md#create-table-as-select): a new
 * table with the query's columns and rows. PostgreSQL's own CREATE TABLE AS copies what IRIS copies:
 * each column's name (an alias renames it) and type, string columns with their collation, and no
 * NOT NULL, UNIQUE, key, default or identity, no index. The runtime's
 * `iris_sim.describe_copied_table` (runtime.ts) then records what the sim's catalog needs: each
 * column's IRIS type and name as created, copied from the column it reads, an IDENTITY column
 * turned into a plain BIGINT. The new table has no IDENTITY column, so it then gets a hidden RowID
 * numbering the copied rows (docs/iris-sql.md#rowid).
 */

import { CLAUSE_WORDS } from './clause-words.js'
import { type Base, ddlPlan, schemaSteps } from './ddl-plan.js'
import { columnDisplayName, relationDisplayName } from './display-names.js'
import { irisError } from './iris-error.js'
import {
  type QualifiedName,
  qualifiedSql,
  quoteLiteral,
  readQualifiedName,
  storedName,
} from './names.js'
import type { RunPlan } from './plan.js'
import { addHiddenRowId } from './row-id-steps.js'
import { selectLabels } from './select-labels.js'
import { isWord, nextSignificant, type Token, trimmedText } from './tokenizer.js'

/** Words that end a FROM list at its own depth. */
const FROM_ENDS = [...CLAUSE_WORDS, 'SELECT']

/** Index of the `AS` of `CREATE TABLE name AS query`, or -1 for any other statement. */
function asIndex(tokens: readonly Token[]): number {
  const create = nextSignificant(tokens, 0)
  const table = nextSignificant(tokens, create + 1)
  if (!isWord(tokens[create], 'CREATE') || !isWord(tokens[table], 'TABLE')) return -1
  const name = readQualifiedName(tokens, nextSignificant(tokens, table + 1))
  const as = name ? nextSignificant(tokens, name.end) : -1
  return isWord(tokens[as], 'AS') ? as : -1
}

/** The query and the table options after it (a top-level `WITH` or `SHARD` after its first word). */
function queryParts(tokens: readonly Token[], as: number): { query: Token[]; options: Token[] } {
  const start = nextSignificant(tokens, as + 1)
  const end = tokens.findIndex(
    (t, i) => i > start && t.depth === 0 && (isWord(t, 'WITH') || isWord(t, 'SHARD')),
  )
  return end < 0
    ? { query: tokens.slice(start), options: [] }
    : { query: tokens.slice(start, end), options: tokens.slice(end) }
}

/** The query of a `CREATE TABLE name AS query`, or none for any other statement. */
export function createTableAsQuery(tokens: readonly Token[]): Token[] {
  const as = asIndex(tokens)
  return as < 0 ? [] : queryParts(tokens, as).query
}

/** `WITH STORAGETYPE = ROW`, the default storage, is the one table option that changes nothing here. */
function checkOptions(options: readonly Token[]): void {
  const words = options.filter((t) => t.type !== 'space' && t.type !== 'comment')
  const [withWord, name, equals, value] = words
  const rowStorage =
    words.length === 4 &&
    isWord(withWord, 'WITH') &&
    isWord(name, 'STORAGETYPE') &&
    equals?.text === '=' &&
    isWord(value, 'ROW')
  if (words.length > 0 && !rowStorage) {
    throw irisError(
      -1,
      `CREATE TABLE ... AS SELECT ${trimmedText(options)}: the simulator takes no table options or shard key here but WITH STORAGETYPE = ROW; leave them out, or test it on IRIS`,
    )
  }
}

/** The tables and views the query's FROM lists name, at the query's own level. */
function fromTables(query: readonly Token[]): string[] {
  const tables: string[] = []
  let inFrom = false
  query.forEach((t, i) => {
    if (t.depth !== 0) return
    if (FROM_ENDS.some((word) => isWord(t, word))) inFrom = false
    const listed = isWord(t, 'FROM') || (inFrom && (t.text === ',' || isWord(t, 'JOIN')))
    if (isWord(t, 'FROM')) inFrom = true
    const name = listed ? readQualifiedName(query, nextSignificant(query, i + 1)) : undefined
    if (name) tables.push(qualifiedSql(name.table))
  })
  return tables
}

const textArray = (items: readonly (string | undefined)[]) =>
  `array[${items.map((item) => (item === undefined ? 'null' : quoteLiteral(item))).join(', ')}]::text[]`

export function createTableAsPlan(
  tokens: readonly Token[],
  name: QualifiedName,
  ifNotExists: boolean,
  base: Base,
): RunPlan {
  if (ifNotExists) {
    throw irisError(
      -1,
      "CREATE TABLE IF NOT EXISTS ... AS SELECT is not in IRIS's synopsis; drop the IF NOT EXISTS",
    )
  }
  const { query, options } = queryParts(tokens, nextSignificant(tokens, name.end))
  checkOptions(options)
  if (query.some((t) => t.type === 'param')) {
    throw irisError(
      -1,
      'the query of CREATE TABLE ... AS SELECT cannot take ? parameters; write the values into it',
    )
  }
  const items = selectLabels(query) ?? []
  if (items.some((item) => item.type === 'expression')) {
    throw irisError(
      -1,
      'CREATE TABLE ... AS SELECT: the simulator does not know the name IRIS gives a column copied from an expression; give each expression a column alias',
    )
  }
  const aliases = items.flatMap((item) => (item.type === 'alias' ? [item] : []))
  const table = name.table
  const sources = fromTables(query).map((source) => `to_regclass(${quoteLiteral(source)})`)
  const describe = `call iris_sim.describe_copied_table(${quoteLiteral(qualifiedSql(table))}::regclass, array[${sources.join(', ')}]::regclass[], ${textArray(aliases.map((alias) => storedName(alias.label)))}, ${textArray(aliases.map((alias) => (alias.column === undefined ? undefined : storedName(alias.column))))})`
  const after = [
    relationDisplayName(table, name.written.name, 'replace'),
    describe,
    // docs/iris-sql.md#create-table-as-select: the copied rows get new sequential RowIDs, hidden.
    ...addHiddenRowId(table),
    ...aliases.map((alias) =>
      columnDisplayName(table, storedName(alias.label), alias.label, 'replace'),
    ),
  ]
  const sql = `CREATE TABLE ${trimmedText(tokens.slice(name.start, name.end))} AS ${trimmedText(query)}`
  return ddlPlan(base, sql, { before: schemaSteps(name, tokens), after })
}
