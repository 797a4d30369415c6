/**
 * IRIS's LIMIT and FETCH clauses (docs/iris-sql.md#row-limits) → PostgreSQL's: `LIMIT ALL n` is
 * IRIS's `LIMIT n` (its ALL is a word of no meaning before the count, where PostgreSQL's
 * `LIMIT ALL` means no limit), and `FETCH [FIRST | NEXT] n [ROW | ROWS] [ONLY]`, whose words
 * around the count IRIS lets out, becomes `FETCH FIRST n ROWS ONLY`.
 */
import { irisError } from './iris-error.js'
import {
  closingParen,
  isWord,
  nextSignificant,
  previousSignificant,
  retokenize,
  type Token,
  token,
} from './tokenizer.js'

/** The end (exclusive) of the row count starting at `at`, or -1 when no count starts there. */
function countEnd(tokens: readonly Token[], at: number): number {
  const count = tokens[at]
  if (count?.type === 'number' || count?.type === 'param') return at + 1
  if (count?.type === 'punct' && count.text === '(') return closingParen(tokens, at) + 1
  return -1
}

/** `at`, or the significant token after it when `at` is one of `words`. */
function skipWord(tokens: readonly Token[], at: number, ...words: string[]): number {
  return words.some((word) => isWord(tokens[at], word)) ? nextSignificant(tokens, at + 1) : at
}

function limitAll(tokens: readonly Token[], all: number): Token[] {
  const count = nextSignificant(tokens, all + 1)
  if (countEnd(tokens, count) < 0)
    throw irisError(
      -1,
      'LIMIT ALL without a count is not IRIS SQL: its ALL goes before a count (LIMIT ALL n means LIMIT n); leave LIMIT out for every row',
    )
  return [...tokens.slice(0, all), ...tokens.slice(count)]
}

function fetchClause(tokens: readonly Token[], fetch: number): Token[] {
  const count = skipWord(tokens, nextSignificant(tokens, fetch + 1), 'FIRST', 'NEXT')
  const end = countEnd(tokens, count)
  if (end < 0) throw irisError(-1, 'FETCH needs a row count: FETCH FIRST n ROWS ONLY')
  // The last of the optional ROW / ROWS and ONLY words; what follows it, whitespace included, stays.
  let last = end - 1
  for (const words of [['ROW', 'ROWS'], ['ONLY']]) {
    const next = nextSignificant(tokens, last + 1)
    if (words.some((word) => isWord(tokens[next], word))) last = next
  }
  const depth = tokens[fetch]?.depth ?? 0
  return [
    ...tokens.slice(0, fetch),
    token('word', 'FETCH FIRST ', depth),
    ...tokens.slice(count, end),
    token('word', ' ROWS ONLY', depth),
    ...tokens.slice(last + 1),
  ]
}

export function rewriteLimitForms(tokens: readonly Token[]): Token[] {
  let current = tokens
  // Last first: rewriting one clause never moves the tokens of an earlier one.
  for (let i = current.length - 1; i >= 0; i--) {
    const previous = current[previousSignificant(current, i - 1)]
    if (isWord(current[i], 'ALL') && isWord(previous, 'LIMIT')) current = limitAll(current, i)
    else if (isWord(current[i], 'FETCH')) current = fetchClause(current, i)
  }
  return current === tokens ? [...tokens] : retokenize(current)
}
