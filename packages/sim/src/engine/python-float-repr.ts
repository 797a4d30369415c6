/**
 * `str(float)` as Python writes it: iris-pgwire sends a driver's float as `str(value)`
 * (docs/iris-sql.md#result-types), so a DOUBLE of 100 arrives as `100.0`, not PostgreSQL's `100`.
 * Python writes the shortest digits that read back as the same double (as JavaScript does), in
 * plain notation when the decimal point falls from 4 places before the first digit to 16 after
 * it, else as `d.ddde±XX`.
 */

/** The digits (no leading zeros) and the decimal exponent of the first one, e.g. 100 → `1`, 2. */
function shortestDigits(magnitude: number): { digits: string; exponent: number } {
  const [mantissa = '0', exponent = '0'] = magnitude.toExponential().split('e')
  return { digits: mantissa.replace('.', ''), exponent: Number(exponent) }
}

function plainNotation(digits: string, point: number): string {
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return `${digits}${'0'.repeat(point - digits.length)}.0`
  return `${digits.slice(0, point)}.${digits.slice(point)}`
}

function exponentNotation(digits: string, exponent: number): string {
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  const sign = exponent < 0 ? '-' : '+'
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`
}

/** Python's `str(float(text))` for a PostgreSQL float's text (`Infinity`, `NaN` included). */
export function pythonFloatRepr(text: string): string {
  const value = Number(text)
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  const sign = value < 0 || Object.is(value, -0) ? '-' : ''
  const { digits, exponent } = shortestDigits(Math.abs(value))
  const point = exponent + 1
  const plain = point > -4 && point <= 16
  return sign + (plain ? plainNotation(digits, point) : exponentNotation(digits, exponent))
}
