/**
 * IRIS's arithmetic operators in PostgreSQL's spelling (docs/iris-sql.md#operators): `#` is modulo,
 * which PostgreSQL writes `%`, with the same precedence as `*` and `/`. Decimal division by `/`
 * comes from operators the bootstrap defines (engine/bootstrap.ts).
 */
import type { Token } from './tokenizer.js'

const isModulo = (token: Token) => token.type === 'op' && token.text === '#'

export function rewriteOperators(tokens: readonly Token[]): Token[] {
  // Spaced, so that `7#-2` does not become PostgreSQL's one operator `%-`.
  return tokens.map((token) => (isModulo(token) ? { ...token, text: ' % ' } : token))
}
