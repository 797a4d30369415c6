/**
 * `%VID` paging over a derived table (contract §3.2, doc `GSQL_views_vid`):
 * `SELECT *, %VID FROM (SELECT TOP ALL ... ORDER BY ...) WHERE %VID BETWEEN a AND b`.
 * The derived table's rows are numbered in its order (`row_number() over ()` over the ordered
 * subquery) and the number is exposed as `%VID`. A bare `*` (or `alias.*`) in the outer select list
 * expands to the derived table's own columns only, through the whole-row column `iris_sim_row`, so
 * `%VID` appears only where it is named, as in IRIS.
 */
import { quoteIdentifier } from './names.js'
import { type Token, closingParen, isWord, nextSignificant, previousSignificant, retokenize } from './tokenizer.js'

const VID_ALIAS = 'iris_sim_vid'
const ROW_COLUMN = 'iris_sim_row'
const NOT_AN_ALIAS = new Set(['WHERE', 'ORDER', 'GROUP', 'HAVING', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'FULL', 'CROSS', 'UNION', 'INTERSECT', 'EXCEPT', 'LIMIT', 'ON', 'OFFSET', 'FETCH'])

function derivedTable(tokens: readonly Token[], depth: number): { from: number; open: number; close: number } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'FROM') || tokens[i]?.depth !== depth) continue
    const open = nextSignificant(tokens, i + 1)
    const first = tokens[nextSignificant(tokens, open + 1)]
    if (tokens[open]?.text === '(' && (isWord(first, 'SELECT') || isWord(first, 'WITH'))) {
      return { from: i, open, close: closingParen(tokens, open) }
    }
  }
  return undefined
}

export function rewriteVid(tokens: readonly Token[]): Token[] {
  const vid = tokens.find((token) => isWord(token, '%VID'))
  if (!vid) return [...tokens]
  const depth = vid.depth
  const derived = derivedTable(tokens, depth)
  if (!derived) return [...tokens]
  const { from, open, close } = derived
  let aliasStart = nextSignificant(tokens, close + 1)
  let aliasEnd = close + 1
  let alias = VID_ALIAS
  if (isWord(tokens[aliasStart], 'AS')) aliasStart = nextSignificant(tokens, aliasStart + 1)
  const aliasToken = tokens[aliasStart]
  if ((aliasToken?.type === 'word' && !NOT_AN_ALIAS.has(aliasToken.text.toUpperCase())) || aliasToken?.type === 'quoted') {
    alias = aliasToken.type === 'quoted' ? aliasToken.text.slice(1, -1) : aliasToken.text
    aliasEnd = aliasStart + 1
  }
  const a = quoteIdentifier(alias)
  const numbered = `(SELECT ${a} AS ${ROW_COLUMN}, ${a}.*, row_number() over () AS "%VID" FROM ${tokens
    .slice(open, close + 1)
    .map((t) => t.text)
    .join('')} AS ${a}) AS ${a}`
  const wholeRow = `(${a}.${ROW_COLUMN}).*`
  const select = tokens.findLastIndex((token, i) => i < from && token.depth === depth && isWord(token, 'SELECT'))
  const rewritten = tokens.map((token, i): Token => {
    if (i > open && i <= close) return token
    if (isWord(token, '%VID') && token.depth === depth) return { ...token, type: 'quoted', text: '"%VID"' }
    const inSelectList = i > select && i < from && token.depth === depth
    if (inSelectList && token.type === 'op' && token.text === '*') {
      const before = tokens[previousSignificant(tokens, i - 1)]
      if (before?.text === ',' || isWord(before, 'SELECT')) return { ...token, type: 'word', text: wholeRow }
      if (before?.text === '.') return { ...token, type: 'word', text: `${ROW_COLUMN}).*` }
    }
    return token
  })
  // `alias.*` → `(alias.iris_sim_row).*`: open the parenthesis before the alias.
  const withQualifiedStars = rewritten.map((token, i): Token => {
    const dot = rewritten[i + 1]
    const star = rewritten[i + 2]
    return dot?.text === '.' && star?.text === `${ROW_COLUMN}).*` ? { ...token, text: `(${token.text}` } : token
  })
  return retokenize([
    ...withQualifiedStars.slice(0, open),
    { type: 'word', text: numbered, depth },
    ...withQualifiedStars.slice(aliasEnd),
  ])
}
