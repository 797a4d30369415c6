/**
 * The functions IRIS documents with a form without parentheses beside the call: the collation
 * functions `%EXACT`, `%SQLUPPER` and `%SQLSTRING` (`%EXACT name`), `UPPER` and the deprecated
 * `%UPPER`, but not LOWER (docs/iris-sql.md#collation). The simulator runs them
 * as the call, `%EXACT(name)`, when the operand is one column, literal, parameter or call and
 * nothing but a comparison, a keyword or the end of an item follows it. Before an arithmetic or
 * string operator, what the bare form covers is not documented, so it is refused.
 */
import { irisError } from './iris-error.js'
import { isIdentifier } from './names.js'
import {
  closingParen,
  isComparison,
  isPunct,
  isWord,
  nextSignificant,
  previousSignificant,
  render,
  retokenize,
  type Token,
  token,
} from './tokenizer.js'

const BARE_FORMS = ['%EXACT', '%SQLUPPER', '%SQLSTRING', '%UPPER', 'UPPER']

/** Index of the last token of the operand starting at `start`, or -1 for no operand the form takes. */
function operandEnd(tokens: readonly Token[], start: number): number {
  const first = tokens[start]
  if (first?.type === 'string' || first?.type === 'number' || first?.type === 'param') return start
  if (!isIdentifier(first) || BARE_FORMS.includes(first.text.toUpperCase())) return -1
  let end = start
  for (;;) {
    const next = nextSignificant(tokens, end + 1)
    if (isPunct(tokens[next], '(')) return closingParen(tokens, next)
    const name = nextSignificant(tokens, next + 1)
    if (!isPunct(tokens[next], '.') || !isIdentifier(tokens[name])) return end
    end = name
  }
}

/** True when `next` ends the operand's expression: nothing, `,`, `)`, `;`, a keyword or a comparison. */
function endsOperand(next: Token | undefined): boolean {
  return (
    next === undefined ||
    isPunct(next, ',') ||
    isPunct(next, ')') ||
    isPunct(next, ';') ||
    next.type === 'word' ||
    isComparison(next)
  )
}

/** The statement with each bare form written as its call; else itself. */
export function parenthesiseBareForms(tokens: readonly Token[]): Token[] {
  const out = [...tokens]
  let changed = false
  for (let i = out.length - 1; i >= 0; i--) {
    const name = out[i]
    // LOWER, a reserved word, has the call form only, unlike UPPER.
    if (isWord(name, 'LOWER') && !isPunct(out[nextSignificant(out, i + 1)], '('))
      throw irisError(-1, 'LOWER has no form without parentheses in IRIS SQL; write LOWER(...)')
    if (name?.type !== 'word' || !BARE_FORMS.includes(name.text.toUpperCase())) continue
    // `COLLATE %EXACT` in a column definition names the column's collation, no function.
    if (isWord(out[previousSignificant(out, i - 1)], 'COLLATE')) continue
    const start = nextSignificant(out, i + 1)
    if (isPunct(out[start], '(')) continue
    const end = start < 0 ? -1 : operandEnd(out, start)
    const after = end < 0 ? undefined : out[nextSignificant(out, end + 1)]
    if (end < 0 || !endsOperand(after)) {
      const form = name.text.toUpperCase()
      throw irisError(
        -1,
        `${form} without parentheses runs on one column, literal, parameter or call before a comparison, a keyword or the end of the item; write ${form}(...) around its value`,
      )
    }
    const operand = render(out.slice(start, end + 1))
    out.splice(start, end - start + 1, token('word', `(${operand})`, name.depth))
    changed = true
  }
  return changed ? retokenize(out) : out
}
