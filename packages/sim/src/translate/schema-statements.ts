/**
 * IRIS's schema statements (docs/iris-sql.md#schemas): `CREATE SCHEMA [IF NOT EXISTS] name` and
 * `DROP SCHEMA [IF EXISTS] name [CASCADE | RESTRICT]`, nothing more. PostgreSQL's own forms take
 * more (AUTHORIZATION, schema elements, several names), which IRIS's grammar lacks. DROP SCHEMA runs
 * as `iris_sim.drop_schema` (runtime.ts), which gives IRIS's SQLCODEs: -473 for a schema that does
 * not exist, -475 for one not empty without CASCADE.
 */
import { DEFAULT_SCHEMA } from '../catalog/names.js'
import { type Base, ddlPlan } from './ddl-plan.js'
import { schemaDisplayName } from './display-names.js'
import { irisError } from './iris-error.js'
import {
  displayName,
  identifierName,
  isDefaultSchemaAlias,
  isIdentifier,
  quoteIdentifier,
  quoteLiteral,
} from './names.js'
import type { RunPlan } from './plan.js'
import { isTrivia, isWord, type Token } from './tokenizer.js'

/** The significant tokens from `at` on, past `words` when they come first. */
function after(tokens: readonly Token[], at: number, words: readonly string[]) {
  const significant = tokens.slice(at).filter((token) => !isTrivia(token))
  const present = words.every((word, i) => isWord(significant[i], word))
  return { present, rest: significant.slice(present ? words.length : 0) }
}

/** The schema PostgreSQL stores for a name token (`public` is IRIS's default schema). */
const storedSchema = (name: Token) =>
  isDefaultSchemaAlias(name) ? DEFAULT_SCHEMA : identifierName(name)

/** `CREATE SCHEMA [IF NOT EXISTS] name`, from the token after SCHEMA; a duplicate is -476 (engine/error-mapping.ts). */
export function createSchemaPlan(tokens: readonly Token[], at: number, base: Base): RunPlan {
  const { present: ifNotExists, rest } = after(tokens, at, ['IF', 'NOT', 'EXISTS'])
  const [name, extra] = rest
  if (!isIdentifier(name)) throw irisError(-1, 'CREATE SCHEMA needs a schema name')
  if (extra) {
    throw irisError(
      -25,
      `unexpected ${extra.text} after CREATE SCHEMA ${displayName(name)}: IRIS's CREATE SCHEMA takes a name only, with no AUTHORIZATION or schema elements; create each table with its own statement`,
    )
  }
  const stored = storedSchema(name)
  const sql = `CREATE SCHEMA ${ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdentifier(stored)}`
  return ddlPlan(base, sql, { after: [schemaDisplayName(stored, displayName(name))] })
}

/** `DROP SCHEMA [IF EXISTS] name [CASCADE | RESTRICT]`, from the token after SCHEMA. */
export function dropSchemaPlan(tokens: readonly Token[], at: number, base: Base): RunPlan {
  const { present: ifExists, rest } = after(tokens, at, ['IF', 'EXISTS'])
  const [name, behaviour, extra] = rest
  if (!isIdentifier(name)) throw irisError(-1, 'DROP SCHEMA needs a schema name')
  const cascade = isWord(behaviour, 'CASCADE')
  const unexpected = behaviour && !cascade && !isWord(behaviour, 'RESTRICT') ? behaviour : extra
  if (unexpected) {
    throw irisError(
      -25,
      `unexpected ${unexpected.text} in DROP SCHEMA: IRIS drops one schema per statement, with CASCADE or RESTRICT at most`,
    )
  }
  const call = `call iris_sim.drop_schema(${quoteLiteral(storedSchema(name))}, ${ifExists}, ${cascade})`
  return ddlPlan(base, call, { commandTag: 'DROP SCHEMA' })
}
