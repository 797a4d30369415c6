/**
 * IRIS functions and their PostgreSQL spellings. Functions the runtime defines (runtime.ts) live in
 * schema `iris_sim`, which is not on the search path, so calls are qualified here.
 * - `%EXACT(x)` → `((x) COLLATE iris_sim.exact)`: exact, case-sensitive comparison
 *   (docs/iris-sql.md#collation).
 * - `%SQLUPPER(x)` → upper-cased string (docs/iris-sql.md#collation); `LAST_IDENTITY()`
 *   (docs/iris-sql.md#returning-and-last_identity).
 * - `TO_VECTOR(data, type [, length])` with the type keyword in any case
 *   (docs/iris-sql.md#to_vector) → the conversion to the column representation of that element
 *   type; `VECTOR_COSINE`, `VECTOR_DOT_PRODUCT` (docs/iris-sql.md#vector-functions).
 * - Common IRIS scalar functions: NVL, IFNULL, ISNULL(a, b), LEN, GETDATE, %SQLSTRING, %STRING.
 */
import { EXACT_COLLATION } from '../catalog/metadata.js'
import { irisError } from './iris-error.js'
import {
  closingParen,
  commaSeparated,
  isTrivia,
  nextSignificant,
  previousSignificant,
  retokenize,
  type Token,
  trimmedText,
} from './tokenizer.js'
import { vectorElementType } from './types.js'

const RENAMED: Record<string, string> = {
  LAST_IDENTITY: 'iris_sim.last_identity',
  NVL: 'coalesce',
  IFNULL: 'coalesce',
  ISNULL: 'coalesce',
  LEN: 'iris_sim.len',
  GETDATE: 'iris_sim.getdate',
  '%SQLUPPER': 'iris_sim.sqlupper',
  '%UPPER': 'upper',
  '%SQLSTRING': 'iris_sim.sqlstring',
  '%STRING': 'iris_sim.sqlstring',
  VECTOR_COSINE: 'iris_sim.vector_cosine',
  VECTOR_DOT_PRODUCT: 'iris_sim.vector_dot_product',
}

/** Words after which a name followed by `(` is a table or column list, not a function call. */
const NOT_A_CALL_AFTER = new Set([
  '.',
  'INTO',
  'TABLE',
  'UPDATE',
  'FROM',
  'JOIN',
  'ON',
  'INDEX',
  'REFERENCES',
  'EXISTS',
])

/** Significant tokens between `(` and `)` split on top-level commas. */
function callArguments(tokens: readonly Token[], open: number, close: number): Token[][] {
  const args = commaSeparated(tokens, open, close)
  return args.length === 1 && args[0]?.every(isTrivia) ? [] : args
}

function toVector(args: Token[][]): string {
  const [data, type, length] = args
  const typeWord = type?.filter((token) => !isTrivia(token))
  const badType = typeWord !== undefined && (typeWord.length !== 1 || typeWord[0]?.type !== 'word')
  if (!data || badType || args.length > 3) {
    throw irisError(
      -1,
      'TO_VECTOR takes (data, type [, length]) with type FLOAT, DOUBLE, DECIMAL or INTEGER',
    )
  }
  // docs/iris-sql.md#to_vector: the type defaults to DOUBLE when left out.
  const elementType = vectorElementType(typeWord?.[0]?.text ?? 'DOUBLE')
  const lengthSql = length === undefined ? '' : `, ${trimmedText(length)}`
  return `iris_sim.to_vector_${elementType.toLowerCase()}(${trimmedText(data)}${lengthSql})`
}

export interface FunctionRewrite {
  tokens: Token[]
  /** `LAST_IDENTITY()` was called (docs/iris-sql.md#returning-and-last_identity). */
  readsLastIdentity: boolean
}

const REWRITTEN = new Set(['%EXACT', 'TO_VECTOR', ...Object.keys(RENAMED)])

export function rewriteFunctions(tokens: readonly Token[]): FunctionRewrite {
  const out = [...tokens]
  let readsLastIdentity = false
  let changed = false
  // Last call first, so an outer call's replacement already holds its rewritten arguments.
  for (let i = out.length - 1; i >= 0; i--) {
    const name = out[i] as Token
    const upper = name.text.toUpperCase()
    if (name.type !== 'word' || !REWRITTEN.has(upper)) continue
    const open = nextSignificant(out, i + 1)
    if (out[open]?.text !== '(') continue
    const previous = out[previousSignificant(out, i - 1)]
    if (previous && NOT_A_CALL_AFTER.has(previous.text.toUpperCase())) continue
    const close = closingParen(out, open)
    let replacement: string
    if (upper === '%EXACT') {
      replacement = `((${trimmedText(out.slice(open + 1, close))}) COLLATE ${EXACT_COLLATION})`
    } else if (upper === 'TO_VECTOR') {
      replacement = toVector(callArguments(out, open, close))
    } else {
      if (upper === 'LAST_IDENTITY') readsLastIdentity = true
      replacement = `${RENAMED[upper]}${trimmedText(out.slice(open, close + 1))}`
    }
    out.splice(i, close - i + 1, { type: 'word', text: replacement, depth: name.depth })
    changed = true
  }
  return { tokens: changed ? retokenize(out) : out, readsLastIdentity }
}
