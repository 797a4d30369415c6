/**
 * What iris-pgwire 1.0.1 does to parameters on both backends (docs/iris-sql.md#parameter-re-typing):
 * numeric-looking text parameters are re-typed as numbers.
 */
import type { ParameterValue } from './types.js'

/** Text parameters that look like numbers are re-typed as numbers (`'007'` → `7`, `'1.50'` → `1.5`). */
export function pgwireParameters(params: readonly ParameterValue[]): ParameterValue[] {
  return params.map((param) => {
    if (typeof param !== 'string') return param
    if (/^[+-]?\d+$/.test(param)) return BigInt(param).toString()
    if (/^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/.test(param)) return String(Number(param))
    return param
  })
}
