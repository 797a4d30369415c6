/**
 * IRIS gives a CASE, and a column of a UNION, INTERSECT or EXCEPT, the data type of highest
 * precedence among its values, VARCHAR above every number, a number written in canonical form
 * (docs/iris-sql.md#implicit-conversion). PostgreSQL refuses such a mix instead ("CASE types
 * integer and text cannot be matched", at the position of the value that does not match). The
 * engine calls this module on that error only, so a statement that does not mix pays nothing: it
 * passes every value of that construct (each result of that CASE; column k of every SELECT of that
 * set operation) through `iris_sim.as_varchar`, which returns a string as it is and a number in
 * canonical form, and PostgreSQL then prepares the statement again. NVL and ISNULL (nvl.ts) convert
 * a number replacing a string the same way: on PostgreSQL's refusal of such a call, its replacement
 * is written so.
 */
import { caseResults, type TokenRange } from './case-results.js'
import { nvlCallOpen } from './nvl.js'
import { pgLabel } from './pg-labels.js'
import { isUnaliasedItem, SET_OPERATORS, selectIndexes, selectListItems } from './select-parts.js'
import { setOperationColumns, setOperationSelects } from './set-operations.js'
import {
  caseEnd,
  closingParen,
  isPunct,
  isTrivia,
  isWord,
  nextSignificant,
  previousSignificant,
  type Token,
  tokenAtPosition,
  tokenize,
} from './tokenizer.js'

/** The function, made at bootstrap, that writes a value of either kind as VARCHAR. */
export const AS_VARCHAR = 'iris_sim.as_varchar'

const contains = ([first, last]: TokenRange, at: number) => first <= at && at <= last

/**
 * The values to wrap, and the labels to give select items without alias after the token at
 * each key, so that they are labelled as before.
 */
interface Rewrite {
  wraps: TokenRange[]
  labels: Map<number, string>
}

/** The results of the innermost CASE one of whose results holds the token at `at`. */
function mixedCase(tokens: readonly Token[], at: number): Rewrite | undefined {
  for (let i = at; i >= 0; i--) {
    if (!isWord(tokens[i], 'CASE')) continue
    const wraps = caseResults(tokens, i)
    if (!wraps.some((range) => contains(range, at))) continue
    const whole: TokenRange = [i, caseEnd(tokens, i)]
    const labels = new Map<number, string>()
    if (isUnaliasedItem(tokens, whole)) labels.set(whole[1], pgLabel(tokens, whole))
    return { wraps, labels }
  }
  return undefined
}

/**
 * Column k, for the k whose item holds `at`, of every SELECT of that set operation; undefined when
 * one of them has no item k or a `*` there.
 */
function mixedColumn(tokens: readonly Token[], at: number): Rewrite | undefined {
  for (const select of selectIndexes(tokens).reverse()) {
    if (select > at) continue
    const k = (selectListItems(tokens, select) ?? []).findIndex(([s, e]) => s <= at && at < e)
    if (k < 0) continue
    const selects = setOperationSelects(tokens, select)
    if (selects.length < 2) return undefined
    const column = setOperationColumns(tokens, selects)[k]
    if (
      !column ||
      column.length < selects.length ||
      column.some(({ range }) => tokens[range[1]]?.text === '*')
    )
      return undefined
    const labels = new Map<number, string>()
    for (const { range, unaliased } of column)
      if (unaliased) labels.set(range[1], pgLabel(tokens, range))
    return { wraps: column.map(({ range }) => range), labels }
  }
  return undefined
}

/** The replacement, second argument, of the NVL or ISNULL call whose name starts at `at`. */
function mixedNvl(tokens: readonly Token[], at: number): Rewrite | undefined {
  const open = nvlCallOpen(tokens, at)
  if (open < 0) return undefined
  const close = closingParen(tokens, open)
  const depth = (tokens[open] as Token).depth + 1
  const comma = tokens.findIndex((t, i) => i > open && t.depth === depth && isPunct(t, ','))
  if (comma < 0 || comma > close) return undefined
  const replacement: TokenRange = [
    nextSignificant(tokens, comma + 1),
    previousSignificant(tokens, close - 1),
  ]
  return { wraps: [replacement], labels: new Map() }
}

/** The text with each value wrapped in AS_VARCHAR and the labels in place. */
function rewritten(tokens: readonly Token[], { wraps, labels }: Rewrite): string {
  const firsts = new Set(wraps.map(([first]) => first))
  const lasts = new Set(wraps.map(([, last]) => last))
  return tokens
    .map((token, i) => {
      const label = labels.get(i)
      const close = `${lasts.has(i) ? ')' : ''}${label === undefined ? '' : ` AS ${label}`}`
      return `${firsts.has(i) ? `${AS_VARCHAR}(` : ''}${token.text}${close}`
    })
    .join('')
}

/**
 * `sql` with the CASE or set operation (`construct`, as PostgreSQL names it) whose value at
 * `position` mixes a string with a number, or the NVL or ISNULL call (`construct` `NVL`) at
 * `position` whose replacement is a number for a string, written as VARCHAR; undefined when no
 * such construct is there to rewrite (a `*` column, say).
 */
export function varcharRepair(
  sql: string,
  construct: string,
  position: number,
): string | undefined {
  const tokens = tokenize(sql)
  const at = tokenAtPosition(tokens, position)
  if (at < 0 || isTrivia(tokens[at])) return undefined
  const rewrite =
    construct === 'CASE'
      ? mixedCase(tokens, at)
      : construct === 'NVL'
        ? mixedNvl(tokens, at)
        : SET_OPERATORS.includes(construct)
          ? mixedColumn(tokens, at)
          : undefined
  if (!rewrite || rewrite.wraps.some(([first, last]) => first < 0 || last < first)) return undefined
  return rewritten(tokens, rewrite)
}
