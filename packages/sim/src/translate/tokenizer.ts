/**
 * Splits IRIS SQL text into tokens so that every rewrite works on structure, never on raw text:
 * a rewrite can then never fire inside a string literal, a quoted identifier or a comment.
 * Whitespace and comments are kept as tokens, so joining every token's `text` gives back the input
 * exactly.
 */

export type TokenType =
  | 'word' // keyword or simple identifier; IRIS identifiers may start with `%` or `_` (docs/iris-sql.md#identifiers)
  | 'quoted' // "delimited identifier", `""` escapes a quote
  | 'string' // 'literal', `''` escapes a quote
  | 'number'
  | 'param' // `?` or `$n`
  | 'op' // operator, e.g. `::`, `<->`, `||`, `<=>`
  | 'punct' // ( ) , ; . [ ]
  | 'space' // whitespace
  | 'comment' // -- line or /* block */ comment

export interface Token {
  type: TokenType
  text: string
  /** Parenthesis depth: for `(` and `)` the depth outside them. */
  depth: number
}

/** Multi-character operators, longest first. */
const OPERATORS = [
  '!~~*',
  '<->',
  '<=>',
  '<#>',
  '<+>',
  '<~>',
  '<%>',
  '->>',
  '#>>',
  '!~~',
  '!~*',
  '::',
  '<>',
  '!=',
  '<=',
  '>=',
  '||',
  '->',
  '#>',
  '@>',
  '<@',
  '&&',
  '~~',
  '~*',
  '!~',
]

const OPERATOR_CHARS = '+-*/<>=~!@#%^&|`:'
const PUNCTUATION = '(),;.[]{}'

/** Letters, `_` and any non-ASCII character start a word; digits and `$` may follow. */
function isWordStart(c: string): boolean {
  const code = c.charCodeAt(0)
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128
}
function isWordPart(c: string): boolean {
  const code = c.charCodeAt(0)
  return isWordStart(c) || (code >= 48 && code <= 57) || code === 36
}
const isSpace = (c: string) =>
  c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v'
const isDigit = (c: string) => c >= '0' && c <= '9'

/** Thrown for text that cannot be tokenized (an unterminated literal, identifier or comment). */
export class TokenizeError extends Error {
  constructor(readonly what: 'string' | 'quoted' | 'comment') {
    super(
      `unterminated ${what === 'string' ? 'string literal' : what === 'quoted' ? 'delimited identifier' : 'comment'}`,
    )
    this.name = 'TokenizeError'
  }
}

function scanQuoted(text: string, start: number, quote: string, what: 'string' | 'quoted'): number {
  let i = start + 1
  for (;;) {
    const at = text.indexOf(quote, i)
    if (at < 0) throw new TokenizeError(what)
    if (text[at + 1] === quote) {
      i = at + 2
      continue
    }
    return at + 1
  }
}

function scanNumber(text: string, start: number): number {
  const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(start))
  return start + (match ? match[0].length : 1)
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let depth = 0
  let i = 0
  const push = (type: TokenType, end: number, tokenDepth = depth) => {
    tokens.push({ type, text: text.slice(i, end), depth: tokenDepth })
    i = end
  }
  while (i < text.length) {
    const c = text[i] as string
    const next = text[i + 1] ?? ''
    if (isSpace(c)) {
      let end = i + 1
      while (end < text.length && isSpace(text[end] as string)) end++
      push('space', end)
    } else if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i)
      push('comment', nl < 0 ? text.length : nl)
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2)
      if (close < 0) throw new TokenizeError('comment')
      push('comment', close + 2)
    } else if (c === "'") {
      push('string', scanQuoted(text, i, "'", 'string'))
    } else if (c === '"') {
      push('quoted', scanQuoted(text, i, '"', 'quoted'))
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      push('number', scanNumber(text, i))
    } else if (c === '?') {
      push('param', i + 1)
    } else if (c === '$' && isDigit(next)) {
      let end = i + 1
      while (end < text.length && isDigit(text[end] as string)) end++
      push('param', end)
    } else if (isWordStart(c) || (c === '%' && isWordStart(next))) {
      // docs/iris-sql.md#identifiers: simple identifiers may start with `%` (e.g. %VID, %EXACT, %Dictionary).
      let end = i + 1
      while (end < text.length && isWordPart(text[end] as string)) end++
      push('word', end)
    } else if (c === '(') {
      push('punct', i + 1)
      depth++
    } else if (c === ')') {
      depth = Math.max(0, depth - 1)
      push('punct', i + 1)
    } else if (PUNCTUATION.includes(c)) {
      push('punct', i + 1)
    } else {
      const op = OPERATORS.find((candidate) => text.startsWith(candidate, i))
      if (op) push('op', i + op.length)
      else if (OPERATOR_CHARS.includes(c)) push('op', i + 1)
      else push('op', i + 1)
    }
  }
  return tokens
}

/** Joins tokens back into text. */
export function render(tokens: readonly Token[]): string {
  return tokens.map((token) => token.text).join('')
}

/** True for a word token equal to `word` case-insensitively. */
export function isWord(token: Token | undefined, word: string): boolean {
  // Length first: this runs for every token of every rewrite, and most tokens differ in length.
  return (
    token?.type === 'word' && token.text.length === word.length && token.text.toUpperCase() === word
  )
}

/** True for the punctuation token `text`. */
export function isPunct(token: Token | undefined, text: string): boolean {
  return token?.type === 'punct' && token.text === text
}

/** The comparison operators of IRIS's predicates (doc RSQL_predicates; docs/iris-sql.md#operators). */
const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['=', '<>', '!=', '<', '>', '<=', '>='])

/** True for a comparison operator token (`=`, `<>`, `!=`, `<`, `>`, `<=`, `>=`). */
export function isComparison(token: Token | undefined): boolean {
  return token?.type === 'op' && COMPARISON_OPERATORS.has(token.text)
}

/** The texts of the significant tokens (no whitespace or comments), upper-cased. */
export function upperWords(tokens: readonly Token[]): string[] {
  return tokens.filter((token) => !isTrivia(token)).map((token) => token.text.toUpperCase())
}

/** True for whitespace and comments. */
export function isTrivia(token: Token | undefined): boolean {
  return token?.type === 'space' || token?.type === 'comment'
}

/** Index of the next non-trivia token at or after `from`, or -1. */
export function nextSignificant(tokens: readonly Token[], from: number): number {
  for (let i = from; i < tokens.length; i++) if (!isTrivia(tokens[i])) return i
  return -1
}

/** Index of the previous non-trivia token at or before `from`, or -1. */
export function previousSignificant(tokens: readonly Token[], from: number): number {
  for (let i = from; i >= 0; i--) if (!isTrivia(tokens[i])) return i
  return -1
}

/** Index of the token at PostgreSQL's error position (1-based, in characters), or -1. */
export function tokenAtPosition(tokens: readonly Token[], position: number): number {
  let offset = 0
  for (const [i, token] of tokens.entries()) {
    offset += Array.from(token.text).length
    if (position <= offset) return i
  }
  return -1
}

/** Index of the `)` closing the `(` at `open`, or -1. */
export function closingParen(tokens: readonly Token[], open: number): number {
  const depth = tokens[open]?.depth
  for (let i = open + 1; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (token.type === 'punct' && token.text === ')' && token.depth === depth) return i
  }
  return -1
}

/** Index of the `(` whose level holds the token at `i`, or -1 at the statement's own level. */
export function openingParen(tokens: readonly Token[], i: number): number {
  const depth = (tokens[i]?.depth ?? 0) - 1
  for (let j = i - 1; j >= 0; j--) {
    const token = tokens[j] as Token
    if (token.type === 'punct' && token.text === '(' && token.depth === depth) return j
  }
  return -1
}

/** Index of the `END` closing the `CASE` at `start`, or -1. */
export function caseEnd(tokens: readonly Token[], start: number): number {
  const depth = tokens[start]?.depth
  let open = 0
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i] as Token
    if (t.depth !== depth) continue
    if (isWord(t, 'CASE')) open++
    else if (isWord(t, 'END') && --open === 0) return i
  }
  return -1
}

/** A synthetic token (for rewrites); depth is the depth it sits at. */
export function token(type: TokenType, text: string, depth: number): Token {
  return { type, text, depth }
}

/** Re-tokenizes rewritten tokens so depths are right again. */
export function retokenize(tokens: readonly Token[]): Token[] {
  return tokenize(render(tokens))
}

/** The tokens between the `(` at `open` and the `)` at `close`, split on commas at the inner depth. */
export function commaSeparated(tokens: readonly Token[], open: number, close: number): Token[][] {
  return splitOnCommas(tokens.slice(open + 1, close), (tokens[open]?.depth ?? 0) + 1)
}

/** The tokens split on the commas at `depth`. */
export function splitOnCommas(tokens: readonly Token[], depth: number): Token[][] {
  const items: Token[][] = [[]]
  for (const token of tokens) {
    if (token.type === 'punct' && token.text === ',' && token.depth === depth) items.push([])
    else (items.at(-1) as Token[]).push(token)
  }
  return items
}

/** The text of tokens, trimmed. */
export function trimmedText(tokens: readonly Token[]): string {
  return render(tokens).trim()
}
