/**
 * What kind of statement a token list is, and for INSERT / UPDATE / DELETE the table written
 * (the engine uses both for SQLCODE choice and identity capture, see plan.ts).
 */
import { readQualifiedName } from './names.js'
import type { StatementKind, TableRef } from './plan.js'
import { isWord, nextSignificant, type Token } from './tokenizer.js'

const DDL_WORDS = new Set(['CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'COMMENT', 'GRANT', 'REVOKE'])
const MAIN_VERBS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE']

/** Index of the statement's verb; after a `WITH` list, the first top-level SELECT / INSERT / UPDATE / DELETE (docs/iris-sql.md#ctes-window-functions-and-locking-reads). */
function verbIndex(tokens: readonly Token[]): number {
  const first = nextSignificant(tokens, 0)
  if (!isWord(tokens[first], 'WITH')) return first
  const main = tokens.findIndex(
    (token, i) => i > first && token.depth === 0 && MAIN_VERBS.some((verb) => isWord(token, verb)),
  )
  return main < 0 ? first : main
}

export function statementKind(tokens: readonly Token[]): StatementKind {
  const first = tokens[verbIndex(tokens)]
  const word = first?.type === 'word' ? first.text.toUpperCase() : first?.text
  if (word === 'SELECT' || word === 'WITH' || word === '(' || word === 'VALUES') return 'select'
  if (word === 'INSERT') return 'insert'
  if (word === 'UPDATE') return 'update'
  if (word === 'DELETE') return 'delete'
  if (word !== undefined && DDL_WORDS.has(word)) return 'ddl'
  return 'other'
}

/** The table an INSERT / UPDATE / DELETE writes: `INSERT [OR UPDATE] [INTO] t`, `UPDATE t`, `DELETE [FROM] t`. */
export function writtenTable(tokens: readonly Token[], kind: StatementKind): TableRef | undefined {
  if (kind !== 'insert' && kind !== 'update' && kind !== 'delete') return undefined
  let i = nextSignificant(tokens, verbIndex(tokens) + 1)
  const skip = (word: string) => {
    if (isWord(tokens[i], word)) i = nextSignificant(tokens, i + 1)
  }
  if (kind === 'insert') {
    if (isWord(tokens[i], 'OR')) i = nextSignificant(tokens, nextSignificant(tokens, i + 1) + 1)
    skip('INTO')
  }
  if (kind === 'delete') skip('FROM')
  if (i < 0) return undefined
  return readQualifiedName(tokens, i)?.table
}
