/**
 * Splits a query string into statements on top-level `;` tokens (never inside a literal, identifier
 * or comment). The simple protocol may carry several statements; the extended protocol one, and a
 * trailing `;` is stripped (docs/iris-sql.md#simple-and-extended-protocol,
 * docs/iris-sql.md#execute-row-limit).
 */

import { irisError } from './iris-error.js'
import type { TranslateOptions } from './plan.js'
import { isTrivia, type Token } from './tokenizer.js'

export function splitStatements(
  tokens: readonly Token[],
  protocol: TranslateOptions['protocol'],
): Token[][] {
  const statements: Token[][] = []
  let current: Token[] = []
  const flush = () => {
    if (current.some((token) => !isTrivia(token))) statements.push(trim(current))
    current = []
  }
  for (const token of tokens) {
    if (token.type === 'punct' && token.text === ';' && token.depth === 0) flush()
    else current.push(token)
  }
  flush()
  if (protocol === 'extended' && statements.length > 1) {
    throw irisError(-25, 'a prepared statement holds exactly one SQL statement')
  }
  return statements
}

/** Drops leading and trailing whitespace and comments. */
export function trim(tokens: readonly Token[]): Token[] {
  let start = 0
  let end = tokens.length
  while (start < end && isTrivia(tokens[start])) start++
  while (end > start && isTrivia(tokens[end - 1])) end--
  return tokens.slice(start, end)
}
