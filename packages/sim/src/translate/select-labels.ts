/**
 * The items of a SELECT's select list, from which the engine labels its result columns: IRIS
 * labels a column as defined or aliased (docs/iris-sql.md#labels-and-row-counts), and PostgreSQL,
 * which stores every name in lower case (names.ts), can do neither. Read on the statement as
 * written, before the rewrites that restructure it (TOP, %VID). The labels of a UNION are those of
 * its first SELECT, the outermost one.
 */
import { displayName, isIdentifier } from './names.js'
import type { SelectItem } from './plan.js'
import { selectIndexes, selectListItems } from './select-parts.js'
import { isTrivia, isWord, type Token } from './tokenizer.js'

function selectItem(tokens: readonly Token[]): SelectItem {
  const significant = tokens.filter((token) => !isTrivia(token))
  const last = significant.at(-1)
  if (last?.type === 'op' && last.text === '*') return { type: 'star' }
  if (significant.length >= 3 && isWord(significant.at(-2), 'AS') && isIdentifier(last)) {
    const read = referencedColumn(significant.slice(0, -2))
    return { type: 'alias', label: displayName(last), ...(read ? { column: read } : {}) }
  }
  const column = referencedColumn(significant)
  return column ? { type: 'column', name: column } : { type: 'expression' }
}

/** The column a `[schema.][table.]column` reference names, as written; undefined for anything else. */
function referencedColumn(significant: readonly Token[]): string | undefined {
  const reference = significant.every((token, i) =>
    i % 2 === 0 ? isIdentifier(token) : token.text === '.',
  )
  const last = significant.at(-1)
  return reference && isIdentifier(last) ? displayName(last) : undefined
}

/** The items of the select list of the SELECT at `select`, up to the end of that list. */
function selectListAt(tokens: readonly Token[], select: number): SelectItem[] | undefined {
  return selectListItems(tokens, select)?.map(([start, end]) =>
    selectItem(tokens.slice(start, end)),
  )
}

/** The depth of the outermost SELECTs (a UNION's are all at that depth), or undefined without one. */
function outerDepth(tokens: readonly Token[], selects: readonly number[]): number | undefined {
  if (selects.length === 0) return undefined
  return Math.min(...selects.map((i) => (tokens[i] as Token).depth))
}

/** The items of the outermost SELECT's list, or undefined when the statement has no SELECT. */
export function selectLabels(tokens: readonly Token[]): SelectItem[] | undefined {
  const selects = selectIndexes(tokens)
  const depth = outerDepth(tokens, selects)
  const select = selects.find((i) => tokens[i]?.depth === depth)
  return select === undefined ? undefined : selectListAt(tokens, select)
}

/**
 * The aliases written in the select lists of the SELECTs nested in the outermost one: derived
 * tables and CTEs, whose columns IRIS labels with the alias as written when the outer query reads
 * them (`SELECT * FROM (SELECT id AS "personId" FROM t) s` is labelled `personId`,
 * docs/iris-sql.md#labels-and-row-counts). PostgreSQL reports such a column without a table, so
 * the engine matches its lower-case label against these.
 */
export function derivedLabels(tokens: readonly Token[]): string[] {
  const selects = selectIndexes(tokens)
  const depth = outerDepth(tokens, selects)
  return selects
    .filter((i) => (tokens[i] as Token).depth !== depth)
    .flatMap((i) => selectListAt(tokens, i) ?? [])
    .flatMap((item) => (item.type === 'alias' ? [item.label] : []))
}
