/**
 * `CREATE [OR REPLACE] VIEW name [(columns)] AS SELECT ...` (docs/iris-sql.md#create-and-drop): the
 * view, and its and its columns' names as written (display-names.ts,
 * docs/iris-sql.md#identifiers).
 */
import { type Base, ddlPlan } from './ddl-plan.js'
import { columnDisplayNameAt, relationDisplayName } from './display-names.js'
import { irisError } from './iris-error.js'
import {
  displayName,
  isIdentifier,
  qualifiedSql,
  quoteLiteral,
  readQualifiedName,
} from './names.js'
import type { RunPlan } from './plan.js'
import { selectLabels } from './select-labels.js'
import {
  closingParen,
  commaSeparated,
  isWord,
  nextSignificant,
  type Token,
  trimmedText,
} from './tokenizer.js'

/** CREATE VIEW from the view name at `at`; `before` runs first, in the same statement. */
export function createViewPlan(
  tokens: readonly Token[],
  at: number,
  base: Base,
  before: string[] = [],
): RunPlan {
  const name = readQualifiedName(tokens, at)
  if (!name) throw irisError(-1, 'CREATE VIEW needs a view name')
  const view = name.table
  const after = [relationDisplayName(view, name.written.name, 'replace')]
  const next = nextSignificant(tokens, name.end)
  if (tokens[next]?.text === '(') {
    commaSeparated(tokens, next, closingParen(tokens, next)).forEach((element, i) => {
      const column = element[nextSignificant(element, 0)]
      if (isIdentifier(column)) after.push(columnDisplayNameAt(view, i + 1, displayName(column)))
    })
  } else if (isWord(tokens[next], 'AS')) {
    // The columns are the select list's; those after a `*` are at positions unknown here.
    const items = selectLabels(tokens.slice(next + 1)) ?? []
    const star = items.findIndex((item) => item.type === 'star')
    items.slice(0, star < 0 ? items.length : star).forEach((item, i) => {
      if (item.type === 'alias') after.push(columnDisplayNameAt(view, i + 1, item.label))
    })
  }
  return ddlPlan(base, trimmedText(tokens), { before, after })
}

/**
 * CREATE OR REPLACE VIEW: IRIS replaces the definition and the column list
 * (docs/iris-sql.md#create-and-drop), where PostgreSQL's own OR REPLACE refuses to drop, rename or
 * retype a column. So the statement drops the view, when there is one, and creates it anew, in one
 * batch (atomically); the dropped view's display names go with it. A table of that name stays, and
 * CREATE VIEW then fails as a duplicate name (SQLCODE -201).
 */
export function createOrReplaceViewPlan(tokens: readonly Token[], base: Base): RunPlan {
  const orAt = nextSignificant(tokens, nextSignificant(tokens, 0) + 1)
  const replaceAt = nextSignificant(tokens, orAt + 1)
  const viewAt = nextSignificant(tokens, replaceAt + 1)
  if (!isWord(tokens[replaceAt], 'REPLACE') || !isWord(tokens[viewAt], 'VIEW'))
    throw irisError(-1, 'CREATE OR REPLACE is IRIS DDL for a view only: CREATE OR REPLACE VIEW')
  // `CREATE VIEW ...`: the statement without OR REPLACE, VIEW now where OR was.
  const created = [...tokens.slice(0, orAt), ...tokens.slice(viewAt)]
  const nameAt = nextSignificant(created, orAt + 1)
  const name = readQualifiedName(created, nameAt)
  if (!name) throw irisError(-1, 'CREATE OR REPLACE VIEW needs a view name')
  const drop = `call iris_sim.drop_replaced_view(${quoteLiteral(qualifiedSql(name.table))})`
  return createViewPlan(created, nameAt, base, [drop])
}
