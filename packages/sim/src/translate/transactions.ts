/**
 * Transaction statements (docs/iris-sql.md#transactions): START TRANSACTION with IRIS's isolation
 * levels and access modes (IRIS has no BEGIN; iris-pgwire turns it into START TRANSACTION before
 * IRIS sees it, pgwire-quirks.ts), COMMIT / ROLLBACK [WORK] (no TRANSACTION word), SAVEPOINT and
 * ROLLBACK TO SAVEPOINT (IRIS has no RELEASE, docs/iris-sql.md#savepoints), and SET TRANSACTION,
 * which pgwire swallows (docs/iris-sql.md#set-transaction). REPEATABLE READ and SERIALIZABLE do
 * not exist in IRIS (docs/iris-sql.md#transaction-statements).
 */
import { irisError } from './iris-error.js'
import { identifierName, isIdentifier } from './names.js'
import type { BeginPlan, Plan } from './plan.js'
import { isReservedWord } from './reserved-words.js'
import { isTrivia, type Token, upperWords } from './tokenizer.js'

type Base = { source: string }

const ISOLATION_LEVELS: Record<string, BeginPlan['isolation']> = {
  'READ UNCOMMITTED': 'READ UNCOMMITTED',
  'READ COMMITTED': 'READ COMMITTED',
  'READ VERIFIED': 'READ VERIFIED',
}

/** Parses `[ISOLATION LEVEL x] [READ ONLY | READ WRITE]` (in either order, comma-separated or not). */
function transactionModes(words: string[]): Pick<BeginPlan, 'isolation' | 'readOnly'> {
  let isolation: BeginPlan['isolation'] = 'READ UNCOMMITTED' // IRIS's default (docs/iris-sql.md#transaction-statements)
  let readOnly = false
  let i = 0
  while (i < words.length) {
    const [a, b, c, d] = [words[i], words[i + 1], words[i + 2], words[i + 3]]
    if (a === ',') {
      i++
    } else if (a === 'ISOLATION' && b === 'LEVEL') {
      const level = ISOLATION_LEVELS[`${c} ${d}`]
      if (!level) {
        throw irisError(
          -1,
          `isolation level ${[c, d].filter(Boolean).join(' ')} is not supported by IRIS (READ UNCOMMITTED, READ COMMITTED or READ VERIFIED)`,
        )
      }
      isolation = level
      i += 4
    } else if (a === 'READ' && (b === 'ONLY' || b === 'WRITE')) {
      readOnly = b === 'ONLY'
      i += 2
    } else {
      throw irisError(-1, `unexpected ${a} in transaction mode`)
    }
  }
  return { isolation, readOnly }
}

/**
 * `COMMIT [WORK]` and `ROLLBACK [WORK]` are IRIS's only forms: a word after them, `TRANSACTION`
 * included, is input after the end of the statement (docs/iris-sql.md#transaction-statements).
 */
function checkEndOfTransaction(words: readonly string[]): void {
  const [verb] = words
  const extra = words[words[1] === 'WORK' ? 2 : 1]
  if (extra === undefined) return
  throw irisError(
    -25,
    `unexpected ${extra} in ${words.join(' ')}: IRIS SQL has ${verb} [WORK] only; write ${verb}`,
  )
}

const TRANSACTION_VERBS = new Set([
  'BEGIN',
  'START',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'SET',
])

/** The plan for a transaction statement, or undefined when `tokens` is not one. */
export function transactionPlan(tokens: readonly Token[], base: Base): Plan | undefined {
  const verb = tokens.find((token) => !isTrivia(token))
  if (verb?.type !== 'word' || !TRANSACTION_VERBS.has(verb.text.toUpperCase())) return undefined
  const words = upperWords(tokens)
  const [first, second, third] = words
  const common = { ...base, kind: 'transaction' as const, paramCount: 0 }
  const savepointName = (at: number) => {
    const significant = tokens.filter((token) => !isTrivia(token))
    const name = significant[at]
    // docs/iris-sql.md#savepoints: -301 for no name, one that is not an identifier or a reserved
    // word; -302 for SYS...
    if (!isIdentifier(name) || significant.length !== at + 1)
      throw irisError(-301, 'a savepoint name is expected: one identifier')
    if (isReservedWord(name))
      throw irisError(
        -301,
        `${name.text} is a reserved word: choose another savepoint name, or delimit it ("${name.text}")`,
      )
    const exact = identifierName(name)
    if (exact.toUpperCase().startsWith('SYS'))
      throw irisError(-302, `savepoint name ${exact} is reserved (SYS...): choose another name`)
    return exact
  }
  switch (first) {
    case 'BEGIN':
      throw irisError(-1, 'BEGIN is not IRIS SQL; write START TRANSACTION [modes]')
    case 'START':
      if (second !== 'TRANSACTION') return undefined
      return { ...common, type: 'begin', ...transactionModes(words.slice(2)) }
    case 'COMMIT':
      checkEndOfTransaction(words)
      return { ...common, type: 'commit' }
    case 'ROLLBACK':
      if (second === 'TO') {
        // docs/iris-sql.md#savepoints: IRIS's only form names the SAVEPOINT keyword.
        if (third !== 'SAVEPOINT')
          throw irisError(
            -1,
            'ROLLBACK TO needs the SAVEPOINT keyword in IRIS SQL: write ROLLBACK TO SAVEPOINT name',
          )
        return { ...common, type: 'rollbackToSavepoint', name: savepointName(3) }
      }
      checkEndOfTransaction(words)
      return { ...common, type: 'rollback' }
    case 'SAVEPOINT':
      return { ...common, type: 'savepoint', name: savepointName(1) }
    case 'RELEASE':
      // docs/iris-sql.md#savepoints: IRIS documents no RELEASE; a savepoint ends with its transaction.
      throw irisError(
        -1,
        'RELEASE SAVEPOINT is not IRIS SQL: IRIS keeps a savepoint until COMMIT, ROLLBACK or a ROLLBACK TO SAVEPOINT before it; leave the RELEASE out',
      )
    case 'SET':
      if (second !== 'TRANSACTION') return undefined
      transactionModes(words.slice(2)) // still refuse levels IRIS lacks (docs/iris-sql.md#transaction-statements)
      return { ...common, type: 'noop', commandTag: 'SET' }
    default:
      return undefined
  }
}
