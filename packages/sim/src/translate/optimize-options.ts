/**
 * IRIS's optimize-option keywords right after a FROM (docs/iris-sql.md#optimize-options): hints to
 * IRIS's query optimizer, without effect on the rows a query returns. The simulator drops the
 * documented ones where IRIS takes them (a SELECT's FROM, DELETE's second FROM) and refuses any
 * other `%word` there, and any of them after another FROM (DELETE's first, UPDATE's).
 */
import { irisError } from './iris-error.js'
import { isIdentifier } from './names.js'
import { isPunct, isWord, nextSignificant, previousSignificant, type Token } from './tokenizer.js'

/** The keywords doc RSQL_from lists, each with whether a name follows it. */
const OPTIMIZE_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ['%ALLINDEX', false],
  ['%FIRSTTABLE', true],
  ['%FULL', false],
  ['%IGNOREINDEX', true],
  ['%INORDER', false],
  ['%NOFLATTEN', false],
  ['%NOMERGE', false],
  ['%NOREDUCE', false],
  ['%NOSVSO', false],
  ['%NOTOPOPT', false],
  ['%NOUNIONOROPT', false],
  ['%PARALLEL', false],
  ['%STARTTABLE', false],
])

/** True for a `%word` at `i` that is neither a `%Dictionary.` schema nor a `%EXACT(` call. */
export function isPercentKeyword(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]
  const next = tokens[nextSignificant(tokens, i + 1)]
  return t?.type === 'word' && t.text.startsWith('%') && !isPunct(next, '.') && !isPunct(next, '(')
}

/**
 * Whether the FROM at `from` may take optimize options (a SELECT's, DELETE's second), or not
 * (DELETE's first, UPDATE's); undefined for a FROM inside a call (`EXTRACT(YEAR FROM %ID)`).
 */
function takesOptions(tokens: readonly Token[], from: number): boolean | undefined {
  const depth = (tokens[from] as Token).depth
  // DELETE's first FROM follows DELETE right away: its keyword options (`DELETE %NOLOCK FROM t`)
  // are gone by now (keyword-options.ts).
  const previous = previousSignificant(tokens, from - 1)
  for (let i = previous; i >= 0; i = previousSignificant(tokens, i - 1)) {
    const t = tokens[i] as Token
    if (t.depth < depth) return undefined
    if (t.depth > depth) continue
    if (isWord(t, 'SELECT')) return true
    if (isWord(t, 'DELETE')) return i !== previous
    if (isWord(t, 'UPDATE')) return false
  }
  return undefined
}

/** Index after the optionally dotted name at `i` (`%IGNOREINDEX Sample.Person.NameIdx`), or -1. */
function nameEnd(tokens: readonly Token[], i: number): number {
  if (!isIdentifier(tokens[i])) return -1
  const dot = nextSignificant(tokens, i + 1)
  if (!isPunct(tokens[dot], '.')) return i + 1
  return nameEnd(tokens, nextSignificant(tokens, dot + 1))
}

/** Index after the options that follow the FROM at `from`, checking each. */
function optionsEnd(tokens: readonly Token[], from: number, allowed: boolean): number {
  let end = from + 1
  for (let i = nextSignificant(tokens, end); i >= 0 && isPercentKeyword(tokens, i); ) {
    const keyword = (tokens[i] as Token).text.toUpperCase()
    const takesName = OPTIMIZE_OPTIONS.get(keyword)
    if (takesName === undefined)
      throw irisError(
        -1,
        `${keyword} is not an optimize-option keyword; IRIS's FROM takes ${[...OPTIMIZE_OPTIONS.keys()].join(', ')}`,
      )
    if (!allowed)
      throw irisError(
        -1,
        `${keyword}: optimize-option keywords go only after a SELECT's FROM or a DELETE's second FROM`,
      )
    end = takesName ? nameEnd(tokens, nextSignificant(tokens, i + 1)) : i + 1
    if (end < 0) throw irisError(-1, `${keyword} is followed by a name in IRIS SQL`)
    i = nextSignificant(tokens, end)
  }
  return end
}

/** The statement without the optimize options of its FROMs; throws for a misplaced or unknown one. */
export function dropOptimizeOptions(tokens: readonly Token[]): Token[] {
  const out: Token[] = []
  for (let i = 0; i < tokens.length; i++) {
    out.push(tokens[i] as Token)
    if (!isWord(tokens[i], 'FROM') || !isPercentKeyword(tokens, nextSignificant(tokens, i + 1)))
      continue
    const allowed = takesOptions(tokens, i)
    if (allowed === undefined) continue
    const end = optionsEnd(tokens, i, allowed)
    // The blank after the last option now follows FROM.
    if (end > i + 1) i = end - 1
  }
  return out
}
