/**
 * `%VID` paging over a derived table (docs/iris-sql.md#vid-paging, doc `GSQL_views_vid`):
 * `SELECT *, %VID FROM (SELECT TOP ALL ... ORDER BY ...) WHERE %VID BETWEEN a AND b`.
 * The derived table's rows are numbered in its order (`row_number() over ()` over the ordered
 * subquery) and the number is exposed as `%VID`. A bare `*` (or `alias.*`) in the outer select list
 * expands to the derived table's own columns only, through the whole-row column `iris_sim_row`, so
 * `%VID` appears only where it is named, as in IRIS.
 */
import { CLAUSE_WORDS, JOIN_WORDS } from './clause-words.js'
import { aliasAfter } from './from-items.js'
import { irisError } from './iris-error.js'
import { quoteIdentifier } from './names.js'
import {
  closingParen,
  isPunct,
  isWord,
  nextSignificant,
  previousSignificant,
  retokenize,
  type Token,
} from './tokenizer.js'

const VID_ALIAS = 'iris_sim_vid'
const ROW_COLUMN = 'iris_sim_row'
const NOT_AN_ALIAS = [...CLAUSE_WORDS, ...JOIN_WORDS, 'ON']

/** The token range a `%VID` at `at` belongs to: its enclosing parentheses, or the whole statement. */
function scopeOf(tokens: readonly Token[], at: number): { start: number; end: number } {
  const depth = tokens[at]?.depth ?? 0
  if (depth === 0) return { start: 0, end: tokens.length }
  const open = tokens.findLastIndex(
    (token, i) => i < at && isPunct(token, '(') && token.depth === depth - 1,
  )
  return { start: open + 1, end: closingParen(tokens, open) }
}

/** The first `FROM (SELECT ...)` at `depth` within the scope. */
function derivedTable(
  tokens: readonly Token[],
  depth: number,
  scope: { start: number; end: number },
): { from: number; open: number; close: number } | undefined {
  for (let i = scope.start; i < scope.end; i++) {
    if (!isWord(tokens[i], 'FROM') || tokens[i]?.depth !== depth) continue
    const open = nextSignificant(tokens, i + 1)
    const first = tokens[nextSignificant(tokens, open + 1)]
    if (isPunct(tokens[open], '(') && (isWord(first, 'SELECT') || isWord(first, 'WITH'))) {
      return { from: i, open, close: closingParen(tokens, open) }
    }
  }
  return undefined
}

/** Rewrites every `%VID` paging of the statement, one scope at a time. */
export function rewriteVid(tokens: readonly Token[]): Token[] {
  let out = [...tokens]
  for (;;) {
    const at = out.findIndex((token) => isWord(token, '%VID'))
    if (at < 0) return out
    out = rewriteScope(out, at)
  }
}

function rewriteScope(tokens: readonly Token[], at: number): Token[] {
  const depth = tokens[at]?.depth ?? 0
  const scope = scopeOf(tokens, at)
  const derived = derivedTable(tokens, depth, scope)
  if (!derived)
    throw irisError(
      -29,
      '%VID is supported over a derived table: SELECT ..., %VID FROM (SELECT TOP ALL ... ORDER BY ...) WHERE %VID ...',
    )
  const { from, open, close } = derived
  const { alias: aliasToken, end: aliasEnd } = aliasAfter(tokens, close + 1, NOT_AN_ALIAS)
  const alias = !aliasToken
    ? VID_ALIAS
    : aliasToken.type === 'quoted'
      ? aliasToken.text.slice(1, -1)
      : aliasToken.text
  const a = quoteIdentifier(alias)
  const numbered = `(SELECT ${a} AS ${ROW_COLUMN}, ${a}.*, row_number() over () AS "%VID" FROM ${tokens
    .slice(open, close + 1)
    .map((t) => t.text)
    .join('')} AS ${a}) AS ${a}`
  const wholeRow = `(${a}.${ROW_COLUMN}).*`
  const select = tokens.findLastIndex(
    (token, i) => i >= scope.start && i < from && token.depth === depth && isWord(token, 'SELECT'),
  )
  const rewritten = tokens.map((token, i): Token => {
    if ((i > open && i <= close) || i < scope.start || i >= scope.end) return token
    if (isWord(token, '%VID') && token.depth === depth)
      return { ...token, type: 'quoted', text: '"%VID"' }
    const inSelectList = i > select && i < from && token.depth === depth
    if (inSelectList && token.type === 'op' && token.text === '*') {
      const before = tokens[previousSignificant(tokens, i - 1)]
      if (isPunct(before, ',') || isWord(before, 'SELECT'))
        return { ...token, type: 'word', text: wholeRow }
      if (isPunct(before, '.')) return { ...token, type: 'word', text: `${ROW_COLUMN}).*` }
    }
    return token
  })
  // `alias.*` → `(alias.iris_sim_row).*`: open the parenthesis before the alias.
  const withQualifiedStars = rewritten.map((token, i): Token => {
    const dot = rewritten[i + 1]
    const star = rewritten[i + 2]
    return isPunct(dot, '.') && star?.text === `${ROW_COLUMN}).*`
      ? { ...token, text: `(${token.text}` }
      : token
  })
  return retokenize([
    ...withQualifiedStars.slice(0, open),
    { type: 'word', text: numbered, depth },
    ...withQualifiedStars.slice(aliasEnd),
  ])
}
