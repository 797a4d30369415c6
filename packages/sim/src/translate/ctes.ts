/**
 * The CTEs of a statement (docs/iris-sql.md#ctes-window-functions-and-locking-reads): each
 * `name [(column, ...)] AS (query)` of a `WITH` list, where it is defined and what its query is.
 */
import { identifierName, isIdentifier } from './names.js'
import {
  closingParen,
  commaSeparated,
  isPunct,
  isTrivia,
  isWord,
  nextSignificant,
  type Token,
} from './tokenizer.js'

export interface Cte {
  /** The stored name. */
  name: string
  /** Index of the name, and of the `(` and `)` around the query. */
  nameIndex: number
  open: number
  close: number
  /** The stored names of an explicit column list, `WITH x (a, b) AS`. */
  columns?: string[]
}

/** The names of a parenthesised list of names, or undefined when anything else is in it. */
export function nameList(tokens: readonly Token[], open: number): string[] | undefined {
  const names = commaSeparated(tokens, open, closingParen(tokens, open)).map((item) =>
    item.filter((token) => !isTrivia(token)),
  )
  return names.every((item) => item.length === 1 && isIdentifier(item[0]))
    ? names.map((item) => identifierName(item[0] as Token))
    : undefined
}

/** The CTE whose name is at `at`, or undefined when no `name [(...)] AS (` starts there. */
function cteAt(tokens: readonly Token[], at: number): Cte | undefined {
  if (!isIdentifier(tokens[at])) return undefined
  let next = nextSignificant(tokens, at + 1)
  let columns: string[] | undefined
  if (isPunct(tokens[next], '(')) {
    columns = nameList(tokens, next)
    next = nextSignificant(tokens, closingParen(tokens, next) + 1)
  }
  const open = nextSignificant(tokens, next + 1)
  if (!isWord(tokens[next], 'AS') || !isPunct(tokens[open], '(')) return undefined
  const name = identifierName(tokens[at] as Token)
  const close = closingParen(tokens, open)
  return { name, nameIndex: at, open, close, ...(columns ? { columns } : {}) }
}

/** Every CTE of every `WITH` list of the statement, in order. */
export function ctesOf(tokens: readonly Token[]): Cte[] {
  const ctes: Cte[] = []
  tokens.forEach((token, i) => {
    if (!isWord(token, 'WITH')) return
    for (let cte = cteAt(tokens, nextSignificant(tokens, i + 1)); cte; ) {
      ctes.push(cte)
      const comma = nextSignificant(tokens, cte.close + 1)
      cte = isPunct(tokens[comma], ',')
        ? cteAt(tokens, nextSignificant(tokens, comma + 1))
        : undefined
    }
  })
  return ctes
}
