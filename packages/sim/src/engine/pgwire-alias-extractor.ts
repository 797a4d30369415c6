/**
 * iris-pgwire 1.0.1's `AliasExtractor`, which its embedded backend uses to name the columns of a
 * result `iris.sql.exec` hands over without metadata (docs/iris-sql.md#iris-pgwire-result-quirks).
 * It reads text, not SQL: the select list is what lies between the first `SELECT` and the first
 * `FROM` / `WHERE` / `GROUP` / `ORDER` / `LIMIT` / `UNION` after it (a subquery's FROM included),
 * split at top-level commas, so `*`, `t.*` and subqueries in the select list miscount the columns.
 * Python's `\w` and `\s` are Unicode-aware, hence `\p{L}\p{N}_` below.
 */

const WORD = String.raw`[\p{L}\p{N}_]`

const SELECT_CLAUSE = /SELECT\s+(.*?)(?:\s+(?:FROM|WHERE|GROUP|ORDER|LIMIT|UNION)|$)/is
/** `expr AS alias`, where the alias is a bare word (a quoted alias does not match). */
const AS_ALIAS = new RegExp(String.raw`(.+?)\s+AS\s+(${WORD}+)`, 'giu')
const STRING_LITERAL = /'(?:[^']|'')*'/g
const TRAILING_NAME = new RegExp(String.raw`"?(${WORD}+)"?\s*$`, 'u')
const QUOTED_NAME = new RegExp(`"(${WORD}+)"`, 'gu')
const FIRST_WORD = new RegExp(`(${WORD}+)`, 'u')

/** `_split_select_columns`: top-level commas, outside `'...'` (a `\'` does not toggle). */
function selectColumns(selectClause: string): string[] {
  const columns: string[] = []
  let current = ''
  let depth = 0
  let inString = false
  for (let i = 0; i < selectClause.length; i++) {
    const char = selectClause[i] ?? ''
    if (char === "'" && (i === 0 || selectClause[i - 1] !== '\\')) inString = !inString
    else if (!inString && char === '(') depth++
    else if (!inString && char === ')') depth--
    else if (!inString && char === ',' && depth === 0) {
      if (current.trim()) columns.push(current.trim())
      current = ''
      continue
    }
    current += char
  }
  if (current.trim()) columns.push(current.trim())
  return columns
}

/** `_extract_single_alias`: the last `AS word`, else the trailing name, else a quoted or any word. */
function columnAlias(expression: string): string {
  const asAliases = [...expression.matchAll(AS_ALIAS)]
  const lastAlias = asAliases.at(-1)?.[2]
  if (lastAlias !== undefined) return lastAlias
  const withoutStrings = expression.replace(STRING_LITERAL, '')
  return (
    TRAILING_NAME.exec(withoutStrings)?.[1] ??
    [...withoutStrings.matchAll(QUOTED_NAME)].at(-1)?.[1] ??
    FIRST_WORD.exec(withoutStrings)?.[1] ??
    'column'
  )
}

/** `extract_column_aliases`: one alias per column the text seems to select, `[]` without SELECT. */
export function extractedAliases(sql: string): string[] {
  const selectClause = SELECT_CLAUSE.exec(sql)?.[1]
  if (selectClause === undefined) return []
  return selectColumns(selectClause.trim()).map(columnAlias)
}
