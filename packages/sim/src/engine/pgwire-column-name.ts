/**
 * iris-pgwire 1.0.1's `_normalize_iris_column_name`, which both backends apply to a column's name
 * (the driver's on the external backend, the parsed alias on the embedded one) before sending it
 * (docs/iris-sql.md#iris-pgwire-result-quirks). It reads the statement's text, not its structure:
 * - a name Python's `float()` parses (`1`, `inf`, `nan`) is `?column?`, unless the text has
 *   `<that literal> AS word`;
 * - when the text holds `SELECT` but no `FROM`, a name that appears in it as `'name'` or `"name"`
 *   (a quoted alias included), or a generic `column`..`column5` not aliased so, is `?column?`;
 * - IRIS's generated `HostVar_n`, `Expression_n`, `Aggregate_n` and type names get PostgreSQL's.
 */

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Python's whitespace, which unlike JavaScript's does not include U+FEFF. */
const PY_SPACE = String.raw`[^\S\uFEFF]`
const DIGITS = String.raw`\d(?:_?\d)*`
/** What Python's `float()` accepts, of a lower-cased name. */
const PYTHON_FLOAT = new RegExp(
  String.raw`^${PY_SPACE}*[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:e[+-]?${DIGITS})?|inf|infinity|nan)${PY_SPACE}*$`,
)

/** `has_explicit_alias_for_literal`: the alias of `<literal> AS word` in the text, if any. */
function explicitAliasOfLiteral(literal: string, sql: string): string | undefined {
  const word = String.raw`\s+AS\s+([\p{L}\p{N}_]+)`
  const patterns = /^\p{Nd}+$/u.test(literal.replaceAll('.', '').replaceAll('-', ''))
    ? [String.raw`\b${escaped(literal)}${word}`]
    : [`'${escaped(literal)}'${word}`, `"${escaped(literal)}"${word}`]
  for (const pattern of patterns) {
    const alias = new RegExp(pattern, 'iu').exec(sql)?.[1]
    if (alias !== undefined) return alias.toLowerCase()
  }
  return undefined
}

const GENERIC_NAMES = new Set(['column', 'column1', 'column2', 'column3', 'column4', 'column5'])

/** Case 2: a name of a SELECT without FROM that iris-pgwire takes for a literal's. */
function isLiteralNameWithoutFrom(name: string, sql: string): boolean {
  const upper = sql.toUpperCase()
  if (!upper.includes('SELECT') || upper.includes('FROM')) return false
  const lower = sql.toLowerCase()
  if (GENERIC_NAMES.has(name) && !lower.includes(` as ${name}`) && !lower.includes(` as "${name}"`))
    return true
  const unquoted = name
    .replaceAll("'", '')
    .replaceAll('"', '')
    .replace(new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'g'), '')
  return lower.includes(`'${unquoted}'`) || lower.includes(`"${unquoted}"`)
}

/** Pattern 2: an `Expression_n`, named after a cast the text holds anywhere. */
function expressionName(sql: string): string {
  const upper = sql.toUpperCase()
  const casts = upper.includes('CAST')
  if (upper.includes('::INT') || (casts && upper.includes('AS INTEGER'))) return 'int4'
  if (upper.includes('::BIGINT') || (casts && upper.includes('AS BIGINT'))) return 'int8'
  if (upper.includes('::SMALLINT') || (casts && upper.includes('AS SMALLINT'))) return 'int2'
  if (upper.includes('::TEXT') || (casts && upper.includes('AS TEXT'))) return 'text'
  if (upper.includes('::VARCHAR') || (casts && upper.includes('AS VARCHAR'))) return 'varchar'
  if (upper.includes('::BOOL') || (casts && upper.includes('AS BIT'))) return 'bool'
  if (upper.includes('::DATE') || (casts && upper.includes('AS DATE'))) return 'date'
  return '?column?'
}

const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max']

const POSTGRES_TYPE_NAMES: Readonly<Record<string, string>> = {
  integer: 'int4',
  bigint: 'int8',
  smallint: 'int2',
  real: 'float4',
  double: 'float8',
  'double precision': 'float8',
  'character varying': 'varchar',
  character: 'char',
}

/** The name iris-pgwire sends for a column it knows as `name`; `sql` is the statement's text. */
export function pgwireColumnName(name: string, sql: string): string {
  const normalized = name.toLowerCase()
  if (PYTHON_FLOAT.test(normalized)) return explicitAliasOfLiteral(normalized, sql) ?? '?column?'
  if (isLiteralNameWithoutFrom(normalized, sql)) return '?column?'
  if (normalized.startsWith('hostvar_')) return '?column?'
  if (normalized.startsWith('expression_')) return expressionName(sql)
  if (normalized.startsWith('aggregate_')) {
    const upper = sql.toUpperCase()
    return (
      AGGREGATES.find((aggregate) => upper.includes(`${aggregate.toUpperCase()}(`)) ?? normalized
    )
  }
  return POSTGRES_TYPE_NAMES[normalized] ?? normalized
}
