/**
 * The statements the simulator runs, by their first words, each an IRIS SQL command with its source
 * (docs/iris-sql.md#statements lists the same table). Any other statement is refused with SQLCODE -1
 * before it reaches PostgreSQL: PostgreSQL's own (`VALUES`, `TABLE`, `COMMENT`, `COPY`, `SET x`,
 * `SHOW`, `CREATE SEQUENCE`, ...) would run with PostgreSQL's meaning, and the IRIS commands the
 * simulator does not model (`CALL`, `CREATE PROCEDURE`, `GRANT`, ...) would too. Transaction and
 * lock statements and SET OPTION are planned before this check (transactions.ts, locks.ts,
 * set-option.ts).
 */
import { irisError } from './iris-error.js'
import { isTrivia, type Token } from './tokenizer.js'

export interface StatementForm {
  /** The statement's first words, upper-case; `(` is a parenthesised query. */
  words: readonly string[]
  /** InterSystems documentation page (`RSQL_...`), or the reference's own section. */
  source: string
}

const form = (text: string, source: string): StatementForm => ({ words: text.split(' '), source })

export const STATEMENT_FORMS: readonly StatementForm[] = [
  form('SELECT', 'RSQL_select'),
  form('(', 'RSQL_union'),
  form('WITH', 'docs/iris-sql.md#ctes-window-functions-and-locking-reads'),
  form('INSERT', 'RSQL_insert'),
  form('UPDATE', 'RSQL_update'),
  form('DELETE', 'RSQL_delete'),
  form('TRUNCATE TABLE', 'RSQL_truncatetable'),
  form('CREATE TABLE', 'RSQL_createtable'),
  form('CREATE INDEX', 'RSQL_createindex'),
  form('CREATE UNIQUE INDEX', 'RSQL_createindex'),
  form('CREATE VIEW', 'RSQL_createview'),
  form('CREATE OR REPLACE VIEW', 'RSQL_createview'),
  form('CREATE SCHEMA', 'RSQL_createschema'),
  form('ALTER TABLE', 'RSQL_altertable'),
  form('DROP TABLE', 'RSQL_droptable'),
  form('DROP INDEX', 'RSQL_dropindex'),
  form('DROP VIEW', 'RSQL_dropview'),
  form('DROP SCHEMA', 'RSQL_dropschema'),
]

/** Throws unless the statement starts as one of the forms above. */
export function checkStatementForm(tokens: readonly Token[]): void {
  const words: string[] = []
  for (const token of tokens) {
    if (isTrivia(token)) continue
    words.push(token.text.toUpperCase())
    if (words.length === 4) break
  }
  if (words.length === 0) return
  const known = STATEMENT_FORMS.some((candidate) =>
    candidate.words.every((word, i) => words[i] === word),
  )
  if (known) return
  const shown = words.slice(0, 2).join(' ')
  throw irisError(
    -1,
    `${shown} ... is not a statement the simulator runs: it runs IRIS's SELECT, INSERT [OR UPDATE], UPDATE, DELETE, TRUNCATE TABLE, CREATE / ALTER / DROP of tables, indexes, views and schemas, and transaction and lock statements; test other IRIS statements on IRIS`,
  )
}
