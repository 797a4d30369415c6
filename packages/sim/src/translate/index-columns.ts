/**
 * The column list of `CREATE [UNIQUE] INDEX` (docs/iris-sql.md#create-and-drop): IRIS indexes
 * columns by name, each followed at most by ASC or DESC (no-ops IRIS keeps for compatibility), and
 * an index takes each column's own collation. An expression, a collation function or a COLLATE
 * clause in the list is not IRIS DDL; PostgreSQL would build an index on it.
 */
import { irisError } from './iris-error.js'
import { isIdentifier } from './names.js'
import { commaSeparated, isTrivia, isWord, type Token, trimmedText } from './tokenizer.js'

const isOrder = (token: Token | undefined) =>
  token === undefined || isWord(token, 'ASC') || isWord(token, 'DESC')

/** The column names of the list between `open` and `close`; throws for any other item. */
export function indexColumns(tokens: readonly Token[], open: number, close: number): Token[] {
  return commaSeparated(tokens, open, close).map((item) => {
    const [column, order, ...rest] = item.filter((token) => !isTrivia(token))
    if (!isIdentifier(column) || !isOrder(order) || rest.length > 0) {
      throw irisError(
        -1,
        `CREATE INDEX takes column names (with ASC or DESC at most), not ${trimmedText(item) || 'nothing'}: IRIS indexes no expressions, and an index takes each column's collation; index the column itself`,
      )
    }
    return column
  })
}

/** Throws for anything after an index's column list but the end of the statement. */
export function checkIndexEnd(tokens: readonly Token[], close: number): void {
  const after = tokens.slice(close + 1).filter((token) => !isTrivia(token))
  if (after.length === 0) return
  throw irisError(
    -25,
    `unexpected ${after[0]?.text} after the column list of CREATE INDEX: the simulator models IRIS's CREATE INDEX name ON table (columns), and AS HNSW(...) for a vector column`,
  )
}
