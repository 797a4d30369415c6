/**
 * iris-pgwire's identifier normalizer (docs/iris-sql.md#identifiers), reproduced on raw text as
 * iris-pgwire 1.0.1 runs it on every statement, on both backends: outside string literals, every
 * unquoted word is upper-cased and quoted names are kept, except that a SAVEPOINT name keeps its
 * case; in a `CREATE TABLE name (...)` the table name is upper-cased even when quoted, and the
 * column definitions up to the first `)` keep SQL words upper-cased and other unquoted words
 * lower-cased. IRIS compares names case-insensitively, so this shows only in the names the catalog
 * lists as created (`"person"` is created as `PERSON`).
 */

const STRING_LITERAL = /'(?:[^']|'')*'/g
/** Python's `\b` around an ASCII word, where Python counts any Unicode letter or digit as a word character. */
const IDENTIFIER =
  /"([^"]+)"|((?<![\p{L}\p{N}\p{M}_])[a-zA-Z_][a-zA-Z0-9_]*(?![\p{L}\p{N}\p{M}_]))/gu
const SAVEPOINT_NAME =
  /(?<![\p{L}\p{N}\p{M}_])(SAVEPOINT|ROLLBACK\s+TO(?:\s+SAVEPOINT)?|RELEASE(?:\s+SAVEPOINT)?)\s+(\S+)/giu
const CREATE_TABLE =
  /(CREATE\s+(?:TEMPORARY\s+|TEMP\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?)(\S+)(\s*\()([^)]+)(\))/i

/** The words iris-pgwire upper-cases inside CREATE TABLE column definitions; any other unquoted word is lower-cased there. */
const COLUMN_DEFINITION_WORDS = new Set(
  `ACTION ALL AND ANY AS AUTO_INCREMENT BEGIN BETWEEN BIGINT BOOL BOOLEAN BY CASCADE CASE CAST CHAR
  CHECK COALESCE COMMIT CONSTRAINT CREATE DATE DECIMAL DEFAULT DELETE DISTINCT DOUBLE DROP ELSE END
  EXCEPT EXISTS EXTRACT FALSE FLOAT FOREIGN FROM GREATEST GROUP HAVING IF IN INDEX INNER INSERT INT
  INTEGER INTERSECT INTO IS JOIN KEY LEAST LEFT LIKE LIMIT LOWER NO NOT NULL NULLIF NUMERIC OFFSET ON
  OR ORDER OUTER POSITION PRIMARY REFERENCES RESTRICT RIGHT ROLLBACK SELECT SERIAL SET SMALLINT SOME
  SUBSTRING TABLE TEXT THEN TIME TIMESTAMP TRANSACTION TRIM TRUE UNION UNIQUE UNKNOWN UPDATE UPPER
  VALUES VARCHAR VIEW WHEN WHERE BINARY BIT LONGVARBINARY LONGVARCHAR TINYINT VARBINARY`.split(
    /\s+/,
  ),
)

function upperCaseWords(chunk: string): string {
  const kept: [number, number][] = []
  for (const match of chunk.matchAll(SAVEPOINT_NAME)) {
    const start = (match.index ?? 0) + match[0].length - (match[2]?.length ?? 0)
    kept.push([start, start + (match[2]?.length ?? 0)])
  }
  return chunk.replace(IDENTIFIER, (word, quoted: string | undefined, _plain, at: number) => {
    const inSavepointName = kept.some(([start, end]) => at >= start && at + word.length <= end)
    return quoted !== undefined || inSavepointName ? word : word.toUpperCase()
  })
}

function columnDefinitions(text: string): string {
  return text.replace(IDENTIFIER, (word, quoted: string | undefined) => {
    if (quoted !== undefined) return word
    const upper = word.toUpperCase()
    return COLUMN_DEFINITION_WORDS.has(upper) ? upper : word.toLowerCase()
  })
}

function normalizeChunk(chunk: string): string {
  const create = CREATE_TABLE.exec(chunk)
  if (!create) return upperCaseWords(chunk)
  const [whole, prefix = '', name = '', open = '', columns = '', close = ''] = create
  const at = create.index
  return (
    upperCaseWords(chunk.slice(0, at)) +
    prefix.toUpperCase() +
    name.toUpperCase() +
    open +
    columnDefinitions(columns) +
    close +
    upperCaseWords(chunk.slice(at + whole.length))
  )
}

/** One statement's text as iris-pgwire passes it to IRIS. */
export function pgwireIdentifierCase(sql: string): string {
  let out = ''
  let last = 0
  for (const literal of sql.matchAll(STRING_LITERAL)) {
    const at = literal.index ?? 0
    out += normalizeChunk(sql.slice(last, at)) + literal[0]
    last = at + literal[0].length
  }
  return out + normalizeChunk(sql.slice(last))
}
