/**
 * Parameters (docs/iris-sql.md#placeholders): IRIS takes `?` markers; under profile `iris` the sim
 * also takes PostgreSQL's `$n`, in any order. `?` markers are numbered `$1..$n` in order of
 * appearance.
 */
import type { Token } from './tokenizer.js'

export interface NumberedParams {
  tokens: Token[]
  paramCount: number
}

export function numberParams(tokens: readonly Token[]): NumberedParams {
  let next = 0
  let highest = 0
  const numbered = tokens.map((token) => {
    if (token.type !== 'param') return token
    const position = token.text === '?' ? ++next : Number(token.text.slice(1))
    highest = Math.max(highest, position)
    return { ...token, text: `$${position}` }
  })
  return { tokens: numbered, paramCount: highest }
}
