/**
 * The fallback bulk insert (docs/iris-sql.md#multi-row-inserts), `INSERT INTO t (cols) SELECT ?, ?
 * UNION ALL SELECT ?, ? ...`, runs as the multi-row `INSERT INTO t (cols) VALUES (?, ?), (?, ?),
 * ...`: the same rows. PostgreSQL analyses a UNION chain recursively, one level per SELECT, and in
 * PGlite that recursion runs out of JavaScript stack at about 550 SELECTs
 * (docs/iris-sql.md#simulator-limits); a VALUES list is flat, and PostgreSQL types each value by
 * its target column, as IRIS's loosely typed parameters expect
 * (docs/iris-sql.md#parameter-re-typing).
 *
 * Only a chain of bare select lists qualifies: no FROM or other clause, no DISTINCT or TOP; an
 * `AS` alias is dropped (VALUES cannot carry one, and INSERT ignores it), an alias without `AS`
 * makes the chain run as written, as does anything else.
 */
import { CLAUSE_WORDS } from './clause-words.js'
import { isIdentifier, readQualifiedName } from './names.js'
import { EXPRESSION_ENDS } from './select-parts.js'
import { trim } from './statements.js'
import { closingParen, isTrivia, isWord, nextSignificant, type Token, token } from './tokenizer.js'

/** Words that end a bare select list or make the SELECT more than a row of values. */
const NOT_A_ROW = new Set([
  ...CLAUSE_WORDS,
  'FROM',
  'WINDOW',
  'INTO',
  'TOP',
  'DISTINCT',
  'ALL',
  'FOR',
])

/** Index of the SELECT that starts the source of `INSERT [INTO] t [(cols)] SELECT ...`, or -1. */
function sourceSelect(tokens: readonly Token[]): number {
  let i = nextSignificant(tokens, 0)
  if (!isWord(tokens[i], 'INSERT')) return -1
  i = nextSignificant(tokens, i + 1)
  if (isWord(tokens[i], 'INTO')) i = nextSignificant(tokens, i + 1)
  const name = i < 0 ? undefined : readQualifiedName(tokens, i)
  if (!name) return -1
  i = nextSignificant(tokens, name.end)
  if (tokens[i]?.text === '(') i = nextSignificant(tokens, closingParen(tokens, i) + 1)
  return isWord(tokens[i], 'SELECT') && tokens[i]?.depth === 0 ? i : -1
}

/** An item of a bare select list: an expression without alias. */
function isPlainValue(item: readonly Token[]): boolean {
  const last = item.findLast((t) => !isTrivia(t))
  if (last === undefined) return false
  if (last.type === 'quoted') return false
  return last.type !== 'word' || EXPRESSION_ENDS.has(last.text.toUpperCase())
}

/** True for a `,` or `UNION` at depth 0, or the end: what may follow an item. */
function endsItem(tokens: readonly Token[], at: number): boolean {
  const next = tokens[at]
  return next === undefined || (next.depth === 0 && (next.text === ',' || isWord(next, 'UNION')))
}

/**
 * The select lists of the chain `SELECT a, b UNION ALL SELECT c [AS x], d ...` starting at `select`
 * (each list split into its items, explicit aliases dropped), or undefined when the source is
 * anything else.
 */
function unionRows(tokens: readonly Token[], select: number): Token[][][] | undefined {
  const rows: Token[][][] = [[[]]]
  for (let i = select + 1; i < tokens.length; i++) {
    const current = tokens[i] as Token
    const row = rows.at(-1) as Token[][]
    if (current.depth > 0 || current.type === 'space' || current.type === 'comment') {
      ;(row.at(-1) as Token[]).push(current)
    } else if (current.text === ',') {
      row.push([])
    } else if (isWord(current, 'UNION')) {
      const all = nextSignificant(tokens, i + 1)
      i = nextSignificant(tokens, all + 1)
      if (!isWord(tokens[all], 'ALL') || !isWord(tokens[i], 'SELECT')) return undefined
      rows.push([[]])
    } else if (isWord(current, 'AS')) {
      i = nextSignificant(tokens, i + 1)
      if (!isIdentifier(tokens[i]) || !endsItem(tokens, nextSignificant(tokens, i + 1)))
        return undefined
    } else if (current.type === 'word' && NOT_A_ROW.has(current.text.toUpperCase())) {
      return undefined
    } else {
      ;(row.at(-1) as Token[]).push(current)
    }
  }
  return rows.every((row) => row.every(isPlainValue)) ? rows : undefined
}

/** Rewrites the UNION ALL fallback form of an INSERT (docs/iris-sql.md#multi-row-inserts) to multi-row VALUES; other statements are returned as they are. */
export function rewriteUnionRows(tokens: Token[]): Token[] {
  const select = sourceSelect(tokens)
  if (select < 0) return tokens
  const rows = unionRows(tokens, select)
  if (!rows || rows.length < 2) return tokens
  const values: Token[] = [token('word', 'VALUES', 0), token('space', ' ', 0)]
  rows.forEach((row, r) => {
    if (r > 0) values.push(token('punct', ',', 0), token('space', ' ', 0))
    values.push(token('punct', '(', 0))
    row.forEach((item, c) => {
      if (c > 0) values.push(token('punct', ',', 1), token('space', ' ', 1))
      for (const t of trim(item)) values.push({ ...t, depth: t.depth + 1 })
    })
    values.push(token('punct', ')', 0))
  })
  return [...tokens.slice(0, select), ...values]
}
