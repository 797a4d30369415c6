/**
 * IRIS function calls in their PostgreSQL spellings: the renames of the function table
 * (function-table.ts), and the rewrites below. Functions the runtime defines (runtime.ts) live in schema
 * `iris_sim`, which is not on the search path, so calls are qualified here.
 * - `%EXACT(x)` → `(iris_sim.exact(x) COLLATE iris_sim.exact)`: exact, case-sensitive comparison
 *   that counts trailing blanks (docs/iris-sql.md#collation); the runtime's `iris_sim.exact`
 *   takes a string column out of its blank-blind type (collated-string.ts).
 * - `IFNULL(a, b [, c])` → the CASE it stands for, labelled `ifnull` as a select item without alias
 *   (if-null.ts, docs/iris-sql.md#implicit-conversion).
 * - `TO_VECTOR(data, type [, length])` with the type keyword in any case
 *   (docs/iris-sql.md#to_vector) → the conversion to the column representation of that element
 *   type.
 * - `DATEADD`, `DATEDIFF`, `DATEPART`, `DATENAME` → the runtime's functions, the datepart checked
 *   (date-parts.ts, docs/iris-sql.md#date-parts); `YEAR(d)`, `DAYOFWEEK(d)` and the other one-part
 *   date functions → the runtime's DATEPART of their part (docs/iris-sql.md#date-functions).
 * - A string function (`LEFT`, `RIGHT`, `TRIM`, ...; `exactString` in the table) →
 *   `(call COLLATE iris_sim.exact)`: IRIS compares, groups and orders its result with EXACT
 *   collation, not the collation of the column it reads (docs/iris-sql.md#collation); but CONCAT
 *   of two string columns of one collation, which is their `||`, keeps it (chain-collation.ts), and
 *   a call in a LIKE pattern (or a `%STARTSWITH` prefix) is not collated: LIKE matches under its
 *   value's collation (docs/iris-sql.md#like), which the pattern's would override.
 *   UPPER, LOWER, SUBSTRING, SUBSTR and REVERSE, which may take a number or bytes, are renamed to
 *   runtime functions whose string result compares as EXACT (engine/exact-string-functions.ts);
 *   `SUBSTRING(s FROM a FOR b)` gets commas. STRING's arguments each go through `iris_sim.as_varchar`,
 *   which writes a number in canonical form, as IRIS does (docs/iris-sql.md#string-functions).
 * A bare `TIMESTAMPADD(...)` is refused: IRIS runs it only as `{fn TIMESTAMPADD(...)}`, which
 * odbc-escapes.ts has already rewritten to DATEADD.
 * A call to `LAST_IDENTITY()` is reported (docs/iris-sql.md#returning-and-last_identity).
 */
import { EXACT_COLLATION } from '../catalog/metadata.js'
import { concatenatesExact } from './chain-collation.js'
import { isColumnReference } from './concatenation.js'
import {
  dateFunctionCall,
  datePartFunctionCall,
  isDateFunction,
  partOfDateFunction,
} from './date-parts.js'
import { callArguments, callAt } from './function-calls.js'
import { IRIS_FUNCTIONS } from './function-table.js'
import { ifNullCase } from './if-null.js'
import { irisError } from './iris-error.js'
import { patternRanges } from './like-escape.js'
import type { CatalogSnapshot } from './plan.js'
import { isTrivia, isWord, retokenize, type Token, token, trimmedText } from './tokenizer.js'
import { vectorElementType } from './types.js'
import { AS_VARCHAR } from './varchar-repair.js'

/** String functions, whose result IRIS compares with EXACT collation (function-table.ts). */
const EXACT_STRING = new Set(
  [...IRIS_FUNCTIONS].flatMap(([name, { exactString }]) => (exactString ? [name] : [])),
)

/**
 * The runtime functions whose string result is EXACT by the default collation (UPPER, LOWER,
 * SUBSTRING, ...: function-table.ts), by the name they are called under.
 */
export const EXACT_UNCOLLATED_CALLS: ReadonlySet<string> = new Set(
  [...IRIS_FUNCTIONS].flatMap(([, { run, exactUncollated }]) =>
    exactUncollated && run.kind === 'renamed' ? [run.to] : [],
  ),
)

/** The aggregates the simulator runs (function-table.ts), by the name they are called under, lower case. */
export const AGGREGATE_CALLS: ReadonlySet<string> = new Set(
  [...IRIS_FUNCTIONS].flatMap(([name, { run, aggregate }]) =>
    aggregate ? [run.kind === 'renamed' ? run.to : name.toLowerCase()] : [],
  ),
)

/** Calls made under another name (function-table.ts). */
const RENAMED = new Map(
  [...IRIS_FUNCTIONS].flatMap(([name, { run }]) =>
    run.kind === 'renamed' ? [[name, run.to] as const] : [],
  ),
)

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

/**
 * STRING's argument list, each argument a string: a number in canonical form, as IRIS writes it
 * (docs/iris-sql.md#string-functions), a string as it is.
 */
function stringArgumentList(args: readonly Token[][]): string {
  return `(${args.map((arg) => `${AS_VARCHAR}(${trimmedText(arg)})`).join(', ')})`
}

/**
 * The argument list of a call, `(` to `)`; SUBSTRING's other spelling, `SUBSTRING(s FROM start
 * FOR length)` (doc RSQL_substring), with commas, as the runtime's function takes it.
 */
function argumentList(
  tokens: readonly Token[],
  name: string,
  open: number,
  close: number,
): Token[] {
  const list = tokens.slice(open, close + 1)
  if (name !== 'SUBSTRING') return list
  const depth = (tokens[open] as Token).depth + 1
  return list.map((t) =>
    t.depth === depth && (isWord(t, 'FROM') || isWord(t, 'FOR')) ? token('punct', ',', depth) : t,
  )
}

export interface FunctionRewrite {
  tokens: Token[]
  /** `LAST_IDENTITY()` was called (docs/iris-sql.md#returning-and-last_identity). */
  readsLastIdentity: boolean
  /** A call's string result is EXACT (`%EXACT(x)`, a string function), which an ORDER BY sorts by (exact-order.ts). */
  exactCollated: boolean
}

/** `catalog` tells the collations of a CONCAT's columns (chain-collation.ts). */
export function rewriteFunctions(
  tokens: readonly Token[],
  catalog: CatalogSnapshot | undefined,
): FunctionRewrite {
  const out = [...tokens]
  let readsLastIdentity = false
  let exactCollated = false
  let changed = false
  // The LIKE patterns, found at the first string function. Calls are replaced from the last one
  // back, so a call's index, and whether a pattern of the tokens as written holds it, stay true.
  let patterns: [number, number][] | undefined
  const inPattern = (at: number) => {
    patterns ??= patternRanges(tokens)
    return patterns.some(([first, last]) => first <= at && at <= last)
  }
  // Last call first, so an outer call's replacement already holds its rewritten arguments.
  for (let i = out.length - 1; i >= 0; i--) {
    const call = callAt(out, i)
    if (!call) continue
    const { name, open, close } = call
    const to = RENAMED.get(name)
    const part = partOfDateFunction(name)
    let replacement: string
    if (name === 'TIMESTAMPADD') {
      // docs/iris-sql.md#date-parts: odbc-escapes.ts rewrites {fn TIMESTAMPADD(...)}; a bare call is not IRIS SQL.
      throw irisError(
        -359,
        'TIMESTAMPADD is an ODBC scalar function only: write {fn TIMESTAMPADD(...)}',
      )
    }
    if (name === '%EXACT') {
      exactCollated = true
      replacement = `(iris_sim.exact(${trimmedText(out.slice(open + 1, close))}) COLLATE ${EXACT_COLLATION})`
    } else if (name === 'TO_VECTOR') {
      replacement = toVector(callArguments(out, call))
    } else if (name === 'IFNULL') {
      replacement = ifNullCase(out, i, call)
    } else if (isDateFunction(name)) {
      replacement = dateFunctionCall(name, callArguments(out, call))
    } else if (part !== undefined) {
      replacement = datePartFunctionCall(part, callArguments(out, call))
    } else if (EXACT_STRING.has(name)) {
      const args = callArguments(out, call)
      const list =
        name === 'STRING' ? stringArgumentList(args) : trimmedText(out.slice(open, close + 1))
      const called = `${to ?? (out[i] as Token).text}${list}`
      // CONCAT is `||` (doc RSQL_concat): of two columns, the collation they share, unless one is
      // no string or their collations differ (docs/iris-sql.md#collation).
      const sharesCollation =
        name === 'CONCAT' &&
        args.every(isColumnReference) &&
        !concatenatesExact(out, i, args, catalog)
      const collated = !sharesCollation && !inPattern(i)
      exactCollated ||= collated
      replacement = collated ? `(${called} COLLATE ${EXACT_COLLATION})` : called
    } else if (to !== undefined) {
      if (name === 'LAST_IDENTITY') readsLastIdentity = true
      if (EXACT_UNCOLLATED_CALLS.has(to)) exactCollated = true
      replacement = `${to}${trimmedText(argumentList(out, name, open, close))}`
    } else {
      continue
    }
    out.splice(i, close - i + 1, {
      type: 'word',
      text: replacement,
      depth: (out[i] as Token).depth,
    })
    changed = true
  }
  return { tokens: changed ? retokenize(out) : out, readsLastIdentity, exactCollated }
}
