/**
 * `x %STARTSWITH prefix` (doc `RSQL_startswith`, docs/iris-sql.md#startswith): true when `x` begins
 * with `prefix`, compared under `x`'s collation (case-insensitive on a default `%SQLUPPER` column,
 * exact under `%EXACT(x)`), every character of the prefix taken literally. It becomes
 * `x LIKE iris_sim.startswith_pattern(prefix) ESCAPE '\'`: LIKE compares under the column's
 * collation as `=` does, and the runtime function (runtime.ts) escapes the prefix's `%`, `_` and `\`
 * and appends `%`. LIKE has the predicate's place in the grammar, so only the prefix operand needs
 * finding (like-escape.ts); `||` and arithmetic bind into it, as in IRIS.
 */
import { irisError } from './iris-error.js'
import { patternEnd } from './like-escape.js'
import {
  isWord,
  previousSignificant,
  retokenize,
  type Token,
  token,
  trimmedText,
} from './tokenizer.js'

export function rewriteStartsWith(tokens: readonly Token[]): Token[] {
  if (!tokens.some((t) => isWord(t, '%STARTSWITH'))) return [...tokens]
  const out = [...tokens]
  // Last first, so the indexes of the earlier ones still hold.
  for (let i = out.length - 1; i >= 0; i--) {
    if (!isWord(out[i], '%STARTSWITH')) continue
    if (isWord(out[previousSignificant(out, i - 1)], 'NOT')) {
      // docs/iris-sql.md#startswith: IRIS documents the negation as NOT before the predicate.
      throw irisError(-1, 'write NOT x %STARTSWITH prefix, not x NOT %STARTSWITH prefix')
    }
    const end = patternEnd(out, i)
    if (end < 0) throw irisError(-12, '%STARTSWITH needs a prefix after it')
    const depth = (out[i] as Token).depth
    const prefix = trimmedText(out.slice(i + 1, end))
    out.splice(
      i,
      end - i,
      token('word', `LIKE iris_sim.startswith_pattern(${prefix}) ESCAPE '\\'`, depth),
    )
  }
  return retokenize(out)
}
