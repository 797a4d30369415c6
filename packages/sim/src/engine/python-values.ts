/**
 * The Python values InterSystems' drivers hand iris-pgwire, and what iris-pgwire makes of them
 * (docs/iris-sql.md#result-types): the type OID it infers from a value, and the text it sends,
 * `str(value)`. A value is kept as its Python type and that text.
 */
import { pythonFloatRepr } from './python-float-repr.js'
import { OID } from './result-shaping.js'

export type PythonValue =
  | { type: 'None' }
  | { type: 'int' | 'float' | 'Decimal' | 'str'; text: string }

export const NONE: PythonValue = { type: 'None' }

/** `int(text)`. */
export const pythonInt = (text: string): PythonValue => ({
  type: 'int',
  text: BigInt(text).toString(),
})

/** `float(text)`, written as Python writes it. */
export const pythonFloat = (text: string): PythonValue => ({
  type: 'float',
  text: pythonFloatRepr(text),
})

/** `decimal.Decimal(text)`: PostgreSQL's numeric text reads back unchanged. */
export const pythonDecimal = (text: string): PythonValue => ({ type: 'Decimal', text })

export const pythonStr = (text: string): PythonValue => ({ type: 'str', text })

/** The text iris-pgwire sends for a value, `str(value)`; NULL for None. */
export function sentText(value: PythonValue): string | null {
  return value.type === 'None' ? null : value.text
}

const INT4_MIN = -(2n ** 31n)
const INT4_MAX = 2n ** 31n - 1n

/** iris-pgwire's `_infer_type_from_value`: the type OID it gives a column from one value. */
export function inferredTypeID(value: PythonValue): number {
  switch (value.type) {
    case 'int': {
      const integer = BigInt(value.text)
      return integer >= INT4_MIN && integer <= INT4_MAX ? OID.int4 : OID.int8
    }
    case 'float':
      return OID.float8
    case 'Decimal':
      return OID.numeric
    default:
      return OID.text
  }
}
