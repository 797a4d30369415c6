/**
 * Ports of the two text rewrites iris-pgwire 1.0.1 applies to parameterized SQL at Parse, before
 * IRIS sees it, so compile-level tests can check that the dialect's SQL passes through unchanged
 * (docs/iris-sql.md#simple-and-extended-protocol).
 */

/** `$n` → `?`, as iris-pgwire does first (protocol.py:433); all the rewrites below leave when they do not fire. */
export function pgwirePlaceholders(sql: string): string {
  return sql.replace(/\$\d+/g, '?')
}

/**
 * The type-word rewrite for DOUBLE (sql_translator/parser.py:384-390, translator.py:473): each
 * whole word `double`, in any case, adds one `str.replace("DOUBLE", "DOUBLE PRECISION")` over the
 * whole text, which rewrites every upper-case `DOUBLE`, inside longer names too
 * (docs/iris-sql.md#the-double-rewrite).
 */
export function pgwireDoubleRewrite(sql: string): string {
  let text = pgwirePlaceholders(sql)
  for (const _ of sql.matchAll(/\bDOUBLE\b/gi)) text = text.replaceAll('DOUBLE', 'DOUBLE PRECISION')
  return text
}

/**
 * The ORDER BY alias rewrite (protocol.py:37-117, run at protocol.py:358): every `expr AS word` in
 * the first `SELECT … FROM` names an alias, and every `ORDER BY word` naming one is replaced by
 * the expression, as far back as the last comma.
 */
export function pgwireOrderByAliasRewrite(sql: string): string {
  const text = pgwirePlaceholders(sql)
  const selectClause = /SELECT\s+(.+?)\s+FROM/is.exec(text)?.[1]
  if (selectClause === undefined) return text
  const aliases = new Map<string, string>()
  for (const [, before = '', alias = ''] of selectClause.matchAll(/(.+?)\s+AS\s+(\w+)/gi)) {
    const expression = before.trim()
    aliases.set(alias.toLowerCase(), expression.split(',').at(-1)?.trim() ?? expression)
  }
  return text.replace(
    /ORDER\s+BY\s+(\w+)(\s+(?:ASC|DESC))?/gi,
    (all, alias: string, direction = '') => {
      const expression = aliases.get(alias.toLowerCase())
      return expression === undefined ? all : `ORDER BY ${expression}${direction}`
    },
  )
}
