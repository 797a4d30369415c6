import {
  type AddColumnNode,
  type AggregateFunctionNode,
  type AliasNode,
  type AlterColumnNode,
  type AlterTableColumnAlterationNode,
  type AlterTableNode,
  AndNode,
  type BinaryOperationNode,
  type CaseNode,
  type ColumnDefinitionNode,
  type ColumnUpdateNode,
  type CompiledQuery,
  type CreateIndexNode,
  type CreateTableNode,
  type CreateViewNode,
  type DataTypeNode,
  DefaultQueryCompiler,
  type DeleteQueryNode,
  type DropColumnNode,
  type DropIndexNode,
  type DropViewNode,
  type ExplainNode,
  type FetchNode,
  type ForeignKeyConstraintNode,
  type FunctionNode,
  type HavingNode,
  type InsertQueryNode,
  type JoinNode,
  type LimitNode,
  type MergeQueryNode,
  type OnConflictNode,
  type OnDuplicateKeyNode,
  type OnNode,
  type OperationNode,
  OperatorNode,
  type OrActionNode,
  type OrderByItemNode,
  type OrderByNode,
  type OrNode,
  type OutputNode,
  ParensNode,
  type QueryId,
  type RawNode,
  type ReferenceNode,
  type ReferencesNode,
  type RenameColumnNode,
  type ReturningNode,
  type RootOperationNode,
  SchemableIdentifierNode,
  type SelectionNode,
  type SelectModifierNode,
  type SelectQueryNode,
  type SetOperationNode,
  type TopNode,
  TupleNode,
  type UnaryOperationNode,
  type UniqueConstraintNode,
  type UpdateQueryNode,
  type UsingNode,
  type ValueListNode,
  type ValueNode,
  type ValuesNode,
  type WhenNode,
  type WhereNode,
} from 'kysely'
import { checkCreatedTableName } from './created-table-name.js'
import { IrisInputError, IrisUnsupportedError } from './errors.js'
import { isIndexColumn } from './index-columns.js'
import { inlineCtes } from './inline-ctes.js'
import {
  booleanOperand,
  conditionAsValueError,
  isLeafValue,
  isPredicate,
  isValueExpression,
  refuseConditionAsValue,
} from './iris-conditions.js'
import { toIrisDataType } from './iris-data-types.js'
import type { IrisBulkInsertForm, IrisPaging } from './iris-dialect-config.js'
import { DEFAULT_SCHEMA } from './iris-metadata.js'
import { sanitizeDdlLiteral, sanitizeIrisIdentifier } from './iris-sql-text.js'
import { toIrisParameter } from './iris-values.js'
import { isPostgresJsonFunction, POSTGRES_JSON_CALL, refusePostgresJson } from './postgres-json.js'
import { withPlan } from './query-plan.js'
import { checkRowRuns, rowRuns } from './row-runs.js'
import { checkDeleteSecondFrom, checkUpdateSecondFrom } from './second-from.js'
import { tupleInCondition } from './tuple-in.js'
import { refuseUndocumentedWindow } from './window-functions.js'

export interface IrisQueryCompilerOptions {
  /** Row-limit syntax (docs/iris-sql.md#row-limits). Default `limit`. */
  readonly paging?: IrisPaging
  /** Multi-row insert form (docs/iris-sql.md#multi-row-inserts). Default `values`. */
  readonly bulkInsert?: IrisBulkInsertForm
}

/**
 * Statements whose text cannot carry parameters: literals are written into them
 * (docs/iris-sql.md#text-rewrites).
 */
const DDL_KINDS = new Set([
  'CreateTableNode',
  'AlterTableNode',
  'CreateIndexNode',
  'CreateViewNode',
  'CreateSchemaNode',
  'DropTableNode',
  'DropIndexNode',
  'DropViewNode',
  'DropSchemaNode',
])

/**
 * Operators with no IRIS equivalent, grouped by the reason given (docs/iris-sql.md#operators,
 * docs/iris-sql.md#distance-operators).
 */
const UNSUPPORTED_OPERATOR_GROUPS: ReadonlyArray<[operators: string[], reason: string]> = [
  [
    ['~', '~*', '!~', '!~*', 'regexp', 'similar to', 'not similar to'],
    'IRIS has no regular-expression operator; use %MATCHES or %PATTERN with sql`...`',
  ],
  [
    ['@>', '<@', '&&', '-|-'],
    'IRIS has no arrays, ranges or JSON containment; compare plain values (IN (...) for a list)',
  ],
  [
    ['?', '?&', '?|', '->', '->>', '#>', '#>>'],
    'IRIS has no JSON operators; read the JSON in the application',
  ],
  [['@@'], 'IRIS has no full-text match operator; use LIKE or %MATCHES with sql`...`'],
  [
    ['<->', '<=>', '<#>'],
    'IRIS has no vector distance operators; use the vector helpers (cosineSimilarity, dotProduct)',
  ],
]
const UNSUPPORTED_OPERATORS = new Map(
  UNSUPPORTED_OPERATOR_GROUPS.flatMap(([operators, reason]) =>
    operators.map((op) => [op, reason] as const),
  ),
)

/** `$n` in SQL text, which iris-pgwire renumbers (docs/iris-sql.md#placeholders). */
const PLACEHOLDER = /\$\d/

/**
 * pgvector's distance operators in SQL text: iris-pgwire rewrites some into IRIS similarities, which
 * sort the other way (docs/iris-sql.md#distance-operators).
 */
const DISTANCE_OPERATOR = /<=>|<#>|<->/

/**
 * Everything visitRaw refuses, found in one pass: most fragments (Kysely's own `desc`, most
 * sql`...` text) hold none of it.
 */
const SUSPECT_RAW = new RegExp(
  `::|${DISTANCE_OPERATOR.source}|${PLACEHOLDER.source}|${POSTGRES_JSON_CALL.source}`,
  'i',
)

/**
 * Row-locking modifiers: the simulator rejects them and IRIS support is unverified
 * (docs/iris-sql.md#ctes-window-functions-and-locking-reads).
 */
const LOCKING_MODIFIERS = new Set([
  'ForUpdate',
  'ForNoKeyUpdate',
  'ForShare',
  'ForKeyShare',
  'NoWait',
  'SkipLocked',
])

/**
 * The `OR UPDATE` action that turns `replace into` into IRIS's upsert (docs/iris-sql.md#upsert).
 */
const OR_UPDATE: OrActionNode = Object.freeze({ kind: 'OrActionNode', action: 'or update' })

/** Parents of a select that Kysely writes without parentheses around it. */
const UNWRAPPED_SUBQUERY_PARENTS = new Set([
  'ParensNode',
  'InsertQueryNode',
  'CreateTableNode',
  'CreateViewNode',
])

/** Marks a synthetic TopNode whose row count is an expression (a parameter) or `all`. */
type TopCount = OperationNode | 'all'

/**
 * Kysely's DefaultQueryCompiler adapted to IRIS SQL through iris-pgwire. Each override cites the
 * section of docs/iris-sql.md it follows; anything IRIS cannot take is refused with
 * IrisUnsupportedError.
 */
export class IrisQueryCompiler extends DefaultQueryCompiler {
  readonly #paging: IrisPaging
  readonly #bulkInsert: IrisBulkInsertForm
  readonly #topCounts = new WeakMap<TopNode, TopCount>()
  /**
   * The statement uses TOP (and %VID) for every limit (docs/iris-sql.md#row-limits): from the
   * start under `paging: 'top'`, else once a limited subquery was found (see compileQuery).
   */
  #topStyle = false
  /** The statement is DDL: literals are written into the text (docs/iris-sql.md#text-rewrites). */
  #ddl = false
  #rootVidPaged = false

  constructor(options: IrisQueryCompilerOptions = {}) {
    super()
    this.#paging = options.paging ?? 'limit'
    this.#bulkInsert = options.bulkInsert ?? 'values'
  }

  /**
   * One limit style per statement: a limited subquery makes the whole statement TOP
   * (docs/iris-sql.md#row-limits). Under `paging: 'limit'` a statement is written with LIMIT, and
   * written again with TOP when its visit meets a limited subquery, so that no statement walks its
   * tree beforehand to find one.
   */
  override compileQuery(node: RootOperationNode, queryId: QueryId): CompiledQuery {
    try {
      return this.#compile(node, queryId, this.#paging === 'top')
    } catch (error) {
      if (error !== LIMITED_SUBQUERY) throw error
      return this.#compile(node, queryId, true)
    }
  }

  #compile(node: RootOperationNode, queryId: QueryId, topStyle: boolean): CompiledQuery {
    this.#ddl = DDL_KINDS.has(node.kind)
    this.#topStyle = topStyle
    this.#rootVidPaged = false
    // What the connection needs of this query rides along with it (./query-plan.ts).
    return withPlan(super.compileQuery(node, queryId), this.#rootVidPaged)
  }

  // ---- Row limits (docs/iris-sql.md#row-limits, docs/iris-sql.md#vid-paging) ----

  protected override visitSelectQuery(node: SelectQueryNode): void {
    // iris-pgwire tells statements apart by their first word, and one that starts with WITH loses
    // its rows, so CTEs become derived tables, here and in INSERT, UPDATE and DELETE below
    // (docs/iris-sql.md#describe-and-statements-without-rowdescription).
    if (node.with) {
      this.visitSelectQuery(inlineCtes(node))
      return
    }
    if (node.fetch) this.visitFetch(node.fetch)
    const { limit, offset } = node
    // A TOP the compiler wrote itself (a %VID page's inner select) limits nothing.
    const limited = limit || offset || (node.top && !this.#topCounts.has(node.top))
    if (limited && !this.#topStyle && this.parentNode !== undefined) throw LIMITED_SUBQUERY
    if (!limit && !offset) {
      super.visitSelectQuery(node)
      return
    }
    if (node.top) {
      throw new IrisUnsupportedError(
        'top() and limit()/offset() cannot be combined: IRIS refuses mixed TOP/LIMIT (SQLCODE -386); use either top() or limit()/offset()',
      )
    }
    if (offset && (!limit || this.#topStyle)) {
      this.#compileVidPage(node, limit, offset)
      return
    }
    if (!this.#topStyle) {
      super.visitSelectQuery(node)
      return
    }
    if (node.setOperations) {
      throw new IrisUnsupportedError(
        "limit() on a union/intersect/except cannot be written with TOP; select from it as a subquery: db.selectFrom(q.as('u')).selectAll().limit(n)",
      )
    }
    super.visitSelectQuery({ ...node, limit: undefined, top: this.#top(limit?.limit ?? 'all') })
  }

  /**
   * `SELECT *, %VID FROM (SELECT TOP ALL ... ORDER BY ...) WHERE %VID ...`
   * (docs/iris-sql.md#vid-paging).
   */
  #compileVidPage(
    node: SelectQueryNode,
    limit: LimitNode | undefined,
    offset: NonNullable<SelectQueryNode['offset']>,
  ): void {
    if (node.setOperations) {
      throw new IrisUnsupportedError(
        "offset() on a union/intersect/except cannot be paged with %VID; select from it as a subquery: db.selectFrom(q.as('u')).selectAll().offset(n)",
      )
    }
    const parent = this.parentNode
    const wrap = parent !== undefined && !UNWRAPPED_SUBQUERY_PARENTS.has(parent.kind)
    if (parent === undefined) this.#rootVidPaged = true
    if (wrap) this.append('(')
    // At the root, the documented form; the driver drops the trailing %VID column. In a subquery an
    // extra column would change its shape (`in (...)`, derived tables), and `*` does not include
    // %VID (docs/iris-sql.md#vid-paging), so it is named only in WHERE.
    this.append(parent === undefined ? 'select *, %VID from ' : 'select * from ')
    const inner: SelectQueryNode = {
      ...node,
      limit: undefined,
      offset: undefined,
      top: this.#top('all'),
    }
    this.visitNode(ParensNode.create(inner))
    this.append(' where %VID ')
    const start = numericValue(offset.offset)
    const count = limit ? numericValue(limit.limit) : undefined
    if (!limit) {
      this.append('> ')
      this.visitNode(offset.offset)
    } else if (start !== undefined && count !== undefined) {
      this.append('between ')
      this.appendValue(toNumberIfSafe(start + 1n))
      this.append(' and ')
      this.appendValue(toNumberIfSafe(start + count))
    } else {
      this.append('> ')
      this.visitNode(offset.offset)
      this.append(' and %VID <= ')
      this.visitNode(offset.offset)
      this.append(' + ')
      this.visitNode(limit.limit)
    }
    if (wrap) this.append(')')
  }

  #top(count: TopCount): TopNode {
    const node: TopNode = Object.freeze({ kind: 'TopNode', expression: 0 })
    this.#topCounts.set(node, count)
    return node
  }

  protected override visitTop(node: TopNode): void {
    if (node.modifiers) {
      throw new IrisUnsupportedError(`TOP ... ${node.modifiers} is not IRIS SQL; use top(n)`)
    }
    const count = this.#topCounts.get(node)
    if (count === 'all') {
      this.append('top all')
      return
    }
    this.append('top ')
    if (count) this.visitNode(count)
    else this.appendValue(node.expression)
  }

  protected override visitLimit(node: LimitNode): void {
    if (this.parentNode?.kind !== 'SelectQueryNode') {
      throw new IrisUnsupportedError(
        'IRIS UPDATE and DELETE take no LIMIT; restrict the rows with where()',
      )
    }
    super.visitLimit(node)
  }

  protected override visitOrderBy(node: OrderByNode): void {
    const parent = this.parentNode?.kind
    if (parent === 'DeleteQueryNode' || parent === 'UpdateQueryNode') {
      throw new IrisUnsupportedError(
        'IRIS UPDATE and DELETE take no ORDER BY; restrict the rows with where()',
      )
    }
    super.visitOrderBy(node)
  }

  protected override visitFetch(_node: FetchNode): void {
    throw new IrisUnsupportedError(
      'fetch() is not used with IRIS: TOP/LIMIT/FETCH cannot be mixed; use limit()',
    )
  }

  // ---- Values and literals (docs/iris-sql.md#placeholders, docs/iris-sql.md#text-rewrites,
  // docs/iris-sql.md#parameter-re-typing, docs/iris-sql.md#dates-and-times,
  // docs/iris-sql.md#booleans) ----

  protected override appendValue(value: unknown): void {
    super.appendValue(toIrisParameter(value))
  }

  protected override appendImmediateValue(value: unknown): void {
    if (typeof value === 'boolean') {
      this.append(value ? '1' : '0')
      return
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new IrisInputError(`${value} cannot be written into IRIS SQL; use a finite number`)
    }
    if (typeof value === 'string' && !this.#ddl) {
      throw new IrisInputError(
        'a string literal (sql.lit / eb.lit) would be written into the SQL text, which iris-pgwire rewrites; pass it as a parameter instead (sql.val / eb.val)',
      )
    }
    if (value instanceof Date) {
      throw new IrisInputError(
        'a Date cannot be written into SQL text, where iris-pgwire rewrites quoted dates; pass it as a parameter',
      )
    }
    super.appendImmediateValue(value)
  }

  protected override sanitizeStringLiteral(value: string): string {
    return sanitizeDdlLiteral(value)
  }

  protected override sanitizeIdentifier(identifier: string): string {
    return sanitizeIrisIdentifier(identifier)
  }

  protected override visitRaw(node: RawNode): void {
    for (const fragment of node.sqlFragments) {
      if (SUSPECT_RAW.test(fragment)) refuseRawFragment(fragment)
    }
    super.visitRaw(node)
  }

  // ---- Operators (docs/iris-sql.md#collation, docs/iris-sql.md#operators) ----

  protected override visitBinaryOperation(node: BinaryOperationNode): void {
    const operator = OperatorNode.is(node.operator) ? node.operator.operator : undefined
    if (operator === 'is' || operator === 'is not') {
      const truth = booleanOperand(node.rightOperand)
      if (truth !== undefined) {
        this.#compileIsBoolean(node.leftOperand, operator === 'is', truth)
        return
      }
    }
    if (
      (operator === 'between' || operator === 'between symmetric') &&
      AndNode.is(node.rightOperand)
    ) {
      this.#compileBetween(node.leftOperand, operator, node.rightOperand)
      return
    }
    if (isPredicate(node.leftOperand) || isPredicate(node.rightOperand))
      throw conditionAsValueError(`an operand of '${operator ?? 'an operator'}'`)
    if (operator === 'in' || operator === 'not in') {
      const list = node.rightOperand as { kind: string; values?: readonly unknown[] }
      // An empty IN () is a syntax error in IRIS (docs/iris-sql.md#operators): write the
      // condition's value instead.
      if (
        (list.kind === 'PrimitiveValueListNode' || list.kind === 'ValueListNode') &&
        list.values?.length === 0
      ) {
        this.append(operator === 'in' ? '1 = 0' : '1 = 1')
        return
      }
      if (TupleNode.is(node.leftOperand)) {
        this.visitNode(tupleInCondition(node.leftOperand, node.rightOperand, operator === 'in'))
        return
      }
    }
    if (operator === 'ilike' || operator === 'not ilike') {
      // No ILIKE in IRIS: LOWER on both sides makes LIKE case-insensitive under any collation
      // (docs/iris-sql.md#collation).
      this.append('lower(')
      this.visitNode(node.leftOperand)
      this.append(operator === 'ilike' ? ') like lower(' : ') not like lower(')
      this.visitNode(node.rightOperand)
      this.append(')')
      return
    }
    const reason = operator === undefined ? undefined : UNSUPPORTED_OPERATORS.get(operator)
    if (reason) throw new IrisUnsupportedError(`operator '${operator}': ${reason}`)
    super.visitBinaryOperation(node)
  }

  /**
   * `x BETWEEN a AND b`. Kysely holds the bounds in an AndNode, which is two values, not two
   * conditions: visitAnd would compare each with 1. IRIS has no BETWEEN SYMMETRIC
   * (docs/iris-sql.md#operators).
   */
  #compileBetween(operand: OperationNode, operator: string, bounds: AndNode): void {
    if (operator === 'between symmetric') {
      throw new IrisUnsupportedError(
        "'between symmetric' is not IRIS SQL, whose BETWEEN needs the lower bound first: order the bounds, or match either order with eb.or([eb.between(x, a, b), eb.between(x, b, a)])",
      )
    }
    for (const value of [operand, bounds.left, bounds.right]) {
      if (isPredicate(value)) throw conditionAsValueError("an operand of 'between'")
    }
    this.visitNode(operand)
    this.append(' between ')
    this.visitNode(bounds.left)
    this.append(' and ')
    this.visitNode(bounds.right)
  }

  /**
   * A tuple is not an IRIS value (docs/iris-sql.md#operators): the one form written without it,
   * `(a, b) in ((1, 2), ...)`, never reaches here (see tupleInCondition).
   */
  protected override visitTuple(_node: TupleNode): void {
    throw new IrisUnsupportedError(
      "a tuple (eb.tuple, eb.refTuple) is not IRIS SQL outside 'in' / 'not in' with a list of tuples; compare the values one by one",
    )
  }

  /**
   * `x IS [NOT] TRUE/FALSE` is not IRIS SQL: a BIT holds 1, 0 or NULL (docs/iris-sql.md#booleans).
   * IS TRUE is `x = 1`; IS NOT TRUE also holds for NULL, so it is `(x IS NULL OR x <> 1)`. A
   * predicate is not a value in IRIS, so it cannot be compared; it is refused.
   */
  #compileIsBoolean(operand: OperationNode, is: boolean, truth: boolean): void {
    if (!isValueExpression(operand)) {
      throw new IrisUnsupportedError(
        `'is ${is ? '' : 'not '}${truth}' on a condition is not IRIS SQL, where conditions are not values: write the condition itself (where(cond)) or its negation (where(eb.not(cond)))`,
      )
    }
    const bit = truth ? '1' : '0'
    if (is) {
      this.#visitValue(operand)
      this.append(` = ${bit}`)
      return
    }
    this.append('(')
    this.#visitValue(operand)
    this.append(' is null or ')
    this.#visitValue(operand)
    this.append(` <> ${bit})`)
  }

  /** A value before a comparison: parenthesised unless it is a single name or value. */
  #visitValue(node: OperationNode): void {
    this.visitNode(isLeafValue(node) ? node : ParensNode.create(node))
  }

  // ---- Conditions (docs/iris-sql.md#booleans): IRIS has no boolean values, so a value used where
  // a condition goes (a BIT column, eb.lit(true), a CASE that yields true/false) is compared with
  // 1. ----

  #visitCondition(node: OperationNode): void {
    if (!isValueExpression(node)) {
      this.visitNode(node)
      return
    }
    this.#visitValue(node)
    this.append(' = 1')
  }

  protected override visitWhere(node: WhereNode): void {
    this.append('where ')
    this.#visitCondition(node.where)
  }

  protected override visitHaving(node: HavingNode): void {
    this.append('having ')
    this.#visitCondition(node.having)
  }

  protected override visitOn(node: OnNode): void {
    this.append('on ')
    this.#visitCondition(node.on)
  }

  protected override visitAnd(node: AndNode): void {
    this.#visitCondition(node.left)
    this.append(' and ')
    this.#visitCondition(node.right)
  }

  protected override visitOr(node: OrNode): void {
    this.#visitCondition(node.left)
    this.append(' or ')
    this.#visitCondition(node.right)
  }

  protected override visitUnaryOperation(node: UnaryOperationNode): void {
    if (!OperatorNode.is(node.operator) || node.operator.operator !== 'not') {
      super.visitUnaryOperation(node)
      return
    }
    if (!isValueExpression(node.operand)) {
      super.visitUnaryOperation(node)
      return
    }
    this.append('not (')
    this.#visitCondition(node.operand)
    this.append(')')
  }

  protected override visitCase(node: CaseNode): void {
    refuseConditionAsValue(node.else, "a CASE's ELSE")
    super.visitCase(node)
  }

  protected override visitColumnUpdate(node: ColumnUpdateNode): void {
    refuseConditionAsValue(node.value, 'a value to SET')
    super.visitColumnUpdate(node)
  }

  /** An INSERT's row or an IN list. */
  protected override visitValueList(node: ValueListNode): void {
    for (const value of node.values) refuseConditionAsValue(value, 'a listed value')
    super.visitValueList(node)
  }

  /** A searched CASE's WHEN takes a condition; a simple CASE's (`CASE x WHEN v`) takes a value. */
  protected override visitWhen(node: WhenNode): void {
    refuseConditionAsValue(node.result, "a CASE's THEN")
    if ((this.parentNode as CaseNode | undefined)?.value !== undefined) {
      super.visitWhen(node)
      return
    }
    this.append('when ')
    this.#visitCondition(node.condition)
    if (node.result) {
      this.append(' then ')
      this.visitNode(node.result)
    }
  }

  /**
   * A condition selected as a column (`eb.exists(...)`, `eb('a', '=', 1)`) has no value in IRIS:
   * it becomes `CASE WHEN p THEN 1 WHEN NOT (p) THEN 0 END`, a BIT-like 1, 0 or NULL
   * (docs/iris-sql.md#booleans).
   */
  protected override visitSelection(node: SelectionNode): void {
    const aliased = node.selection.kind === 'AliasNode' ? (node.selection as AliasNode) : undefined
    const expression = aliased ? aliased.node : node.selection
    if (!isPredicate(expression)) {
      super.visitSelection(node)
      return
    }
    this.append('case when ')
    this.visitNode(expression)
    this.append(' then 1 when not (')
    this.visitNode(expression)
    this.append(') then 0 end')
    if (aliased) {
      this.append(' as ')
      this.visitNode(aliased.alias)
    }
  }

  /**
   * IRIS joins are CROSS, [INNER], LEFT, RIGHT and FULL (and NATURAL): no LATERAL and no APPLY
   * (docs/iris-sql.md#joins).
   */
  protected override visitJoin(node: JoinNode): void {
    if (node.joinType.startsWith('Lateral') || node.joinType.endsWith('Apply'))
      throw new IrisUnsupportedError(
        `${node.joinType} is not IRIS SQL, whose joins cannot read the columns of the tables before them (no LATERAL or APPLY); select the correlated value with a subquery in the select list, or join a derived table on a condition`,
      )
    super.visitJoin(node)
  }

  /**
   * An IRIS aggregate is `fn([ALL | DISTINCT [BY (cols)]] x [%FOREACH (cols)] [%AFTERHAVING])`: no
   * FILTER and no WITHIN GROUP clause. Aggregates ignore NULLs, so a CASE without ELSE filters
   * (docs/iris-sql.md#functions). OVER follows docs/iris-sql.md#window-functions.
   */
  protected override visitAggregateFunction(node: AggregateFunctionNode): void {
    if (isPostgresJsonFunction(node.func)) refusePostgresJson(node.func)
    if (node.aggregated.some(isPredicate))
      throw conditionAsValueError(`an argument of ${node.func}`)
    if (node.filter)
      throw new IrisUnsupportedError(
        `${node.func}(...) filterWhere() is not IRIS SQL: IRIS aggregates take no FILTER clause. Aggregate a CASE instead, which drops the other rows as NULLs: sql\`${node.func}(case when <condition> then <value> end)\``,
      )
    if (node.aggregated.some(isTableStar))
      throw new IrisUnsupportedError(
        `${node.func}(table.*) (countAll('table')) is not IRIS SQL, where an aggregate takes * or a value: use countAll() for every row, or count a column of that table that is never NULL, such as its primary key, for the rows it contributes`,
      )
    if (node.withinGroup)
      throw new IrisUnsupportedError(
        `${node.func}(...) withinGroupOrderBy() is not IRIS SQL: IRIS aggregates take no WITHIN GROUP clause; order the rows in a subquery or in the application`,
      )
    if (node.over) refuseUndocumentedWindow(node, this.nodeStack.slice(0, -1))
    super.visitAggregateFunction(node)
  }

  /**
   * `= ANY (subquery)` is IRIS SQL; ANY over an array is not, as IRIS has no arrays
   * (docs/iris-sql.md#operators). Kysely writes `any((select ...))`, a subquery in parentheses
   * inside the call's.
   */
  protected override visitFunction(node: FunctionNode): void {
    if (isPostgresJsonFunction(node.func)) refusePostgresJson(node.func)
    if (node.arguments.some(isPredicate)) throw conditionAsValueError(`an argument of ${node.func}`)
    if (node.func.toLowerCase() !== 'any') {
      super.visitFunction(node)
      return
    }
    const [subquery, ...rest] = node.arguments
    if (subquery?.kind !== 'SelectQueryNode' || rest.length > 0) {
      throw new IrisUnsupportedError(
        "eb.fn.any() over a list or array is not IRIS SQL, which has no arrays; use the 'in' operator with a list, or eb.fn.any() over a subquery",
      )
    }
    this.append('any ')
    this.visitNode(subquery)
  }

  /**
   * IRIS collates NULL lowest and has no NULLS FIRST / LAST (docs/iris-sql.md#collation): the
   * order IRIS gives anyway is written without the clause, the other one is refused.
   */
  protected override visitOrderByItem(node: OrderByItemNode): void {
    if (node.nulls === undefined) {
      super.visitOrderByItem(node)
      return
    }
    const descending = isDescending(node.direction)
    if ((node.nulls === 'first') === descending) {
      throw new IrisUnsupportedError(
        `NULLS ${node.nulls.toUpperCase()} is not IRIS SQL, and IRIS sorts NULLs ${descending ? 'last in descending' : 'first in ascending'} order; select a key such as sql\`case when x is null then 1 else 0 end\`.as('x_null') and order by it first`,
      )
    }
    super.visitOrderByItem({ ...node, nulls: undefined })
  }

  // ---- SELECT features (docs/iris-sql.md#distinct-by,
  // docs/iris-sql.md#ctes-window-functions-and-locking-reads) ----

  protected override compileDistinctOn(expressions: readonly OperationNode[]): void {
    // IRIS spells DISTINCT ON as DISTINCT BY (docs/iris-sql.md#distinct-by).
    this.append('distinct by (')
    this.compileList(expressions)
    this.append(')')
  }

  /**
   * IRIS documents UNION [ALL] and INTERSECT, which removes duplicates, and no INTERSECT ALL;
   * EXCEPT is [unverified], so it is refused (docs/iris-sql.md#set-operations).
   */
  protected override visitSetOperation(node: SetOperationNode): void {
    if (node.operator === 'except') {
      throw new IrisUnsupportedError(
        "except() is refused: IRIS support for EXCEPT is unverified; filter the first query with where(eb.not(eb.exists(...))) or 'not in'",
      )
    }
    if (node.operator === 'intersect' && node.all) {
      throw new IrisUnsupportedError(
        'INTERSECT ALL is not IRIS SQL, whose INTERSECT removes duplicates; use intersect()',
      )
    }
    super.visitSetOperation(node)
  }

  protected override visitSelectModifier(node: SelectModifierNode): void {
    if (node.modifier && LOCKING_MODIFIERS.has(node.modifier)) {
      throw new IrisUnsupportedError(
        `${node.modifier} (FOR UPDATE / FOR SHARE / NOWAIT / SKIP LOCKED) is refused rather than dropped: IRIS support is unverified; lock with a transaction or LOCK TABLE`,
      )
    }
    super.visitSelectModifier(node)
  }

  // ---- INSERT / UPDATE / DELETE (docs/iris-sql.md#returning-and-last_identity,
  // docs/iris-sql.md#upsert, docs/iris-sql.md#multi-row-inserts) ----

  protected override visitInsertQuery(node: InsertQueryNode): void {
    if (node.with) {
      this.visitInsertQuery(inlineCtes(node))
      return
    }
    if (node.top)
      throw new IrisUnsupportedError('INSERT TOP is not IRIS SQL; limit the source query instead')
    if (node.orAction && node.orAction !== OR_UPDATE) {
      throw new IrisUnsupportedError(
        `INSERT ${node.orAction.action.toUpperCase()} is not IRIS SQL; use db.replaceInto(table), which compiles to INSERT OR UPDATE`,
      )
    }
    const runs = rowRuns(node)
    if (runs.length > 1) this.#checkRowRuns(node)
    // Rows naming different columns: the statement as Kysely writes it, DEFAULT where a row lacks
    // a column, which the connection never sends: it sends one INSERT per run of rows naming the
    // same columns, as it sends a chunked insert (./row-runs.ts,
    // docs/iris-sql.md#multi-row-inserts).
    const insert = runs.length > 1 ? node : (runs[0] as InsertQueryNode)
    // db.replaceInto(t) → INSERT OR UPDATE INTO t: updates the row whose unique key matches
    // (docs/iris-sql.md#upsert).
    super.visitInsertQuery(
      insert.replace ? { ...insert, replace: false, orAction: OR_UPDATE } : insert,
    )
  }

  /** Refuses rows naming different columns where one INSERT per run would not do the same. */
  #checkRowRuns(node: InsertQueryNode): void {
    if (this.parentNode !== undefined) {
      throw new IrisUnsupportedError(
        'an insert inside another statement cannot have rows that name different columns: kysely-iris sends such rows as one INSERT per run of rows naming the same columns; give every row the same columns (null, or the default value, where a row has none)',
      )
    }
    checkRowRuns(node)
  }

  protected override visitValues(node: ValuesNode): void {
    if (this.#bulkInsert === 'values' || node.values.length < 2) {
      super.visitValues(node)
      return
    }
    // Fallback form with no multi-row VALUES: INSERT INTO t (cols) SELECT ... UNION ALL SELECT ...
    // (docs/iris-sql.md#multi-row-inserts).
    node.values.forEach((row, index) => {
      if (index > 0) this.append(' union all ')
      this.append('select ')
      if (row.kind === 'PrimitiveValueListNode') {
        row.values.forEach((value, i) => {
          if (i > 0) this.append(', ')
          this.appendValue(value)
        })
        return
      }
      this.compileList(row.values)
    })
  }

  protected override visitReturning(_node: ReturningNode): void {
    throw new IrisUnsupportedError(
      "returning() is not possible on IRIS: RETURNING is not in its grammar. For the generated id of a single-row insert use the result's insertId (dialect option insertId, on by default); otherwise select the rows afterwards",
    )
  }

  protected override visitOutput(_node: OutputNode): void {
    throw new IrisUnsupportedError(
      "OUTPUT is not IRIS SQL; use the result's insertId or select the rows afterwards",
    )
  }

  protected override visitOnConflict(_node: OnConflictNode): void {
    throw new IrisUnsupportedError(
      'onConflict() is not possible on IRIS, which has no ON CONFLICT; use db.replaceInto(table), which compiles to INSERT OR UPDATE',
    )
  }

  protected override visitOnDuplicateKey(_node: OnDuplicateKeyNode): void {
    throw new IrisUnsupportedError(
      'onDuplicateKeyUpdate() is not IRIS SQL; use db.replaceInto(table), which compiles to INSERT OR UPDATE',
    )
  }

  protected override visitDeleteQuery(node: DeleteQueryNode): void {
    if (node.with) {
      this.visitDeleteQuery(inlineCtes(node))
      return
    }
    checkDeleteSecondFrom(node)
    if (node.top)
      throw new IrisUnsupportedError(
        'DELETE TOP is not supported by kysely-iris; restrict the rows with where()',
      )
    super.visitDeleteQuery(node)
  }

  protected override visitUpdateQuery(node: UpdateQueryNode): void {
    if (node.with) {
      this.visitUpdateQuery(inlineCtes(node))
      return
    }
    if (node.top)
      throw new IrisUnsupportedError(
        'UPDATE TOP is not supported by kysely-iris; restrict the rows with where()',
      )
    checkUpdateSecondFrom(node)
    super.visitUpdateQuery(node)
  }

  /** DELETE's `using()` tables are IRIS's second FROM (docs/iris-sql.md#delete-and-update-with-a-second-from). */
  protected override visitUsing(node: UsingNode): void {
    this.append('from ')
    this.compileList(node.tables)
  }

  protected override visitMergeQuery(_node: MergeQueryNode): void {
    throw new IrisUnsupportedError(
      'MERGE is not IRIS SQL; use db.replaceInto(table), which compiles to INSERT OR UPDATE',
    )
  }

  protected override visitExplain(_node: ExplainNode): void {
    throw new IrisUnsupportedError(
      "explain() is not supported through iris-pgwire; use the IRIS Management Portal's Show Plan",
    )
  }

  protected override visitJSONReference(): void {
    throw new IrisUnsupportedError(
      'JSON references (->, ->>) are not IRIS SQL; read the JSON in the application',
    )
  }

  protected override visitCollate(): void {
    throw new IrisUnsupportedError(
      'COLLATE is not IRIS SQL; use %EXACT(x) or %SQLUPPER(x) with sql`...`',
    )
  }

  // ---- DDL (docs/iris-sql.md#ddl) ----

  protected override visitCreateTable(node: CreateTableNode): void {
    if (node.temporary)
      throw new IrisUnsupportedError(
        'temporary() tables are not supported by kysely-iris; create an ordinary table and drop it when done',
      )
    if (node.onCommit)
      throw new IrisUnsupportedError('ON COMMIT is not IRIS DDL; remove onCommit()')
    checkCreatedTableName(node)
    super.visitCreateTable(node)
  }

  /** A column's check() and a table's addCheckConstraint() alike (docs/iris-sql.md#create-and-drop). */
  protected override visitCheckConstraint(): void {
    throw new IrisUnsupportedError(
      'CHECK constraints are not supported by IRIS; check the values in the application',
    )
  }

  protected override visitAlterTable(node: AlterTableNode): void {
    if (node.setSchema)
      throw new IrisUnsupportedError(
        'ALTER TABLE ... SET SCHEMA is not IRIS DDL; create the table in the other schema and copy the rows (INSERT ... SELECT)',
      )
    if (node.renameConstraint)
      throw new IrisUnsupportedError(
        'ALTER TABLE ... RENAME CONSTRAINT is not IRIS DDL; drop the constraint and add it again under the new name',
      )
    if (node.renameTo) {
      // IRIS: ALTER TABLE t RENAME name, without TO (docs/iris-sql.md#alter-table).
      this.append('alter table ')
      this.visitNode(node.table)
      this.append(' rename ')
      this.visitNode(node.renameTo)
      return
    }
    super.visitAlterTable(node)
  }

  protected override visitDropColumn(node: DropColumnNode): void {
    refuseDropColumnIfExists(node)
    super.visitDropColumn(node)
  }

  /**
   * IRIS's ALTER TABLE takes one action: several columns are added as `add column a t, column b t`
   * and dropped as `drop column a, column b`, and other actions go one per statement
   * (docs/iris-sql.md#alter-table).
   */
  protected override compileColumnAlterations(
    alterations: readonly AlterTableColumnAlterationNode[],
  ): void {
    const [first, ...rest] = alterations
    if (!first || rest.length === 0) {
      super.compileColumnAlterations(alterations)
      return
    }
    const { kind } = first
    if (
      (kind !== 'AddColumnNode' && kind !== 'DropColumnNode') ||
      rest.some((a) => a.kind !== kind)
    )
      throw new IrisUnsupportedError(
        "IRIS's ALTER TABLE takes one action per statement: several addColumn() or several dropColumn() calls go together, anything else needs an alterTable() of its own; split the alterTable() chain",
      )
    this.visitNode(first)
    for (const alteration of rest as (AddColumnNode | DropColumnNode)[]) {
      if (alteration.kind === 'DropColumnNode') refuseDropColumnIfExists(alteration)
      this.append(', column ')
      this.visitNode(alteration.column)
    }
  }

  /** IRIS constraints take no DEFERRABLE or INITIALLY clause (docs/iris-sql.md#alter-table). */
  protected override buildDeferrable(node: {
    deferrable?: boolean
    initiallyDeferred?: boolean
  }): void {
    if (node.deferrable !== undefined || node.initiallyDeferred !== undefined)
      throw new IrisUnsupportedError(
        'DEFERRABLE and INITIALLY DEFERRED / IMMEDIATE are not IRIS DDL, whose constraints take no such clause; remove deferrable(), notDeferrable(), initiallyDeferred() and initiallyImmediate()',
      )
  }

  protected override visitReferences(node: ReferencesNode): void {
    refuseRestrict(node)
    super.visitReferences(node)
  }

  protected override visitForeignKeyConstraint(node: ForeignKeyConstraintNode): void {
    refuseRestrict(node)
    super.visitForeignKeyConstraint(node)
  }

  protected override visitUniqueConstraint(node: UniqueConstraintNode): void {
    if (node.nullsNotDistinct)
      throw new IrisUnsupportedError(
        'NULLS NOT DISTINCT is not IRIS DDL; remove nullsNotDistinct()',
      )
    super.visitUniqueConstraint(node)
  }

  /**
   * An IRIS index name belongs to its table: `DROP INDEX x ON s.t`, where `s.x` would name index x
   * of a table s (docs/iris-sql.md#create-and-drop). The schema goes on the table.
   */
  protected override visitDropIndex(node: DropIndexNode): void {
    if (node.cascade)
      throw new IrisUnsupportedError('DROP INDEX ... CASCADE is not IRIS DDL; remove cascade()')
    const { schema, identifier } = node.name
    if (!schema) {
      super.visitDropIndex(node)
      return
    }
    if (!node.table) {
      throw new IrisUnsupportedError(
        `dropIndex('${identifier.name}') in schema '${schema.name}' names no table: an IRIS index belongs to its table, and IRIS would read "${schema.name}"."${identifier.name}" as index ${identifier.name} of a table ${schema.name}; name the table: dropIndex('${identifier.name}').on('table')`,
      )
    }
    const table = node.table.table
    super.visitDropIndex({
      ...node,
      name: SchemableIdentifierNode.create(identifier.name),
      table: table.schema
        ? node.table
        : {
            ...node.table,
            table: SchemableIdentifierNode.createWithSchema(schema.name, table.identifier.name),
          },
    })
  }

  /**
   * iris-pgwire maps the schema `public` to IRIS's `SQLUser` only where the name after it is
   * unquoted, and the dialect quotes every name, so `public` is written as `SQLUser` here
   * (docs/iris-sql.md#the-public-schema), as the introspector reads it.
   */
  protected override visitSchemableIdentifier(node: SchemableIdentifierNode): void {
    if (node.schema?.name.toLowerCase() === 'public') {
      super.visitSchemableIdentifier(
        SchemableIdentifierNode.createWithSchema(DEFAULT_SCHEMA, node.identifier.name),
      )
      return
    }
    super.visitSchemableIdentifier(node)
  }

  protected override visitColumnDefinition(node: ColumnDefinitionNode): void {
    if (node.generated)
      throw new IrisUnsupportedError(
        'generated columns are not IRIS DDL; compute the value in SQL or in the application',
      )
    if (node.unsigned) throw new IrisUnsupportedError('unsigned() is not IRIS DDL; remove it')
    if (node.nullsNotDistinct)
      throw new IrisUnsupportedError(
        'NULLS NOT DISTINCT is not IRIS DDL; remove nullsNotDistinct()',
      )
    if (node.ifNotExists)
      throw new IrisUnsupportedError(
        'ADD COLUMN IF NOT EXISTS is not IRIS DDL; drop ifNotExists() or check db.introspection first',
      )
    // autoIncrement() and identity both become the IRIS IDENTITY keyword, right after the type
    // (docs/iris-sql.md#identity-columns).
    super.visitColumnDefinition(
      node.autoIncrement ? { ...node, autoIncrement: false, identity: true } : node,
    )
  }

  protected override visitDataType(node: DataTypeNode): void {
    this.append(toIrisDataType(node.dataType))
  }

  protected override visitCreateIndex(node: CreateIndexNode): void {
    if (node.ifNotExists) {
      throw new IrisUnsupportedError(
        'CREATE INDEX IF NOT EXISTS is not IRIS DDL; drop ifNotExists() or check db.introspection first',
      )
    }
    if (node.using)
      throw new IrisUnsupportedError(
        'using() index methods are not IRIS DDL; for HNSW use the vector index helper createHnswIndex',
      )
    if (node.where)
      throw new IrisUnsupportedError(
        'partial indexes (where) are not IRIS DDL; index the whole table',
      )
    if (node.nullsNotDistinct)
      throw new IrisUnsupportedError(
        'NULLS NOT DISTINCT is not IRIS DDL; remove nullsNotDistinct()',
      )
    if (!(node.columns ?? []).every(isIndexColumn))
      throw new IrisUnsupportedError(
        "an index on an expression is not IRIS DDL: IRIS indexes columns, and an index takes each column's collation; index the column itself with column()",
      )
    super.visitCreateIndex(node)
  }

  protected override visitCreateView(node: CreateViewNode): void {
    if (node.materialized) throw new IrisUnsupportedError('materialized views are not IRIS DDL')
    if (node.temporary) throw new IrisUnsupportedError('temporary views are not IRIS DDL')
    super.visitCreateView(node)
  }

  protected override visitRenameColumn(node: RenameColumnNode): void {
    // IRIS: ALTER TABLE t ALTER COLUMN c RENAME n (docs/iris-sql.md#alter-table).
    this.append('alter column ')
    this.visitNode(node.column)
    this.append(' rename ')
    this.visitNode(node.renameTo)
  }

  protected override visitAlterColumn(node: AlterColumnNode): void {
    if (node.dataTypeExpression)
      throw new IrisUnsupportedError(
        'ALTER COLUMN ... USING is not IRIS DDL; convert the values with an UPDATE',
      )
    if (node.setNotNull || node.dropNotNull) {
      // IRIS: ALTER COLUMN c NOT NULL / ALTER COLUMN c NULL, not SET / DROP NOT NULL (docs/iris-sql.md#alter-table).
      this.append('alter column ')
      this.visitNode(node.column)
      this.append(node.setNotNull ? ' not null' : ' null')
      return
    }
    super.visitAlterColumn(node)
  }

  /** IRIS writes `ALTER COLUMN c type`, without the TYPE keyword (docs/iris-sql.md#alter-table). */
  protected override announcesNewColumnDataType(): boolean {
    return false
  }

  protected override visitCreateType(): void {
    throw new IrisUnsupportedError('CREATE TYPE (enums) is not IRIS DDL; use a varchar column')
  }

  protected override visitDropType(): void {
    throw new IrisUnsupportedError(
      'DROP TYPE is not IRIS DDL, which has no user-defined types; remove the dropType() call',
    )
  }

  protected override visitDropView(node: DropViewNode): void {
    if (node.materialized) throw new IrisUnsupportedError('materialized views are not IRIS DDL')
    super.visitDropView(node)
  }

  protected override visitRefreshMaterializedView(): void {
    throw new IrisUnsupportedError('materialized views are not IRIS DDL')
  }
}

/**
 * IRIS's referential actions are NO ACTION, SET NULL, SET DEFAULT and CASCADE; RESTRICT is not
 * one of them (docs/iris-sql.md#foreign-keys).
 */
function refuseRestrict(node: ReferencesNode | ForeignKeyConstraintNode): void {
  for (const [clause, action] of [
    ['onDelete', node.onDelete],
    ['onUpdate', node.onUpdate],
  ] as const) {
    if (action === 'restrict')
      throw new IrisUnsupportedError(
        `${clause}('restrict') is not IRIS DDL, whose referential actions are NO ACTION, SET NULL, SET DEFAULT and CASCADE; use ${clause}('no action'), the default, which also refuses to change a row another row references`,
      )
  }
}

/** `t.*` as an aggregate's argument: Kysely's countAll('t'). */
function isTableStar(node: OperationNode): boolean {
  if (node.kind !== 'SelectionNode') return false
  const { selection } = node as SelectionNode
  return (
    selection.kind === 'ReferenceNode' &&
    (selection as ReferenceNode).column.kind === 'SelectAllNode'
  )
}

/**
 * Refuses SQL text that holds a `::` cast, a distance operator, a PostgreSQL JSON builder or a `$n`
 * (see visitRaw).
 */
function refuseRawFragment(fragment: string): never {
  const json = POSTGRES_JSON_CALL.exec(fragment)?.[1]
  if (json) refusePostgresJson(json)
  if (fragment.includes('::')) {
    throw new IrisUnsupportedError(
      `'::' casts reach IRIS unchanged and fail; write CAST(x AS type): ${fragment}`,
    )
  }
  const distance = DISTANCE_OPERATOR.exec(fragment)?.[0]
  if (distance) {
    throw new IrisUnsupportedError(
      `operator '${distance}' in SQL text: iris-pgwire rewrites it into an IRIS similarity, where higher is closer (a distance sort then returns the farthest rows first), or passes it to IRIS, which has no such operator; use the vector helpers (cosineSimilarity, dotProduct, nearestNeighbors): ${fragment}`,
    )
  }
  throw new IrisInputError(
    `'$n' in SQL text breaks iris-pgwire's placeholder numbering; interpolate the value instead: ${fragment}`,
  )
}

function refuseDropColumnIfExists(node: DropColumnNode): void {
  if (node.ifExists)
    throw new IrisUnsupportedError(
      'DROP COLUMN IF EXISTS is not IRIS DDL; drop ifExists() or check db.introspection first',
    )
}

/**
 * Thrown inside a LIMIT-style compile that meets a limited subquery: the statement is compiled
 * again in TOP style (IrisQueryCompiler.compileQuery).
 */
const LIMITED_SUBQUERY = Object.freeze(new Error('a limited subquery: compile again with TOP'))

/** True when an ORDER BY direction is DESC (Kysely writes it as raw `desc`). */
function isDescending(direction: OperationNode | undefined): boolean {
  if (direction?.kind !== 'RawNode') return false
  return (direction as RawNode).sqlFragments.join('').trim().toLowerCase() === 'desc'
}

/** The integer held by a plain (parameter) value node, as a bigint, else undefined. */
function numericValue(node: OperationNode): bigint | undefined {
  if (node.kind !== 'ValueNode') return undefined
  const { value } = node as ValueNode
  if (typeof value === 'bigint') return value
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value)
  return undefined
}

function toNumberIfSafe(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}
