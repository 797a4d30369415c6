/**
 * Casts (docs/iris-sql.md#casts). IRIS has `CAST(x AS type)` with IRIS type names, mapped here to
 * the PostgreSQL types of types.ts. pgwire turns the simple `::` forms `?::T`, `'literal'::T` and
 * `123::T` (T in int, int4, int8, text, varchar, float, float8, bool, boolean), written without
 * spaces around `::`, into CAST; any other `::` (spaced, after `1.5` or `'it''s'`) reaches IRIS and
 * fails.
 */
import { irisError } from './iris-error.js'
import {
  closingParen,
  isWord,
  nextSignificant,
  previousSignificant,
  retokenize,
  type Token,
} from './tokenizer.js'
import { readType } from './types.js'

/** `::T` target → the IRIS type pgwire casts to (docs/iris-sql.md#casts). */
const SIMPLE_CAST_TYPES: Record<string, string> = {
  INT: 'INTEGER',
  INT4: 'INTEGER',
  INT8: 'BIGINT',
  TEXT: 'VARCHAR',
  VARCHAR: 'VARCHAR',
  FLOAT: 'DOUBLE',
  FLOAT8: 'DOUBLE',
  BOOL: 'BIT',
  BOOLEAN: 'BIT',
}

/** Rewrites the simple `::` forms to IRIS CAST (mapped by {@link rewriteCastTypes}) and rejects every other `::`. */
export function rewriteColonCasts(tokens: readonly Token[]): Token[] {
  if (!tokens.some((token) => token.type === 'op' && token.text === '::')) return [...tokens]
  const out = [...tokens]
  for (let i = 0; i < out.length; i++) {
    const op = out[i] as Token
    if (op.type !== 'op' || op.text !== '::') continue
    const valueAt = previousSignificant(out, i - 1)
    const typeAt = nextSignificant(out, i + 1)
    const value = out[valueAt]
    const type = out[typeAt]
    const target = type?.type === 'word' ? SIMPLE_CAST_TYPES[type.text.toUpperCase()] : undefined
    // pgwire's pattern takes `?`, a string with no '' in it or digits, touching `::T` on both sides.
    const simpleValue =
      value?.type === 'param' ||
      (value?.type === 'string' && !value.text.slice(1, -1).includes("'")) ||
      (value?.type === 'number' && /^\d+$/.test(value.text))
    const touching = valueAt === i - 1 && typeAt === i + 1
    const afterType = out[nextSignificant(out, typeAt + 1)]
    if (
      !simpleValue ||
      !touching ||
      target === undefined ||
      afterType?.text === '(' ||
      afterType?.text === '['
    ) {
      throw irisError(
        -1,
        `${value?.text ?? ''}${touching ? '::' : ' :: '}${type?.text ?? ''} is not IRIS SQL; use CAST(x AS type)`,
      )
    }
    const cast: Token = { type: 'word', text: `CAST(${value?.text} AS ${target})`, depth: op.depth }
    out.splice(valueAt, typeAt - valueAt + 1, cast)
    i = valueAt
  }
  return retokenize(out)
}

/** `CAST(x AS <IRIS type>)` → `CAST(x AS <PostgreSQL type>)`. */
export function rewriteCastTypes(tokens: readonly Token[]): Token[] {
  let out = [...tokens]
  for (let i = 0; i < out.length; i++) {
    if (!isWord(out[i], 'CAST') || out[nextSignificant(out, i + 1)]?.text !== '(') continue
    const open = nextSignificant(out, i + 1)
    const close = closingParen(out, open)
    const depth = (out[open]?.depth ?? 0) + 1
    const as = out.findLastIndex(
      (token, j) => j > open && j < close && token.depth === depth && isWord(token, 'AS'),
    )
    if (as < 0) continue
    const typeAt = nextSignificant(out, as + 1)
    const typeName = out[typeAt]?.text.toUpperCase()
    const { type, end } = readType(out, typeAt)
    if (nextSignificant(out, end) !== close)
      throw irisError(-1, 'unexpected input after the CAST type')
    const pgType =
      typeName === 'VARCHAR' || typeName === 'CHAR'
        ? out.slice(typeAt, end).some((t) => t.text === '(')
          ? type.pgType
          : 'varchar'
        : type.pgType
    out = retokenize([
      ...out.slice(0, typeAt),
      { type: 'word', text: pgType, depth },
      ...out.slice(end),
    ])
  }
  return out
}
