/**
 * A string literal is VARCHAR in IRIS (docs/iris-sql.md#implicit-conversion), where PostgreSQL
 * gives an untyped literal the type of the values it meets: among numbers, as a result of a CASE or
 * in a column of a UNION, INTERSECT or EXCEPT, `'1'` would become the INTEGER 1 and `'a'` fail.
 * Typed as the sim's VARCHAR there, the literal makes PostgreSQL report the mix, which the engine
 * then computes as IRIS does (varchar-repair.ts). It is the type a literal next to a `%SQLUPPER`
 * column took before, so such a CASE compares as it did, under the column's collation (a
 * literal's is PostgreSQL's default, which gives way to a column's). A CASE or column of literals
 * alone meets no number and is left as it is.
 */
import { STRING_TYPE } from '../catalog/metadata.js'
import { caseResults, type TokenRange } from './case-results.js'
import { selectIndexes } from './select-parts.js'
import { isSetOperand, setOperationColumns, setOperationSelects } from './set-operations.js'
import { isWord, type Token, token } from './tokenizer.js'

const isLiteral = (tokens: readonly Token[], [first, last]: TokenRange) =>
  first === last && tokens[first]?.type === 'string'

const isLiteralOrNull = (tokens: readonly Token[], range: TokenRange) =>
  isLiteral(tokens, range) || (range[0] === range[1] && isWord(tokens[range[0]], 'NULL'))

/** Each bare literal among `values` when another of them is something else, e.g. a column. */
function literalsAmong(tokens: readonly Token[], values: readonly TokenRange[]): TokenRange[] {
  if (values.every((range) => isLiteralOrNull(tokens, range))) return []
  return values.filter((range) => isLiteral(tokens, range))
}

/**
 * The literals to type, each with whether it is a select item without alias (labelled
 * `?column?` by PostgreSQL, as it stays).
 */
function literalsToType(tokens: readonly Token[]): Map<number, boolean> {
  const literals = new Map<number, boolean>()
  tokens.forEach((t, i) => {
    if (!isWord(t, 'CASE')) return
    for (const [first] of literalsAmong(tokens, caseResults(tokens, i))) literals.set(first, false)
  })
  const seen = new Set<number>()
  for (const select of selectIndexes(tokens)) {
    if (seen.has(select) || !isSetOperand(tokens, select)) continue
    const selects = setOperationSelects(tokens, select)
    for (const operand of selects) seen.add(operand)
    for (const column of setOperationColumns(tokens, selects)) {
      const typed = literalsAmong(
        tokens,
        column.map(({ range }) => range),
      )
      for (const { range, unaliased } of column)
        if (typed.includes(range)) literals.set(range[0], unaliased)
    }
  }
  return literals
}

/** `CAST('...' AS <the sim's VARCHAR>)` for the literal `t`, labelled as it was when `unaliased`. */
function typedLiteral(t: Token, unaliased: boolean): Token[] {
  const inner = t.depth + 1
  const label = [
    token('space', ' ', t.depth),
    token('word', 'AS', t.depth),
    token('space', ' ', t.depth),
    token('quoted', '"?column?"', t.depth),
  ]
  return [
    token('word', 'CAST', t.depth),
    token('punct', '(', t.depth),
    { ...t, depth: inner },
    token('space', ' ', inner),
    token('word', 'AS', inner),
    token('space', ' ', inner),
    token('word', STRING_TYPE, inner),
    token('punct', ')', t.depth),
    ...(unaliased ? label : []),
  ]
}

/** Types each bare string literal of a CASE's results or a set operation's column as VARCHAR. */
export function typeStringLiterals(tokens: Token[]): Token[] {
  if (!tokens.some((t) => t.type === 'string')) return tokens
  const literals = literalsToType(tokens)
  if (literals.size === 0) return tokens
  return tokens.flatMap((t, i) => {
    const unaliased = literals.get(i)
    return unaliased === undefined ? [t] : typedLiteral(t, unaliased)
  })
}
