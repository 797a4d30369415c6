/**
 * The collation of a concatenation (docs/iris-sql.md#collation, doc `GSQL_langelements_concat`):
 * IRIS gives `a || b` the collation of its operands when both are strings of one collation, and
 * EXACT in every other case. PostgreSQL gives an operator's text result the collation of its
 * operands too, but takes the other side's for a literal's or a parameter's (its default, the
 * weakest) and for a number, which has none, so `name || 'x'` and `name || 1` would keep a
 * `%SQLUPPER` column's case-insensitive collation. So each chain of `||` with an operand that is
 * not a column (a literal, a parameter, a number, a call, an expression) becomes
 * `((chain) COLLATE iris_sim.exact)`, as a string function's call is (functions.ts): it compares,
 * groups and orders as EXACT; the inner parentheses because COLLATE binds tighter than `||`. That
 * a literal or a parameter counts as another collation is [unverified]. A chain of columns only is
 * left to PostgreSQL, which keeps their collation when they share it, as IRIS does.
 *
 * A chain is what PostgreSQL parses as one: operands joined by `||`, each a primary (a name, a
 * literal, a parameter, a call, a parenthesised expression, a CASE) with a sign or an operator that
 * binds tighter than `||` (`+ - * / % ^`); a comparison, a keyword, `,` or `)` ends it. The pattern
 * of a LIKE (and so the prefix of a `%STARTSWITH`, which becomes one) keeps PostgreSQL's collation:
 * LIKE matches under its value's collation (docs/iris-sql.md#like), which an explicit collation on
 * the pattern would override; a `%MATCHES` pattern is collated EXACT whole already (matches.ts).
 * A chain whose value is bytes takes no collation: PostgreSQL refuses the COLLATE, and the engine
 * drops it and prepares the statement again (engine/uncollatable-repair.ts).
 */
import { EXACT_COLLATION } from '../catalog/metadata.js'
import { IRIS_FUNCTIONS } from './function-table.js'
import { patternEnd } from './like-escape.js'
import { isReservedWord } from './reserved-words.js'
import {
  caseEnd,
  closingParen,
  isPunct,
  isTrivia,
  isWord,
  nextSignificant,
  render,
  type Token,
  tokenAtPosition,
  tokenize,
} from './tokenizer.js'

/** What closes a chain: the collation the translator gives it, which the engine may drop again. */
const COLLATE_EXACT = `COLLATE ${EXACT_COLLATION}`

const isConcatenation = (t: Token | undefined) => t?.type === 'op' && t.text === '||'

/** PostgreSQL's operators that bind tighter than `||` (operators.ts writes modulo as ` % `). */
const TIGHTER = new Set(['+', '-', '*', '/', '%', '^'])
const isTighter = (t: Token) => t.type === 'op' && TIGHTER.has(t.text.trim())
const isSign = (t: Token) => t.type === 'op' && (t.text === '+' || t.text === '-')

/** Reserved words that stand for a value rather than begin a clause or a predicate. */
const VALUE_WORDS = new Set([
  'CASE',
  'NULL',
  'TRUE',
  'FALSE',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'SYSDATE',
  'USER',
])

/** PostgreSQL keywords the translator writes or passes on that IRIS does not reserve. */
const POSTGRES_KEYWORDS = new Set([
  'LIMIT',
  'OFFSET',
  'NULLS',
  'RETURNING',
  'OVER',
  'PARTITION',
  'RANGE',
  'GROUPS',
  'FILTER',
  'LATERAL',
  'RECURSIVE',
  'WINDOW',
  'CONFLICT',
  'DO',
])

/** A word that begins no operand: a clause, predicate or logical keyword; no function or value. */
function isKeyword(t: Token): boolean {
  if (t.type !== 'word') return false
  const upper = t.text.toUpperCase()
  if (VALUE_WORDS.has(upper) || IRIS_FUNCTIONS.has(upper)) return false
  return isReservedWord(t) || POSTGRES_KEYWORDS.has(upper)
}

/** A name that may be a column's: a delimited identifier, or a word that is no keyword or value. */
const isName = (t: Token) =>
  t.type === 'quoted' ||
  (t.type === 'word' && !isKeyword(t) && !VALUE_WORDS.has(t.text.toUpperCase()))

/** Whether the tokens are one column reference (`name`, `t.name`, `"Name"`) and nothing else. */
export function isColumnReference(tokens: readonly Token[]): boolean {
  const significant = tokens.filter((t) => !isTrivia(t))
  return (
    significant.length % 2 === 1 &&
    significant.every((t, i) => (i % 2 === 1 ? isPunct(t, '.') : isName(t)))
  )
}

/** A chain being read: its first and last token, whether it holds `||`, whether columns only. */
interface Chain {
  first: number
  last: number
  concatenated: boolean
  columnsOnly: boolean
}

/** A primary: the index of its last token, and whether it names a column. */
interface Primary {
  last: number
  column: boolean
}

class ChainReader {
  /** `[first, last]` token ranges of the chains to collate. */
  readonly chains: [number, number][] = []

  constructor(
    private readonly tokens: readonly Token[],
    private readonly patterns: readonly [number, number][],
  ) {}

  /** Reads the chains of the tokens from `from` up to (not including) `to`, at one level. */
  read(from: number, to: number): void {
    const { tokens } = this
    let chain: Chain | undefined
    let operandIsColumn = true
    let expectOperand = true
    const end = () => {
      if (chain?.concatenated && !chain.columnsOnly && !this.#inPattern(chain.first))
        this.chains.push([chain.first, chain.last])
      chain = undefined
    }
    const next = (at: number) => {
      const i = nextSignificant(tokens, at)
      return i < 0 || i >= to ? to : i
    }
    let i = next(from)
    while (i < to) {
      const t = tokens[i] as Token
      if (expectOperand) {
        if (isSign(t)) {
          chain ??= { first: i, last: i, concatenated: false, columnsOnly: true }
          operandIsColumn = false
          i = next(i + 1)
          continue
        }
        const primary = this.#primary(i)
        if (!primary) {
          // Not an operand (a keyword, a comparison, `,`): no chain goes on here.
          chain = undefined
          operandIsColumn = true
          i = next(i + 1)
          continue
        }
        chain ??= { first: i, last: i, concatenated: false, columnsOnly: true }
        chain.last = primary.last
        operandIsColumn &&= primary.column
        expectOperand = false
        i = next(primary.last + 1)
      } else if (chain && (isConcatenation(t) || isTighter(t))) {
        if (isConcatenation(t)) {
          chain.concatenated = true
          chain.columnsOnly &&= operandIsColumn
          operandIsColumn = true
        } else {
          operandIsColumn = false
        }
        expectOperand = true
        i = next(i + 1)
      } else {
        const window = this.#windowEnd(i, to)
        if (chain && window > i) {
          chain.last = window
          operandIsColumn = false
          i = next(window + 1)
          continue
        }
        if (chain) chain.columnsOnly &&= operandIsColumn
        end()
        operandIsColumn = true
        expectOperand = true
      }
    }
    if (chain && !expectOperand) {
      chain.columnsOnly &&= operandIsColumn
      end()
    }
  }

  /**
   * The last token of the window or filter at `i` (`OVER (...)`, `OVER w`, `FILTER (...)`), which
   * belongs to the call before it, read inside; -1 when none is there.
   */
  #windowEnd(i: number, to: number): number {
    const { tokens } = this
    if (!isWord(tokens[i], 'OVER') && !isWord(tokens[i], 'FILTER')) return -1
    const at = nextSignificant(tokens, i + 1)
    if (at < 0 || at >= to) return -1
    if (!isPunct(tokens[at], '(')) return tokens[at]?.type === 'word' ? at : -1
    const close = closingParen(tokens, at)
    if (close < 0 || close >= to) return -1
    this.read(at + 1, close)
    return close
  }

  #inPattern(at: number): boolean {
    return this.patterns.some(([first, last]) => first <= at && at <= last)
  }

  /** The primary at `i`, the levels inside it read too; undefined when none starts there. */
  #primary(i: number): Primary | undefined {
    const { tokens } = this
    const t = tokens[i] as Token
    if (isPunct(t, '(')) return this.#group(i)
    if (isWord(t, 'CASE')) {
      const last = caseEnd(tokens, i)
      if (last < 0) return undefined
      this.read(i + 1, last)
      return { last, column: false }
    }
    if (t.type === 'string' || t.type === 'number' || t.type === 'param') {
      return { last: i, column: false }
    }
    if ((t.type !== 'word' && t.type !== 'quoted') || isKeyword(t)) return undefined
    // A name, qualified or not, or a call of one.
    let last = i
    for (;;) {
      const dot = nextSignificant(tokens, last + 1)
      const part = nextSignificant(tokens, dot + 1)
      if (!isPunct(tokens[dot], '.') || !['word', 'quoted'].includes(tokens[part]?.type ?? ''))
        break
      last = part
    }
    const open = nextSignificant(tokens, last + 1)
    if (isPunct(tokens[open], '(')) return this.#group(open)
    return { last, column: isColumnReference(tokens.slice(i, last + 1)) }
  }

  /** A parenthesised expression or a call's argument list at `open`, read inside. */
  #group(open: number): Primary | undefined {
    const close = closingParen(this.tokens, open)
    if (close < 0) return undefined
    this.read(open + 1, close)
    return { last: close, column: false }
  }
}

/** `~` and `!~`: `%MATCHES`, whose pattern matches.ts collates EXACT whole. */
const isRegexMatch = (t: Token) => t.type === 'op' && (t.text === '~' || t.text === '!~')

/**
 * The `[first, last]` token ranges of LIKE patterns, which keep the collation PostgreSQL gives
 * them, and of `%MATCHES` patterns, which need no other.
 */
function patterns(tokens: readonly Token[]): [number, number][] {
  const patterns: [number, number][] = []
  tokens.forEach((t, i) => {
    if (!isWord(t, 'LIKE') && !isRegexMatch(t)) return
    const end = patternEnd(tokens, i)
    if (end > i) patterns.push([i + 1, end - 1])
  })
  return patterns
}

/** Collates EXACT each chain of `||` that IRIS gives EXACT collation. */
export function collateConcatenations(tokens: readonly Token[]): Token[] {
  if (!tokens.some(isConcatenation)) return [...tokens]
  const reader = new ChainReader(tokens, patterns(tokens))
  reader.read(0, tokens.length)
  if (reader.chains.length === 0) return [...tokens]
  const opens = new Map<number, number>()
  const closes = new Map<number, number>()
  for (const [first, last] of reader.chains) {
    opens.set(first, (opens.get(first) ?? 0) + 1)
    closes.set(last, (closes.get(last) ?? 0) + 1)
  }
  const open = (i: number) => '(('.repeat(opens.get(i) ?? 0)
  const close = (i: number) => `) ${COLLATE_EXACT})`.repeat(closes.get(i) ?? 0)
  const text = tokens.map((t, i) => `${open(i)}${t.text}${close(i)}`).join('')
  return tokenize(text)
}

/**
 * `sql` without the collation a chain was given, at PostgreSQL's error `position` (1-based, in
 * characters), where the chain's value turned out to take none (bytes); undefined when no such
 * collation is there.
 */
export function withoutCollationAt(sql: string, position: number): string | undefined {
  const tokens = tokenize(sql)
  const at = tokenAtPosition(tokens, position)
  if (!isWord(tokens[at], 'COLLATE')) return undefined
  const rest = render(tokens.slice(at))
  if (!rest.startsWith(COLLATE_EXACT)) return undefined
  return `${render(tokens.slice(0, at))}${rest.slice(COLLATE_EXACT.length)}`
}
