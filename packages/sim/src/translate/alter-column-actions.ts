/**
 * The actions of IRIS's `ALTER TABLE t ALTER [COLUMN] c action` (docs/iris-sql.md#alter-table): a
 * type, `[SET] DEFAULT x`, `DROP DEFAULT`, `NULL`, `NOT NULL`, `COLLATE collation` or `RENAME n`.
 * IRIS's NULL and NOT NULL become PostgreSQL's DROP NOT NULL and SET NOT NULL; PostgreSQL's own
 * actions (SET NOT NULL, SET DATA TYPE, TYPE, SET STATISTICS, ADD GENERATED, ...) are refused, as is
 * COLLATE, which the simulator does not model.
 */
import { irisError } from './iris-error.js'
import { type Token, upperWords } from './tokenizer.js'

/** The significant words from `at` (-1: none) to the end, upper-cased. */
const wordsFrom = (tokens: readonly Token[], at: number) =>
  at < 0 ? [] : upperWords(tokens.slice(at))

/** PostgreSQL's `SET NOT NULL` / `DROP NOT NULL` for IRIS's `NOT NULL` / `NULL` at `at`, else undefined. */
export function columnNullability(tokens: readonly Token[], at: number): string | undefined {
  const words = wordsFrom(tokens, at).join(' ')
  if (words === 'NOT NULL') return 'SET NOT NULL'
  if (words === 'NULL') return 'DROP NOT NULL'
  return undefined
}

/** The IRIS form to write instead of a PostgreSQL action, keyed by its words. */
const IRIS_FORMS: Readonly<Record<string, string>> = {
  'SET NOT NULL': 'ALTER COLUMN c NOT NULL',
  'DROP NOT NULL': 'ALTER COLUMN c NULL',
  'SET DATA TYPE': 'ALTER COLUMN c type',
  TYPE: 'ALTER COLUMN c type',
}

/** Throws for an action at `at` that is no IRIS action, or that the simulator does not model. */
export function rejectAlterColumnAction(tokens: readonly Token[], at: number): void {
  const words = wordsFrom(tokens, at)
  const [first = ''] = words
  if (first === 'COLLATE')
    throw irisError(
      -1,
      'ALTER COLUMN c COLLATE is IRIS DDL, but the simulator does not model it; add the column with its collation, or test it on IRIS',
    )
  if (!['SET', 'DROP', 'ADD', 'RESET', 'TYPE', 'ALTER', 'OPTIONS'].includes(first)) return
  const action = words
    .slice(0, first === 'TYPE' ? 1 : ['NOT', 'DATA'].includes(words[1] ?? '') ? 3 : 2)
    .join(' ')
  const form = IRIS_FORMS[action]
  throw irisError(
    -1,
    form
      ? `ALTER COLUMN c ${action} is not IRIS DDL; write ${form}`
      : `ALTER COLUMN c ${action} is not IRIS DDL; IRIS's ALTER COLUMN takes a type, [SET] DEFAULT, DROP DEFAULT, NULL, NOT NULL, COLLATE or RENAME`,
  )
}
