/**
 * `x %MATCHES pattern [ESCAPE c]` and `x NOT %MATCHES pattern` (doc `RSQL_matches`,
 * docs/iris-sql.md#matches): a whole-value match of `?` (one character), `*` (any characters),
 * `[abc]` / `[a-z]` sets and escaped literals, always case-sensitive on the exact value. It becomes
 * `x ~ (iris_sim.matches_regex(pattern, c) COLLATE iris_sim.exact)`: the runtime (runtime.ts)
 * turns the pattern into an anchored regular expression, and the explicit collation makes the
 * comparison exact whatever `x`'s collation is. PostgreSQL's `~` groups with `||` and binds looser
 * than arithmetic, so the value operand stays as written; the pattern operand is found as LIKE's
 * is (like-escape.ts).
 */
import { EXACT_COLLATION } from '../catalog/metadata.js'
import { irisError } from './iris-error.js'
import { patternEnd } from './like-escape.js'
import {
  isWord,
  nextSignificant,
  previousSignificant,
  retokenize,
  type Token,
  token,
  trimmedText,
} from './tokenizer.js'

export function rewriteMatches(tokens: readonly Token[]): Token[] {
  if (!tokens.some((t) => isWord(t, '%MATCHES'))) return [...tokens]
  const out = [...tokens]
  for (let i = out.length - 1; i >= 0; i--) {
    if (!isWord(out[i], '%MATCHES')) continue
    const end = patternEnd(out, i)
    if (end < 0) throw irisError(-12, '%MATCHES needs a pattern after it')
    const pattern = trimmedText(out.slice(i + 1, end))
    let last = end
    let escapeChar = "'\\'"
    const escapeAt = nextSignificant(out, end)
    if (isWord(out[escapeAt], 'ESCAPE')) {
      const charAt = nextSignificant(out, escapeAt + 1)
      const char = out[charAt]
      if (char?.type !== 'string' && char?.type !== 'param') {
        throw irisError(-1, '%MATCHES ... ESCAPE takes a one-character string')
      }
      escapeChar = char.text
      last = charAt + 1
    }
    const notAt = previousSignificant(out, i - 1)
    const negated = isWord(out[notAt], 'NOT')
    const start = negated ? notAt : i
    const regex = `(iris_sim.matches_regex(${pattern}, ${escapeChar}) COLLATE ${EXACT_COLLATION})`
    const depth = (out[i] as Token).depth
    out.splice(start, last - start, token('word', `${negated ? '!~' : '~'} ${regex}`, depth))
  }
  return retokenize(out)
}
