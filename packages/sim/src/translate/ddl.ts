/**
 * IRIS DDL (docs/iris-sql.md#ddl): CREATE TABLE [IF NOT EXISTS], DROP TABLE [IF EXISTS], the ALTER
 * TABLE forms (docs/iris-sql.md#alter-table), CREATE INDEX (HNSW indexes are recorded, not built:
 * docs/iris-sql.md#hnsw-indexes), and the bookkeeping every change needs in `iris_sim.column_info`
 * / `iris_sim.hnsw_index` / `iris_sim.display_name` (see ../catalog/metadata.ts). Every name reaches
 * PostgreSQL as it stores it (stored-names.ts); the names as written are recorded as display names
 * (display-names.ts, docs/iris-sql.md#identifiers).
 */
import { DEFAULT_SCHEMA } from '../catalog/names.js'
import { columnNullability, rejectAlterColumnAction } from './alter-column-actions.js'
import { columnCollation } from './column-collations.js'
import { createTableAsPlan } from './create-table-as.js'
import { createOrReplaceViewPlan, createViewPlan } from './create-view.js'
import { type Base, ddlPlan, schemaSteps } from './ddl-plan.js'
import { defaultReferenceSteps } from './default-references.js'
import { checkDefaultType } from './default-types.js'
import {
  columnDisplayName,
  constraintDisplayName,
  type OnExisting,
  relationDisplayName,
} from './display-names.js'
import { checkIndexEnd, indexColumns } from './index-columns.js'
import { irisError } from './iris-error.js'
import {
  displayName,
  identifierName,
  isIdentifier,
  type QualifiedName,
  qualifiedSql,
  quoteIdentifier,
  quoteLiteral,
  readQualifiedName,
} from './names.js'
import type { RunPlan, TableRef } from './plan.js'
import { defineRowId, HIDDEN_ROW_ID_COLUMN } from './row-id-steps.js'
import { createSchemaPlan, dropSchemaPlan } from './schema-statements.js'
import {
  closingParen,
  commaSeparated,
  isTrivia,
  isWord,
  nextSignificant,
  type Token,
  trimmedText,
} from './tokenizer.js'
import { columnPgType, type IrisType, readColumnType } from './types.js'

const regclass = (table: TableRef) => `${quoteLiteral(qualifiedSql(table))}::regclass`
const literalOrNull = (value: string | number | undefined) =>
  value === undefined ? 'null' : typeof value === 'number' ? String(value) : quoteLiteral(value)

/** The `iris_sim.column_info` row of one column (docs/iris-sql.md#vector-columns-in-the-catalog, docs/iris-sql.md#information_schema). */
function columnInfoInsert(
  table: TableRef,
  column: Pick<ColumnDefinition, 'name' | 'type' | 'rowId'>,
  onConflict: 'nothing' | 'update',
): string {
  const { type } = column
  const values = [
    regclass(table),
    quoteLiteral(column.name),
    quoteLiteral(type.irisType),
    quoteLiteral(type.dataType),
    literalOrNull(type.characterMaximumLength),
    literalOrNull(type.numericPrecision),
    literalOrNull(type.numericScale),
    literalOrNull(type.vector?.elementType),
    literalOrNull(type.vector?.length),
    String(column.rowId),
  ].join(', ')
  const conflict =
    onConflict === 'nothing'
      ? 'do nothing'
      : 'do update set iris_type = excluded.iris_type, data_type = excluded.data_type, character_maximum_length = excluded.character_maximum_length, numeric_precision = excluded.numeric_precision, numeric_scale = excluded.numeric_scale, vector_element_type = excluded.vector_element_type, vector_length = excluded.vector_length'
  return `insert into iris_sim.column_info (table_oid, column_name, iris_type, data_type, character_maximum_length, numeric_precision, numeric_scale, vector_element_type, vector_length, row_id) values (${values}) on conflict (table_oid, column_name) ${conflict}`
}

/** `%DESCRIPTION 'text'` (docs/iris-sql.md#create-and-drop) at `at`: the text, or undefined. */
function description(
  tokens: readonly Token[],
  at: number,
): { text: string; end: number } | undefined {
  if (!isWord(tokens[at], '%DESCRIPTION')) return undefined
  const literalAt = nextSignificant(tokens, at + 1)
  const literal = tokens[literalAt]
  if (literal?.type !== 'string') throw irisError(-1, '%DESCRIPTION takes a string literal')
  return { text: literal.text.slice(1, -1).replaceAll("''", "'"), end: literalAt + 1 }
}

const IDENTITY_WORDS = ['IDENTITY', 'AUTO_INCREMENT', 'SERIAL']

interface ColumnDefinition {
  name: string
  /** The name as written (docs/iris-sql.md#identifiers). */
  display: string
  sql: string
  type: IrisType
  /** Declared IDENTITY, so the table's RowID under a name (docs/iris-sql.md#rowid); not SERIAL or AUTO_INCREMENT. */
  rowId: boolean
  /** The PostgreSQL type under the column's collation, e.g. `iris_sim.string(10) COLLATE iris_sim.sqlupper`. */
  pgType: string
  description?: string
}

/** One column definition: `name type [IDENTITY | NOT NULL | DEFAULT x | PRIMARY KEY | UNIQUE | REFERENCES ... | %DESCRIPTION 'x' | COLLATE c]*`. */
function columnDefinition(
  tokens: readonly Token[],
  identityMode: 'ALWAYS' | 'BY DEFAULT',
): ColumnDefinition {
  const nameAt = nextSignificant(tokens, 0)
  const nameToken = tokens[nameAt]
  if (!isIdentifier(nameToken)) throw irisError(-1, 'a column name is expected')
  const typeAt = nextSignificant(tokens, nameAt + 1)
  let identity = false
  let rowId = false
  let type: IrisType
  let end: number
  if (IDENTITY_WORDS.some((word) => isWord(tokens[typeAt], word))) {
    // `id IDENTITY` / `id SERIAL` with no type: an integer identity (docs/iris-sql.md#identity-columns).
    identity = true
    rowId = isWord(tokens[typeAt], 'IDENTITY')
    ;({ type } = readColumnType([{ type: 'word', text: 'BIGINT', depth: 0 }], 0))
    end = typeAt + 1
  } else {
    ;({ type, end } = readColumnType(tokens, typeAt))
  }
  checkDefaultType(tokens.slice(end), type, displayName(nameToken))
  const rest: string[] = []
  let collation = type.collation
  let text: string | undefined
  for (
    let i = nextSignificant(tokens, end);
    i >= 0 && i < tokens.length;
    i = nextSignificant(tokens, i + 1)
  ) {
    const token = tokens[i] as Token
    const described = description(tokens, i)
    if (described) {
      text = described.text
      i = described.end - 1
    } else if (IDENTITY_WORDS.some((word) => isWord(token, word))) {
      identity = true // docs/iris-sql.md#identity-columns
      rowId ||= isWord(token, 'IDENTITY')
    } else if (isWord(token, 'CHECK')) {
      throw irisError(-1, 'CHECK constraints are not supported by IRIS') // docs/iris-sql.md#create-and-drop
    } else if (isWord(token, 'COLLATE')) {
      const collationAt = nextSignificant(tokens, i + 1)
      collation = columnCollation(tokens[collationAt]?.text ?? '')
      i = collationAt
    } else if (token.text === '(') {
      const close = closingParen(tokens, i)
      rest.push(trimmedText(tokens.slice(i, close + 1)))
      i = close
    } else {
      rest.push(token.text)
    }
  }
  const vectorCheck =
    type.vector?.length !== undefined && type.vector.elementType !== 'FLOAT'
      ? ` CONSTRAINT ${quoteIdentifier(`iris_sim_vector_length_${identifierName(nameToken)}`)} CHECK (cardinality(${nameToken.text}) = ${type.vector.length})`
      : ''
  const pgType = columnPgType(type, collation)
  // docs/iris-sql.md#foreign-keys: an IDENTITY column is unique, as an IDKEY index is.
  const keyed = rest.some((word) => /^(PRIMARY|UNIQUE)$/i.test(word))
  const sql = [
    nameToken.text,
    pgType,
    identity ? `GENERATED ${identityMode} AS IDENTITY` : '',
    ...rest,
    rowId && !keyed ? 'UNIQUE' : '',
  ]
    .filter(Boolean)
    .join(' ')
  return {
    name: identifierName(nameToken),
    display: displayName(nameToken),
    sql: sql + vectorCheck,
    type,
    rowId,
    pgType,
    ...(text === undefined ? {} : { description: text }),
  }
}

const TABLE_CONSTRAINT_WORDS = ['PRIMARY', 'UNIQUE', 'FOREIGN', 'CONSTRAINT', 'CHECK']

function tableConstraint(tokens: readonly Token[]): string {
  if (tokens.some((token) => isWord(token, 'CHECK')))
    throw irisError(-1, 'CHECK constraints are not supported by IRIS') // docs/iris-sql.md#create-and-drop
  return trimmedText(tokens)
}

/** `CONSTRAINT name ...`: the step that records the name as written, if the constraint is named. */
function constraintNameSteps(table: TableRef, tokens: readonly Token[]): string[] {
  const at = nextSignificant(tokens, 0)
  const name = tokens[nextSignificant(tokens, at + 1)]
  if (!isWord(tokens[at], 'CONSTRAINT') || !isIdentifier(name)) return []
  return [constraintDisplayName(table, identifierName(name), displayName(name))]
}

function commentOnColumn(table: TableRef, column: string, text: string): string {
  return `comment on column ${qualifiedSql(table)}.${quoteIdentifier(column)} is ${quoteLiteral(text)}`
}

interface TableOptions {
  description?: string
  /** `WITH %CLASSPARAMETER NAME = value`, names upper-cased (docs/iris-sql.md#identity-columns). */
  classParameters: Map<string, string>
}

/** What follows the column list: `%DESCRIPTION 'text'` (docs/iris-sql.md#create-and-drop) and `WITH %CLASSPARAMETER name = value` (docs/iris-sql.md#identity-columns). */
function tableOptions(tokens: readonly Token[], close: number): TableOptions {
  const options: TableOptions = { classParameters: new Map() }
  for (let j = nextSignificant(tokens, close + 1); j >= 0; j = nextSignificant(tokens, j + 1)) {
    const described = description(tokens, j)
    if (described) {
      options.description = described.text
      j = described.end - 1
      continue
    }
    if (isWord(tokens[j], 'WITH') || tokens[j]?.text === ',') j = nextSignificant(tokens, j + 1)
    const nameAt = nextSignificant(tokens, j + 1)
    const equalsAt = nextSignificant(tokens, nameAt + 1)
    const valueAt = nextSignificant(tokens, equalsAt + 1)
    const value = tokens[valueAt]
    if (!isWord(tokens[j], '%CLASSPARAMETER') || tokens[equalsAt]?.text !== '=' || !value) {
      throw irisError(-25, `unexpected ${tokens[j]?.text} after the column list`)
    }
    const text = value.type === 'string' ? value.text.slice(1, -1) : value.text
    options.classParameters.set(tokens[nameAt]?.text.toUpperCase() ?? '', text)
    j = valueAt
  }
  return options
}

function createTable(tokens: readonly Token[], at: number, base: Base): RunPlan {
  let i = at
  let ifNotExists = false
  if (isWord(tokens[i], 'IF')) {
    ifNotExists = true
    i = nextSignificant(tokens, nextSignificant(tokens, nextSignificant(tokens, i + 1) + 1) + 1)
  }
  const name = readQualifiedName(tokens, i)
  if (!name) throw irisError(-1, 'CREATE TABLE needs a table name')
  const open = nextSignificant(tokens, name.end)
  if (isWord(tokens[open], 'AS')) return createTableAsPlan(tokens, name, ifNotExists, base)
  if (tokens[open]?.text !== '(') throw irisError(-1, 'CREATE TABLE needs a column list')
  const close = closingParen(tokens, open)
  const options = tableOptions(tokens, close)
  // docs/iris-sql.md#identity-columns: explicit values into an IDENTITY column need ALLOWIDENTITYINSERT = 1.
  const identity =
    options.classParameters.get('ALLOWIDENTITYINSERT') === '1' ? 'BY DEFAULT' : 'ALWAYS'
  const columns: ColumnDefinition[] = []
  const parts: string[] = []
  const table = name.table
  const on: OnExisting = ifNotExists ? 'keep' : 'replace'
  const names = [relationDisplayName(table, name.written.name, on)]
  for (const element of commaSeparated(tokens, open, close)) {
    const first = element[nextSignificant(element, 0)]
    // docs/iris-sql.md#rowid: the simulator's RowID is always hidden.
    if (isWord(first, '%PUBLICROWID'))
      throw irisError(
        -1,
        '%PUBLICROWID makes the RowID a column that SELECT * and the catalog list; the simulator keeps every RowID hidden: leave %PUBLICROWID out and select the RowID as %ID',
      )
    if (first && TABLE_CONSTRAINT_WORDS.some((word) => isWord(first, word))) {
      parts.push(tableConstraint(element))
      if (!ifNotExists) names.push(...constraintNameSteps(table, element))
    } else {
      const column = columnDefinition(element, identity)
      columns.push(column)
      parts.push(column.sql)
      names.push(columnDisplayName(table, column.name, column.display, on))
    }
  }
  const tableDescription = options.description
  const after = columns.map((column) =>
    columnInfoInsert(table, column, ifNotExists ? 'nothing' : 'update'),
  )
  // docs/iris-sql.md#rowid: an IDENTITY column is the RowID; without one, the RowID is hidden.
  if (!columns.some((column) => column.rowId)) parts.push(HIDDEN_ROW_ID_COLUMN)
  after.push(defineRowId(table))
  if (!ifNotExists) {
    for (const column of columns)
      if (column.description !== undefined)
        after.push(commentOnColumn(table, column.name, column.description))
    if (tableDescription !== undefined)
      after.push(`comment on table ${qualifiedSql(table)} is ${quoteLiteral(tableDescription)}`)
  }
  after.push(...names)
  const sql = `CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${trimmedText(tokens.slice(name.start, name.end))} (${parts.join(', ')})`
  return ddlPlan(base, sql, {
    before: [...schemaSteps(name, tokens), ...defaultReferenceSteps(tokens)],
    after,
  })
}

/**
 * `DROP TABLE [IF EXISTS] t [RESTRICT | CASCADE] [%DELDATA | %NODELDATA]` (docs/iris-sql.md#create-and-drop):
 * %DELDATA, deleting the data, is what PostgreSQL does; keeping it is not modelled.
 */
function dropTable(tokens: readonly Token[], at: number, base: Base): RunPlan {
  let i = at
  if (isWord(tokens[i], 'IF')) i = nextSignificant(tokens, nextSignificant(tokens, i + 1) + 1)
  const name = readQualifiedName(tokens, i)
  if (!name) throw irisError(-1, 'DROP TABLE needs a table name')
  if (tokens.some((token) => isWord(token, '%NODELDATA')))
    throw irisError(
      -1,
      'DROP TABLE ... %NODELDATA keeps the table data without its definition, which the simulator does not model: leave %NODELDATA out',
    )
  const oid = `to_regclass(${quoteLiteral(qualifiedSql(name.table))})`
  const statement = tokens.filter((token) => !isWord(token, '%DELDATA'))
  return ddlPlan(base, trimmedText(statement), {
    before: [
      `call iris_sim.refuse_drop_of_referenced_table(${oid})`,
      `call iris_sim.drop_row_id(${oid})`,
      `delete from iris_sim.column_info where table_oid = ${oid}`,
      `delete from iris_sim.hnsw_index where table_oid = ${oid}`,
    ],
  })
}

/** ALTER TABLE, after which the table's `%ID` follows its IDENTITY column, if any, under its current name and type. */
function alterTable(tokens: readonly Token[], at: number, base: Base): RunPlan {
  const name = readQualifiedName(tokens, at)
  if (!name) throw irisError(-1, 'ALTER TABLE needs a table name')
  const plan = alterTableAction(tokens, name, base)
  return {
    ...plan,
    before: [...plan.before, ...defaultReferenceSteps(tokens)],
    after: [...plan.after, defineRowId(name.table)],
  }
}

function alterTableAction(tokens: readonly Token[], name: QualifiedName, base: Base): RunPlan {
  const table = name.table
  const head = `ALTER TABLE ${trimmedText(tokens.slice(name.start, name.end))}`
  let i = nextSignificant(tokens, name.end)
  const action = tokens[i]?.text.toUpperCase()
  i = nextSignificant(tokens, i + 1)
  const skipColumnWord = () => {
    if (isWord(tokens[i], 'COLUMN')) i = nextSignificant(tokens, i + 1)
  }
  if (action === 'ADD') {
    if (TABLE_CONSTRAINT_WORDS.some((word) => isWord(tokens[i], word))) {
      const constraint = tokens.slice(i)
      return ddlPlan(base, `${head} ADD ${tableConstraint(constraint)}`, {
        after: constraintNameSteps(table, constraint),
      })
    }
    // docs/iris-sql.md#alter-table: ADD [COLUMN] a t, [COLUMN] b t.
    const columns = columnActions(tokens.slice(i)).map((item) => columnDefinition(item, 'ALWAYS'))
    const after = columns.flatMap((column) => [
      columnInfoInsert(table, column, 'update'),
      columnDisplayName(table, column.name, column.display, 'replace'),
      ...(column.description === undefined
        ? []
        : [commentOnColumn(table, column.name, column.description)]),
    ])
    const adds = columns.map((column) => `ADD COLUMN ${column.sql}`).join(', ')
    return ddlPlan(base, `${head} ${adds}`, { after })
  }
  if (action === 'DROP') {
    if (isWord(tokens[i], 'FOREIGN') && isWord(tokens[nextSignificant(tokens, i + 1)], 'KEY')) {
      // docs/iris-sql.md#alter-table: DROP FOREIGN KEY name.
      const constraint = nextSignificant(tokens, nextSignificant(tokens, i + 1) + 1)
      return ddlPlan(base, `${head} DROP CONSTRAINT ${trimmedText(tokens.slice(constraint))}`)
    }
    if (isWord(tokens[i], 'CONSTRAINT'))
      return ddlPlan(base, `${head} DROP ${trimmedText(tokens.slice(i))}`)
    // docs/iris-sql.md#alter-table: DROP [COLUMN] a [RESTRICT | CASCADE], [COLUMN] b ...
    const items = columnActions(tokens.slice(i))
    const before = items.flatMap((item) => {
      const column = item[nextSignificant(item, 0)]
      if (isWord(column, 'IF')) throw irisError(-1, 'DROP COLUMN IF EXISTS is not IRIS DDL')
      if (!isIdentifier(column)) throw irisError(-1, 'DROP COLUMN needs a column name')
      const columnName = quoteLiteral(identifierName(column))
      return [
        `delete from iris_sim.column_info where table_oid = ${regclass(table)} and column_name = ${columnName}`,
        `delete from iris_sim.hnsw_index where table_oid = ${regclass(table)} and column_name = ${columnName}`,
      ]
    })
    const drops = items.map((item) => `DROP COLUMN ${trimmedText(item)}`).join(', ')
    return ddlPlan(base, `${head} ${drops}`, { before })
  }
  if (action === 'ALTER') {
    skipColumnWord()
    const column = tokens[i]
    if (!isIdentifier(column)) throw irisError(-1, 'ALTER COLUMN needs a column name')
    const columnName = identifierName(column)
    const next = nextSignificant(tokens, i + 1)
    if (isWord(tokens[next], 'RENAME')) {
      // docs/iris-sql.md#alter-table: ALTER COLUMN c RENAME n.
      const newName = tokens[nextSignificant(tokens, next + 1)]
      if (!isIdentifier(newName)) throw irisError(-1, 'RENAME needs a new column name')
      return ddlPlan(base, `${head} RENAME COLUMN ${column.text} TO ${newName.text}`, {
        after: [
          columnDisplayName(table, identifierName(newName), displayName(newName), 'replace'),
          `update iris_sim.column_info set column_name = ${quoteLiteral(identifierName(newName))} where table_oid = ${regclass(table)} and column_name = ${quoteLiteral(columnName)}`,
          `update iris_sim.hnsw_index set column_name = ${quoteLiteral(identifierName(newName))} where table_oid = ${regclass(table)} and column_name = ${quoteLiteral(columnName)}`,
        ],
      })
    }
    const alter = `${head} ALTER COLUMN ${column.text}`
    const nullability = columnNullability(tokens, next)
    if (nullability) return ddlPlan(base, `${alter} ${nullability}`)
    // docs/iris-sql.md#column-defaults: ALTER COLUMN c [SET] DEFAULT x, ALTER COLUMN c DROP DEFAULT.
    const action = trimmedText(tokens.slice(next))
    if (isWord(tokens[next], 'DEFAULT')) return ddlPlan(base, `${alter} SET ${action}`)
    const setOrDrop = isWord(tokens[next], 'SET') || isWord(tokens[next], 'DROP')
    if (setOrDrop && isWord(tokens[nextSignificant(tokens, next + 1)], 'DEFAULT'))
      return ddlPlan(base, `${alter} ${action}`)
    rejectAlterColumnAction(tokens, next)
    // docs/iris-sql.md#alter-table: ALTER COLUMN c type, with nothing after the type (no USING).
    if (nextSignificant(tokens, readColumnType(tokens, next).end) >= 0)
      throw irisError(-1, 'ALTER COLUMN c type takes nothing after the type')
    const definition = columnDefinition(tokens.slice(i), 'ALWAYS')
    return ddlPlan(base, `${head} ALTER COLUMN ${column.text} TYPE ${definition.pgType}`, {
      after: [columnInfoInsert(table, { ...definition, name: columnName }, 'update')],
    })
  }
  if (action === 'RENAME') return renameTable(tokens.slice(i), table, head, base)
  throw irisError(-1, `ALTER TABLE ${action ?? ''} is not supported`)
}

/** Words that begin an ALTER TABLE action: IRIS takes one action per statement. */
const ALTER_ACTION_WORDS = ['ADD', 'ALTER', 'DROP', 'DELETE', 'MODIFY', 'RENAME']

/**
 * The comma-separated items of an ADD or DROP of columns, each without its optional COLUMN word.
 * IRIS's ALTER TABLE takes one action, whose items repeat only the COLUMN word:
 * `ADD COLUMN a t, COLUMN b t`, never PostgreSQL's `ADD COLUMN a t, ADD COLUMN b t`
 * (docs/iris-sql.md#alter-table).
 */
function columnActions(tokens: readonly Token[]): Token[][] {
  const items: Token[][] = [[]]
  for (const token of tokens) {
    if (token.type === 'punct' && token.text === ',' && token.depth === 0) items.push([])
    else (items.at(-1) as Token[]).push(token)
  }
  return items.map((item) => {
    const first = nextSignificant(item, 0)
    if (ALTER_ACTION_WORDS.some((word) => isWord(item[first], word)))
      throw irisError(
        -1,
        `ALTER TABLE takes one action per statement; repeat only the COLUMN word (ADD COLUMN a t, COLUMN b t), not ${item[first]?.text.toUpperCase()}`,
      )
    return isWord(item[first], 'COLUMN') ? item.slice(first + 1) : item
  })
}

/**
 * IRIS's `ALTER TABLE t RENAME newname` (`tokens`: what follows RENAME), with no TO: PostgreSQL's
 * `RENAME TO`, `RENAME COLUMN` and `RENAME CONSTRAINT` are not in IRIS's synopsis
 * (docs/iris-sql.md#alter-table).
 */
function renameTable(tokens: readonly Token[], table: TableRef, head: string, base: Base): RunPlan {
  const significant = tokens.filter((token) => !isTrivia(token))
  const [newName] = significant
  if (significant.length !== 1 || !isIdentifier(newName) || isWord(newName, 'TO'))
    throw irisError(
      -1,
      'ALTER TABLE ... RENAME takes the new table name alone (RENAME newname, without TO); a column is renamed with ALTER COLUMN c RENAME n',
    )
  return ddlPlan(base, `${head} RENAME TO ${newName.text}`, {
    after: [
      relationDisplayName(
        { ...table, name: identifierName(newName) },
        displayName(newName),
        'replace',
      ),
    ],
  })
}

/** `name=value` pairs of `HNSW(Distance='Cosine', M=16, efConstruct=64)` (docs/iris-sql.md#hnsw-indexes). */
function hnswParameters(tokens: readonly Token[], open: number): Map<string, string> {
  const close = closingParen(tokens, open)
  const parameters = new Map<string, string>()
  for (const element of commaSeparated(tokens, open, close)) {
    const significant = element.filter((token) => !isTrivia(token))
    const [key, equals, value] = significant
    if (!key || equals?.text !== '=' || !value || significant.length !== 3)
      throw irisError(-1, 'HNSW takes name=value parameters')
    parameters.set(
      key.text.toUpperCase(),
      value.type === 'string' ? value.text.slice(1, -1) : value.text,
    )
  }
  return parameters
}

function hnswIndex(
  indexName: string,
  indexDisplay: string,
  table: TableRef,
  column: string,
  tokens: readonly Token[],
  hnswOpen: number,
  base: Base,
): RunPlan {
  const parameters = hnswParameters(tokens, hnswOpen)
  const distance = { COSINE: 'Cosine', DOTPRODUCT: 'DotProduct' }[
    (parameters.get('DISTANCE') ?? '').toUpperCase()
  ]
  if (!distance) throw irisError(-1, "HNSW needs Distance='Cosine' or Distance='DotProduct'")
  const integer = (key: string) => {
    const value = parameters.get(key)
    if (value !== undefined && !/^\d+$/.test(value))
      throw irisError(-1, `HNSW ${key} must be a positive integer`)
    return value === undefined ? undefined : Number(value)
  }
  const m = integer('M')
  const efConstruct = integer('EFCONSTRUCT')
  const unknown = [...parameters.keys()].filter(
    (key) => !['DISTANCE', 'M', 'EFCONSTRUCT'].includes(key),
  )
  if (unknown.length > 0) throw irisError(-1, `unknown HNSW parameter ${unknown.join(', ')}`)
  // docs/iris-sql.md#hnsw-indexes: needs a fixed-length FLOAT / DOUBLE / DECIMAL vector column; the index is recorded
  // only (search stays exact), see iris_sim.check_hnsw_column in runtime.ts.
  const sql = `call iris_sim.check_hnsw_column(${regclass(table)}, ${quoteLiteral(column)})`
  const insert = `insert into iris_sim.hnsw_index (table_oid, index_name, display_name, column_name, distance, m, ef_construct) values (${regclass(table)}, ${quoteLiteral(indexName)}, ${quoteLiteral(indexDisplay)}, ${quoteLiteral(column)}, ${quoteLiteral(distance)}, ${literalOrNull(m)}, ${literalOrNull(efConstruct)})`
  return ddlPlan(base, sql, { after: [insert], commandTag: 'CREATE INDEX' })
}

/** `name ON [TABLE] t (columns)` of CREATE [UNIQUE] INDEX, from the index name at `at`. */
function indexTarget(tokens: readonly Token[], at: number) {
  if (isWord(tokens[at], 'IF')) throw irisError(-1, 'CREATE INDEX IF NOT EXISTS is not supported') // docs/iris-sql.md#create-and-drop
  const nameToken = tokens[at]
  if (!isIdentifier(nameToken)) throw irisError(-1, 'CREATE INDEX needs an index name')
  const on = nextSignificant(tokens, at + 1)
  if (!isWord(tokens[on], 'ON')) throw irisError(-1, 'CREATE INDEX name ON table (columns)')
  let tableAt = nextSignificant(tokens, on + 1)
  if (isWord(tokens[tableAt], 'TABLE')) tableAt = nextSignificant(tokens, tableAt + 1)
  const name = readQualifiedName(tokens, tableAt)
  if (!name) throw irisError(-1, 'CREATE INDEX needs a table name')
  const open = nextSignificant(tokens, name.end)
  if (tokens[open]?.text !== '(') throw irisError(-1, 'CREATE INDEX needs a column list')
  const close = closingParen(tokens, open)
  return { nameToken, table: name.table, columns: indexColumns(tokens, open, close), close }
}

function createIndex(tokens: readonly Token[], at: number, base: Base): RunPlan {
  const { nameToken, table, columns, close } = indexTarget(tokens, at)
  const as = nextSignificant(tokens, close + 1)
  if (isWord(tokens[as], 'AS')) {
    const kind = nextSignificant(tokens, as + 1)
    const hnswOpen = nextSignificant(tokens, kind + 1)
    if (!isWord(tokens[kind], 'HNSW') || tokens[hnswOpen]?.text !== '(')
      throw irisError(-1, 'only AS HNSW(...) index types are supported')
    const [column] = columns
    if (columns.length !== 1 || !column)
      throw irisError(-1, 'an HNSW index covers exactly one vector column')
    if (nextSignificant(tokens, closingParen(tokens, hnswOpen) + 1) >= 0)
      throw irisError(-25, 'unexpected input after HNSW(...)')
    return hnswIndex(
      identifierName(nameToken),
      displayName(nameToken),
      table,
      identifierName(column),
      tokens,
      hnswOpen,
      base,
    )
  }
  checkIndexEnd(tokens, close)
  return ddlPlan(base, trimmedText(tokens), { after: [indexDisplayName(table, nameToken)] })
}

/** The step recording an index's name as written; PostgreSQL keeps an index in its table's schema. */
function indexDisplayName(table: TableRef, nameToken: Token): string {
  const index = { schema: table.schema, name: identifierName(nameToken) }
  return relationDisplayName(index, displayName(nameToken), 'replace')
}

/** `CREATE UNIQUE INDEX name ON [TABLE] t (...)`, from the index name at `at`. */
function createUniqueIndex(tokens: readonly Token[], at: number, base: Base): RunPlan {
  const { nameToken, table, close } = indexTarget(tokens, at)
  checkIndexEnd(tokens, close)
  return ddlPlan(base, trimmedText(tokens), { after: [indexDisplayName(table, nameToken)] })
}

function dropIndex(tokens: readonly Token[], at: number, base: Base): RunPlan {
  let i = at
  let ifExists = false
  if (isWord(tokens[i], 'IF')) {
    ifExists = true
    i = nextSignificant(tokens, nextSignificant(tokens, i + 1) + 1)
  }
  const first = readQualifiedName(tokens, i)
  if (!first) throw irisError(-1, 'DROP INDEX needs an index name')
  // IRIS: `DROP INDEX name ON [TABLE] t` or `DROP INDEX t.name`; PostgreSQL names indexes per schema.
  let j = nextSignificant(tokens, first.end)
  let table: TableRef | undefined
  let indexName = first.table.name
  if (isWord(tokens[j], 'ON')) {
    j = nextSignificant(tokens, j + 1)
    if (isWord(tokens[j], 'TABLE')) j = nextSignificant(tokens, j + 1)
    table = readQualifiedName(tokens, j)?.table
  } else if (tokens.slice(first.start, first.end).some((token) => token.text === '.')) {
    table = { schema: DEFAULT_SCHEMA, name: first.table.schema }
    indexName = first.table.name
  }
  const schema = table?.schema ?? DEFAULT_SCHEMA
  const tableName = table ? quoteLiteral(qualifiedSql(table)) : 'null'
  return ddlPlan(
    base,
    `call iris_sim.drop_index(${quoteLiteral(schema)}, ${quoteLiteral(indexName)}, ${tableName}, ${ifExists})`,
    {
      commandTag: 'DROP INDEX',
    },
  )
}

/** The plan for a DDL statement, or undefined when `tokens` is not DDL the sim rewrites. */
export function ddlPlanOf(tokens: readonly Token[], base: Base): RunPlan | undefined {
  const verbAt = nextSignificant(tokens, 0)
  let objectAt = nextSignificant(tokens, verbAt + 1)
  const verb = tokens[verbAt]?.text.toUpperCase()
  if (verb === 'CREATE' && isWord(tokens[objectAt], 'UNIQUE')) {
    const indexAt = nextSignificant(tokens, objectAt + 1)
    return isWord(tokens[indexAt], 'INDEX')
      ? createUniqueIndex(tokens, nextSignificant(tokens, indexAt + 1), base)
      : undefined
  }
  const object = tokens[objectAt]?.text.toUpperCase()
  objectAt = nextSignificant(tokens, objectAt + 1)
  if (verb === 'CREATE' && object === 'TABLE') return createTable(tokens, objectAt, base)
  if (verb === 'CREATE' && object === 'INDEX') return createIndex(tokens, objectAt, base)
  if (verb === 'CREATE' && object === 'VIEW') return createViewPlan(tokens, objectAt, base)
  if (verb === 'CREATE' && object === 'OR') return createOrReplaceViewPlan(tokens, base)
  if (verb === 'CREATE' && object === 'SCHEMA') return createSchemaPlan(tokens, objectAt, base)
  if (verb === 'DROP' && object === 'SCHEMA') return dropSchemaPlan(tokens, objectAt, base)
  if (verb === 'DROP' && object === 'TABLE') return dropTable(tokens, objectAt, base)
  if (verb === 'DROP' && object === 'INDEX') return dropIndex(tokens, objectAt, base)
  if (verb === 'ALTER' && object === 'TABLE') return alterTable(tokens, objectAt, base)
  // docs/iris-sql.md#create-and-drop: IRIS has no user-defined types and no materialized views.
  if (object === 'TYPE') throw irisError(-1, `${verb} TYPE is not IRIS DDL`)
  if (object === 'MATERIALIZED') throw irisError(-1, `${verb} MATERIALIZED VIEW is not IRIS DDL`)
  if (verb === 'TRUNCATE' && object === 'TABLE') return truncateTable(tokens, objectAt, base)
  if (verb === 'CREATE' || verb === 'DROP' || verb === 'ALTER' || verb === 'TRUNCATE')
    return ddlPlan(base, trimmedText(tokens))
  return undefined
}

/**
 * `TRUNCATE TABLE t`: IRIS's takes one table and nothing after it (docs/iris-sql.md#rowid), and
 * restarts the RowID, IDENTITY and SERIAL counters at 1, so PostgreSQL's RESTART IDENTITY.
 */
function truncateTable(tokens: readonly Token[], nameAt: number, base: Base): RunPlan {
  const name = readQualifiedName(tokens, nameAt)
  const after = name ? nextSignificant(tokens, name.end) : nameAt
  if (after >= 0) {
    throw irisError(
      -1,
      `TRUNCATE TABLE takes one table name and nothing else, found ${tokens[after]?.text}: IRIS has no CASCADE, RESTRICT, RESTART / CONTINUE IDENTITY or table list here (it always restarts the table's counters); truncate each table in its own statement`,
    )
  }
  return ddlPlan(base, `${trimmedText(tokens)} RESTART IDENTITY`)
}
