/**
 * `%ID`, the RowID (docs/iris-sql.md#rowid). An IRIS IDENTITY column is the RowID under a name; a
 * table the simulator creates without one gets a hidden RowID column (row-id-steps.ts). The runtime
 * gives each table with a RowID a function `"%id"(row)` returning it (`iris_sim.define_row_id`,
 * runtime.ts), which PostgreSQL's attribute notation calls as `t."%id"`: `x.%ID` becomes
 * `x."%id"`, and an unqualified `%ID` is qualified with the one table of its query's FROM, or of
 * UPDATE / DELETE. A relation without such a function (a view) then fails with "column t.%id does
 * not exist", which the engine reports as SQLCODE -1 (engine/error-mapping.ts). A bare `%ID` select
 * item is labelled `ID`, the RowID's default name. Writing `%ID` is refused (row-id-writes.ts).
 */
import { CLAUSE_WORDS, JOIN_WORDS } from './clause-words.js'
import { aliasAfter } from './from-items.js'
import { irisError } from './iris-error.js'
import { readQualifiedName } from './names.js'
import { refuseRowIdWrite } from './row-id-writes.js'
import { SET_OPERATORS } from './select-parts.js'
import {
  isPunct,
  isWord,
  nextSignificant,
  previousSignificant,
  retokenize,
  type Token,
  token,
} from './tokenizer.js'

const isRowId = (t: Token | undefined) => isWord(t, '%ID')
const QUERY_VERBS = ['SELECT', 'UPDATE', 'DELETE']
/** Words that end the one FROM item (or UPDATE / DELETE table) a `%ID` may read. */
const END_OF_TABLE = [...CLAUSE_WORDS, 'FOR', 'SET', 'ON']

const ambiguous = (why: string) =>
  irisError(
    -1,
    `%ID ${why}: the simulator takes an unqualified %ID only over one table; write t.%ID with the table's name or alias`,
  )

/** Index of the SELECT / UPDATE / DELETE whose query holds the token at `at`, or -1. */
function queryVerb(tokens: readonly Token[], at: number): number {
  const depth = (tokens[at] as Token).depth
  for (let i = at; i >= 0; i--) {
    const t = tokens[i] as Token
    if (t.depth < depth) return -1
    if (t.depth === depth && QUERY_VERBS.some((verb) => isWord(t, verb))) return i
  }
  return -1
}

/** Index of the first table reference of the query at `verb` (after FROM, UPDATE or DELETE [FROM]), or -1. */
function firstTableAt(tokens: readonly Token[], verb: number): number {
  const depth = (tokens[verb] as Token).depth
  const next = nextSignificant(tokens, verb + 1)
  if (isWord(tokens[verb], 'UPDATE')) return next
  // DELETE [FROM] t: the FROM is optional, as classify.ts reads it too.
  if (isWord(tokens[verb], 'DELETE') && !isWord(tokens[next], 'FROM')) return next
  for (let i = verb + 1; i < tokens.length; i++) {
    const t = tokens[i] as Token
    if (t.depth < depth) return -1
    if (t.depth !== depth) continue
    if (SET_OPERATORS.some((word) => isWord(t, word))) return -1
    if (isWord(t, 'FROM')) return nextSignificant(tokens, i + 1)
  }
  return -1
}

/** The token naming the one table of the query at `verb`: its alias, else its (last) name. */
function onlyTable(tokens: readonly Token[], verb: number): Token {
  const first = firstTableAt(tokens, verb)
  if (first < 0) throw ambiguous('without a table')
  const depth = (tokens[first] as Token).depth
  if (isPunct(tokens[first], '(')) throw ambiguous('over a derived table, which has no RowID')
  const name = readQualifiedName(tokens, first)
  if (!name) throw ambiguous('without a table')
  for (let i = name.end; i < tokens.length; i++) {
    const t = tokens[i] as Token
    if (t.depth < depth || (t.depth === depth && END_OF_TABLE.some((word) => isWord(t, word))))
      break
    if (t.depth === depth && (isPunct(t, ',') || JOIN_WORDS.some((word) => isWord(t, word))))
      throw ambiguous('over several tables')
  }
  return (
    aliasAfter(tokens, name.end).alias ??
    (tokens[previousSignificant(tokens, name.end - 1)] as Token)
  )
}

/** Whether the reference from `start` to `end` (exclusive) is a whole item of the select list of `verb`. */
function isSelectItem(tokens: readonly Token[], verb: number, start: number, end: number): boolean {
  if (!isWord(tokens[verb], 'SELECT')) return false
  const before = previousSignificant(tokens, start - 1)
  const after = tokens[nextSignificant(tokens, end)]
  const opensItem =
    before === verb ||
    ['DISTINCT', 'ALL'].some((word) => isWord(tokens[before], word)) ||
    isPunct(tokens[before], ',') ||
    isWord(tokens[previousSignificant(tokens, before - 1)], 'TOP')
  const closesItem = isPunct(after, ',') || isWord(after, 'FROM')
  const depth = (tokens[verb] as Token).depth
  const from = firstTableAt(tokens, verb)
  return opensItem && closesItem && after?.depth === depth && (from < 0 || start < from)
}

/** Index of the first name of the qualifier ending at the `.` at `dot` (`t.` or `s.t.`). */
function readQualifiedStart(tokens: readonly Token[], dot: number): number {
  let start = previousSignificant(tokens, dot - 1)
  const before = previousSignificant(tokens, start - 1)
  if (isPunct(tokens[before], '.')) start = previousSignificant(tokens, before - 1)
  return start
}

export function rewriteRowId(tokens: readonly Token[]): Token[] {
  if (!tokens.some(isRowId)) return [...tokens]
  const out = [...tokens]
  // Last first, so the indexes of the earlier ones still hold.
  for (let i = out.length - 1; i >= 0; i--) {
    if (!isRowId(out[i])) continue
    const depth = (out[i] as Token).depth
    const dot = previousSignificant(out, i - 1)
    const qualified = isPunct(out[dot], '.')
    const verb = queryVerb(out, i)
    const start = qualified ? readQualifiedStart(out, dot) : i
    refuseRowIdWrite(out, verb, start, i + 1)
    if (verb < 0) throw ambiguous('outside a query')
    const label = isSelectItem(out, verb, start, i + 1) ? [token('word', ' AS ID', depth)] : []
    const reference = qualified
      ? [token('quoted', '"%id"', depth)]
      : [
          { ...onlyTable(out, verb), depth },
          token('punct', '.', depth),
          token('quoted', '"%id"', depth),
        ]
    out.splice(i, 1, ...reference, ...label)
  }
  return retokenize(out)
}
