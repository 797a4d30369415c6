/**
 * Locating the parts of a SELECT in a token list: where its TOP and its select list start (after DISTINCT [BY
 * (...)] and TOP, docs/iris-sql.md#row-limits, docs/iris-sql.md#distinct-by) and where the SELECT
 * ends.
 */
import { CLAUSE_WORDS } from './clause-words.js'
import {
  closingParen,
  isWord,
  nextSignificant,
  previousSignificant,
  type Token,
} from './tokenizer.js'

/** The words that join the SELECTs of a set operation. */
export const SET_OPERATORS: readonly string[] = ['UNION', 'INTERSECT', 'EXCEPT']

/**
 * Words that may end an expression; any other trailing name of a select item is an implicit column
 * alias. By now `CURRENT_TIME` and `CURRENT_TIMESTAMP` are calls (value-keywords.ts), and
 * PostgreSQL's other value keywords were refused.
 */
export const EXPRESSION_ENDS: ReadonlySet<string> = new Set([
  'NULL',
  'TRUE',
  'FALSE',
  'END',
  'CURRENT_DATE',
])

/** Index of the TOP keyword of the SELECT at `select`, or -1. Skips `%keyword`s and DISTINCT [BY (...)] / ALL. */
export function topIndex(tokens: readonly Token[], select: number): number {
  const i = afterQuantifier(tokens, select)
  return isWord(tokens[i], 'TOP') ? i : -1
}

/** Index of what follows the `%keyword`s and DISTINCT [BY (...)] / ALL of the SELECT at `select`. */
function afterQuantifier(tokens: readonly Token[], select: number): number {
  let i = nextSignificant(tokens, select + 1)
  while (
    i >= 0 &&
    tokens[i]?.type === 'word' &&
    tokens[i]?.text.startsWith('%') &&
    !isWord(tokens[i], '%VID')
  ) {
    i = nextSignificant(tokens, i + 1)
  }
  if (isWord(tokens[i], 'DISTINCT')) {
    i = nextSignificant(tokens, i + 1)
    if (isWord(tokens[i], 'BY') || isWord(tokens[i], 'ON')) {
      const open = nextSignificant(tokens, i + 1)
      i = nextSignificant(tokens, closingParen(tokens, open) + 1)
    }
  } else if (isWord(tokens[i], 'ALL')) {
    i = nextSignificant(tokens, i + 1)
  }
  return i
}

/** True when the SELECT at `select` is a SELECT DISTINCT, DISTINCT BY (...) included. */
export function isDistinctSelect(tokens: readonly Token[], select: number): boolean {
  const end = afterQuantifier(tokens, select)
  for (let i = select + 1; i < end; i++) if (isWord(tokens[i], 'DISTINCT')) return true
  return false
}

/** Index of the first token of the select list of the SELECT at `select` (after TOP and its count). */
export function selectListStart(tokens: readonly Token[], select: number): number {
  const top = topIndex(tokens, select)
  if (top < 0) return afterQuantifier(tokens, select)
  const count = nextSignificant(tokens, top + 1)
  const end = tokens[count]?.text === '(' ? closingParen(tokens, count) : count
  return nextSignificant(tokens, end + 1)
}

/** Indexes of every SELECT keyword. */
export function selectIndexes(tokens: readonly Token[]): number[] {
  const indexes: number[] = []
  tokens.forEach((token, i) => {
    if (isWord(token, 'SELECT')) indexes.push(i)
  })
  return indexes
}

/** One past the last token of the SELECT at `select`: a closing `)`, a set operator at its depth, or the end. */
export function selectEnd(tokens: readonly Token[], select: number): number {
  const depth = tokens[select]?.depth ?? 0
  for (let i = select + 1; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (token.depth < depth) return i
    if (token.depth === depth && token.type === 'punct' && token.text === ';') return i
    if (token.depth === depth && SET_OPERATORS.some((word) => isWord(token, word))) return i
  }
  return tokens.length
}

/** True when the SELECT at `select` is an operand of UNION / INTERSECT / EXCEPT at its depth. */
export function inSetOperation(tokens: readonly Token[], select: number, end: number): boolean {
  const next = tokens[end]
  if (next && SET_OPERATORS.some((word) => isWord(next, word))) return true
  let previous = previousSignificant(tokens, select - 1)
  if (isWord(tokens[previous], 'ALL') || isWord(tokens[previous], 'DISTINCT'))
    previous = previousSignificant(tokens, previous - 1)
  return SET_OPERATORS.some((word) => isWord(tokens[previous], word))
}

/** One past the last significant token before `end`. */
export function trimmedEnd(tokens: readonly Token[], end: number): number {
  return previousSignificant(tokens, end - 1) + 1
}

/** Words that end a select list at its own depth. */
const LIST_ENDS = [...CLAUSE_WORDS, 'FROM', 'INTO', 'FOR']

/**
 * The items of the select list of the SELECT at `select`, each as its [first, end) token indexes
 * (the commas between them left out), or undefined when the SELECT has no list.
 */
export function selectListItems(
  tokens: readonly Token[],
  select: number,
): Array<[number, number]> | undefined {
  const depth = (tokens[select] as Token).depth
  const start = selectListStart(tokens, select)
  if (start < 0) return undefined
  const items: Array<[number, number]> = [[start, start]]
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (token.depth < depth) break
    if (token.depth === depth && LIST_ENDS.some((word) => isWord(token, word))) break
    const item = items.at(-1) as [number, number]
    if (token.depth === depth && token.text === ',') items.push([i + 1, i + 1])
    else item[1] = i + 1
  }
  return items
}

/**
 * The expression of the select item [start, end) (selectListItems), its alias left out: `x AS a`,
 * or `x a` where `a` is a name after something that can end an expression; as its first and last
 * token indexes, both included.
 */
export function itemExpression(
  tokens: readonly Token[],
  [start, end]: readonly [number, number],
): readonly [number, number] {
  const first = nextSignificant(tokens, start)
  const last = previousSignificant(tokens, end - 1)
  const depth = tokens[first]?.depth
  for (let i = first; i <= last; i++) {
    const token = tokens[i] as Token
    if (token.depth === depth && isWord(token, 'AS'))
      return [first, previousSignificant(tokens, i - 1)]
  }
  const before = previousSignificant(tokens, last - 1)
  const alias = tokens[last]
  const named =
    alias?.type === 'quoted' ||
    (alias?.type === 'word' && !EXPRESSION_ENDS.has(alias.text.toUpperCase()))
  const ended = tokens[before]?.type !== 'op' && tokens[before]?.text !== '.'
  return before >= first && named && ended ? [first, before] : [first, last]
}

/** True when [first, last] is the whole of an item of a select list, without alias. */
export function isUnaliasedItem(
  tokens: readonly Token[],
  [first, last]: readonly [number, number],
): boolean {
  return selectIndexes(tokens).some((select) =>
    (selectListItems(tokens, select) ?? []).some(
      ([start, end]) =>
        nextSignificant(tokens, start) === first && previousSignificant(tokens, end - 1) === last,
    ),
  )
}
