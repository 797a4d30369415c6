/**
 * IRIS's concatenation, `||`, as PostgreSQL is to compute it: its precedence and its collation.
 *
 * Precedence (docs/iris-sql.md#operators): IRIS applies `||`, `+` and `-` at one level, left to
 * right, below `*`, `/`, `\` and `#`; PostgreSQL binds `+` and `-` tighter than `||`. So where a
 * binary `+` or `-` follows a `||` in a chain, what comes before it is parenthesised:
 * `a || b + 1` becomes `(a || b) + 1`, as IRIS computes it.
 *
 * Collation (docs/iris-sql.md#collation, doc `GSQL_langelements_concat`): IRIS gives `a || b` the
 * collation of its operands when both are strings of one collation, and EXACT in every other case.
 * PostgreSQL gives an operator's text result the collation of its operands too, but takes the
 * other side's for a literal's or a parameter's (its default, the weakest) and for a number, which
 * has none, so `name || 'x'` and `name || 1` would keep a `%SQLUPPER` column's case-insensitive
 * collation. So each chain of `||` with an operand that is not a column (a literal, a parameter, a
 * number, a call, an expression) becomes `((chain) COLLATE iris_sim.exact)`, as a string
 * function's call is (functions.ts): it compares, groups and orders as EXACT; the inner
 * parentheses because COLLATE binds tighter than `||`. That a literal or a parameter counts as
 * another collation is [unverified]. A chain of columns only is collated so too where the catalog
 * snapshot tells that one of them is no string or that two differ in collation (chain-collation.ts);
 * else it is left to PostgreSQL, which keeps their collation when they share it, as IRIS does. So
 * is a chain whose last operation is `+` or `-`, a number.
 *
 * A chain is what PostgreSQL parses as one: operands joined by `||`, `+` and `-`, each a primary (a
 * name, a literal, a parameter, a call, a parenthesised expression, a CASE) with a sign or an
 * operator that binds tighter (`* / % ^`); a comparison, a keyword, `,` or `)` ends it. The pattern
 * of a LIKE (and so the prefix of a `%STARTSWITH`, which becomes one) keeps PostgreSQL's collation:
 * LIKE matches under its value's collation (docs/iris-sql.md#like), which an explicit collation on
 * the pattern would override; a `%MATCHES` pattern is collated EXACT whole already (matches.ts).
 * A chain whose value is bytes takes no collation: PostgreSQL refuses the COLLATE, and the engine
 * drops it and prepares the statement again (engine/uncollatable-repair.ts).
 */
import { EXACT_COLLATION } from '../catalog/metadata.js'
import { concatenatesExact } from './chain-collation.js'
import { IRIS_FUNCTIONS } from './function-table.js'
import { patternRanges } from './like-escape.js'
import type { CatalogSnapshot } from './plan.js'
import { isReservedWord } from './reserved-words.js'
import {
  caseEnd,
  closingParen,
  isPunct,
  isTrivia,
  isWord,
  nextSignificant,
  previousSignificant,
  render,
  type Token,
  tokenAtPosition,
  tokenize,
} from './tokenizer.js'

/** What closes a chain: the collation the translator gives it, which the engine may drop again. */
const COLLATE_EXACT = `COLLATE ${EXACT_COLLATION}`

const isConcatenation = (t: Token | undefined) => t?.type === 'op' && t.text === '||'

/** Operators that bind tighter than `||`, `+` and `-` (operators.ts writes modulo as ` % `). */
const TIGHTER = new Set(['*', '/', '%', '^'])
const isTighter = (t: Token) => t.type === 'op' && TIGHTER.has(t.text.trim())
/** `+` or `-`: a sign before an operand, IRIS's level of `||` between two. */
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
  /** The `[first, last]` token ranges of its operands that are column references. */
  columns: [number, number][]
  /** The binary `+` and `-` after a `||`, before each of which the chain so far is parenthesised. */
  regroups: number[]
  /** Whether the chain's last operation at its level is `+` or `-`: its value is a number. */
  arithmetic: boolean
}

const chainAt = (first: number): Chain => ({
  first,
  last: first,
  concatenated: false,
  columnsOnly: true,
  columns: [],
  regroups: [],
  arithmetic: false,
})

/** A primary: the index of its last token, and whether it names a column. */
interface Primary {
  last: number
  column: boolean
}

class ChainReader {
  /** `[first, last]` token ranges of the chains to collate. */
  readonly collated: [number, number][] = []
  /** `[first, last]` token ranges to parenthesise, IRIS's grouping of `||` with `+` and `-`. */
  readonly regrouped: [number, number][] = []

  constructor(
    private readonly tokens: readonly Token[],
    private readonly patterns: readonly [number, number][],
    private readonly catalog: CatalogSnapshot | undefined,
  ) {}

  /** Reads the chains of the tokens from `from` up to (not including) `to`, at one level. */
  read(from: number, to: number): void {
    const { tokens } = this
    let chain: Chain | undefined
    let operandIsColumn = true
    let expectOperand = true
    const end = () => {
      if (!chain) return
      const { first, last, concatenated, columnsOnly, arithmetic } = chain
      for (const op of chain.regroups) {
        this.regrouped.push([first, previousSignificant(tokens, op - 1)])
      }
      if (
        concatenated &&
        !arithmetic &&
        !this.#inPattern(first) &&
        (!columnsOnly || this.#columnsConcatenateExact(chain))
      ) {
        this.collated.push([first, last])
      }
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
          chain ??= chainAt(i)
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
        chain ??= chainAt(i)
        chain.last = primary.last
        if (primary.column) chain.columns.push([i, primary.last])
        operandIsColumn &&= primary.column
        expectOperand = false
        i = next(primary.last + 1)
      } else if (chain && (isConcatenation(t) || isSign(t) || isTighter(t))) {
        if (isTighter(t)) {
          operandIsColumn = false
        } else {
          if (isSign(t) && chain.concatenated) chain.regroups.push(i)
          chain.concatenated ||= isConcatenation(t)
          chain.arithmetic = isSign(t)
          chain.columnsOnly &&= operandIsColumn && !chain.arithmetic
          operandIsColumn = true
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

  #columnsConcatenateExact({ first, columns }: Chain): boolean {
    const { tokens } = this
    const references = columns.map(([from, to]) => tokens.slice(from, to + 1))
    return concatenatesExact(tokens, first, references, this.catalog)
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

/** LIKE, and `~` and `!~`: `%MATCHES`, whose pattern matches.ts collates EXACT whole. */
const isPatternOperator = (t: Token) =>
  isWord(t, 'LIKE') || (t.type === 'op' && (t.text === '~' || t.text === '!~'))

/** How many of the ranges start and end at each token. */
function counts(ranges: readonly [number, number][]): {
  starts: Map<number, number>
  ends: Map<number, number>
} {
  const starts = new Map<number, number>()
  const ends = new Map<number, number>()
  for (const [first, last] of ranges) {
    starts.set(first, (starts.get(first) ?? 0) + 1)
    ends.set(last, (ends.get(last) ?? 0) + 1)
  }
  return { starts, ends }
}

/**
 * Each chain of `||` grouped with `+` and `-` as IRIS groups them, and collated EXACT where IRIS
 * gives it EXACT collation; `catalog` tells the collations of the columns.
 */
export function rewriteConcatenations(
  tokens: Token[],
  catalog: CatalogSnapshot | undefined,
): Token[] {
  if (!tokens.some(isConcatenation)) return tokens
  const reader = new ChainReader(tokens, patternRanges(tokens, isPatternOperator), catalog)
  reader.read(0, tokens.length)
  if (reader.collated.length === 0 && reader.regrouped.length === 0) return tokens
  const collated = counts(reader.collated)
  const regrouped = counts(reader.regrouped)
  // A chain's collation goes outside the groups within it, which end before its last operator.
  const open = (i: number) =>
    `${'(('.repeat(collated.starts.get(i) ?? 0)}${'('.repeat(regrouped.starts.get(i) ?? 0)}`
  const close = (i: number) =>
    `${')'.repeat(regrouped.ends.get(i) ?? 0)}${`) ${COLLATE_EXACT})`.repeat(collated.ends.get(i) ?? 0)}`
  return tokenize(tokens.map((t, i) => `${open(i)}${t.text}${close(i)}`).join(''))
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
