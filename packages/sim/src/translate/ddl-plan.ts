/**
 * What every DDL plan shares: the plan itself, its SQL's names as PostgreSQL stores them
 * (stored-names.ts), and the schema a qualified table name creates on the way
 * (docs/iris-sql.md#schemas).
 */
import { DEFAULT_SCHEMA } from '../catalog/names.js'
import { schemaDisplayName } from './display-names.js'
import { type QualifiedName, quoteIdentifier } from './names.js'
import type { RunPlan } from './plan.js'
import { storedNames } from './stored-names.js'
import { render, type Token, tokenize } from './tokenizer.js'

export type Base = { source: string; paramCount: number }

export function ddlPlan(
  base: Base,
  sql: string,
  steps: { before?: string[]; after?: string[]; commandTag?: string } = {},
): RunPlan {
  return {
    ...base,
    type: 'run',
    kind: 'ddl',
    sql: render(storedNames(tokenize(sql))),
    readsLastIdentity: false,
    before: steps.before ?? [],
    after: steps.after ?? [],
    changesSchema: true,
    ...(steps.commandTag ? { commandTag: steps.commandTag } : {}),
  }
}

/** The steps creating the schema of a qualified table name, with its name as written. */
export function schemaSteps(name: QualifiedName, tokens: readonly Token[]): string[] {
  // docs/iris-sql.md#schemas: schemas are created implicitly with their first table.
  const qualified = tokens.slice(name.start, name.end).some((token) => token.text === '.')
  if (!qualified || name.table.schema === DEFAULT_SCHEMA) return []
  return [
    `create schema if not exists ${quoteIdentifier(name.table.schema)}`,
    schemaDisplayName(name.table.schema, name.written.schema),
  ]
}
