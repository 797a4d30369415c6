import {
  AliasNode,
  type CommonTableExpressionNode,
  type DeleteQueryNode,
  type FromNode,
  IdentifierNode,
  type InsertQueryNode,
  type JoinNode,
  type OperationNode,
  OperationNodeTransformer,
  ParensNode,
  type QueryId,
  RawNode,
  SelectQueryNode,
  TableNode,
  type UpdateQueryNode,
  type WithNode,
} from 'kysely'
import { renameCteColumns } from './cte-column-list.js'
import { IrisUnsupportedError } from './errors.js'

/** The statements that can carry a WITH clause and reach the compiler. */
export type CteHost = SelectQueryNode | InsertQueryNode | UpdateQueryNode | DeleteQueryNode

/**
 * The statement with every non-recursive CTE written as a derived table at each place it is read:
 * `with a as (select ...) select * from a` becomes `select * from (select ...) as "a"`.
 * Through iris-pgwire a parameterized statement that starts with WITH returns no rows
 * (docs/iris-sql.md#describe-and-statements-without-rowdescription); a statement that starts with
 * SELECT does. What cannot be inlined faithfully is refused with IrisUnsupportedError
 * (docs/iris-sql.md#ctes-window-functions-and-locking-reads).
 */
export function inlineCtes<T extends CteHost>(node: T): T {
  return new CteInliner().transformNode(node)
}

interface InlinedCte {
  /** The CTE's name as declared, for messages. */
  readonly name: string
  /** What a reference is replaced with, before its alias. */
  readonly derivedTable: OperationNode
  referenced: boolean
}

/** Why a CTE's rows must come from somewhere else than a WITH clause, for every refusal. */
const INLINED =
  'kysely-iris writes each CTE as a derived table where it is read, because iris-pgwire returns no rows for a statement that starts with WITH'

class CteInliner extends OperationNodeTransformer {
  /**
   * The CTEs in scope, innermost WITH last, keyed by lower-cased name: IRIS names are
   * case-insensitive (docs/iris-sql.md#identifiers).
   */
  readonly #scopes: Map<string, InlinedCte>[] = []

  protected override transformSelectQuery(node: SelectQueryNode, queryId?: QueryId) {
    return this.#withCtes(node.with, queryId, () =>
      super.transformSelectQuery({ ...node, with: undefined }, queryId),
    )
  }

  protected override transformInsertQuery(node: InsertQueryNode, queryId?: QueryId) {
    return this.#withCtes(node.with, queryId, () =>
      super.transformInsertQuery({ ...node, with: undefined }, queryId),
    )
  }

  protected override transformUpdateQuery(node: UpdateQueryNode, queryId?: QueryId) {
    return this.#withCtes(node.with, queryId, () =>
      super.transformUpdateQuery({ ...node, with: undefined }, queryId),
    )
  }

  protected override transformDeleteQuery(node: DeleteQueryNode, queryId?: QueryId) {
    return this.#withCtes(node.with, queryId, () =>
      super.transformDeleteQuery({ ...node, with: undefined }, queryId),
    )
  }

  /** FROM items that name a CTE; a DELETE's FROM names its target, which is always a table. */
  protected override transformFrom(node: FromNode, queryId?: QueryId): FromNode {
    const from = super.transformFrom(node, queryId)
    if (this.nodeStack.at(-2)?.kind === 'DeleteQueryNode') return from
    return { ...from, froms: from.froms.map((item) => this.#inlineSource(item)) }
  }

  protected override transformJoin(node: JoinNode, queryId?: QueryId): JoinNode {
    const join = super.transformJoin(node, queryId)
    return { ...join, table: this.#inlineSource(join.table) }
  }

  /**
   * Transforms a statement with its WITH clause's CTEs in scope. Each CTE sees the ones declared
   * before it (a reference to itself or a later one names a table, as in SQL without RECURSIVE).
   */
  #withCtes<T>(
    withNode: WithNode | undefined,
    queryId: QueryId | undefined,
    transform: () => T,
  ): T {
    if (!withNode) return transform()
    if (withNode.recursive) {
      throw new IrisUnsupportedError(
        `withRecursive() cannot be sent to IRIS: ${INLINED}, a recursive CTE cannot be written as one, and IRIS is not known to run WITH RECURSIVE; walk the hierarchy one level per query (where parent_id in (...)), or store each row's path`,
      )
    }
    const scope = new Map<string, InlinedCte>()
    this.#scopes.push(scope)
    try {
      for (const cte of withNode.expressions) {
        const name = cte.name.table.table.identifier.name
        if (scope.has(name.toLowerCase())) {
          throw new IrisUnsupportedError(
            `two CTEs are named "${name}" in one with(), and IRIS names are case-insensitive; rename one`,
          )
        }
        const derivedTable = this.#derivedTable(name, cte, queryId)
        scope.set(name.toLowerCase(), { name, derivedTable, referenced: false })
      }
      const transformed = transform()
      for (const cte of scope.values()) {
        if (!cte.referenced) {
          throw new IrisUnsupportedError(
            `CTE "${cte.name}" is never read by selectFrom() or a join: ${INLINED}, and a reference inside sql\`...\` cannot be rewritten; read it with selectFrom('${cte.name}') or a join, or remove it`,
          )
        }
      }
      return transformed
    } finally {
      this.#scopes.pop()
    }
  }

  /** The CTE's body, with the CTEs in scope inlined, as it stands in place of a reference. */
  #derivedTable(name: string, cte: CommonTableExpressionNode, queryId?: QueryId): OperationNode {
    if (cte.materialized) {
      throw new IrisUnsupportedError(
        `CTE "${name}" is materialized(), which cannot be honoured: ${INLINED}, so it is evaluated at each reference; drop materialized(), or read its rows first and pass them as parameters`,
      )
    }
    const columns = cte.name.columns?.map((column) => column.column.name)
    const body = cte.expression
    if (SelectQueryNode.is(body)) {
      const select = this.transformNode(body, queryId)
      return columns ? renameCteColumns(name, select, columns) : select
    }
    if (RawNode.is(body) && !columns) return ParensNode.create(this.transformNode(body, queryId))
    throw new IrisUnsupportedError(
      RawNode.is(body)
        ? `CTE "${name}" is sql\`...\` with a column list, whose columns kysely-iris cannot rename: ${INLINED}; name the columns with AS inside the SQL and drop the column list`
        : `CTE "${name}" is not a select: ${INLINED}, and only a select can be one; run the insert, update or delete as its own statement first`,
    )
  }

  /** A FROM or JOIN item that reads a CTE in scope, replaced by its body under the reference's alias. */
  #inlineSource(item: OperationNode): OperationNode {
    const [table, alias] = AliasNode.is(item) ? [item.node, item.alias] : [item, undefined]
    // Only an unqualified name can read a CTE: `schema.name` is always a table.
    if (!TableNode.is(table) || table.table.schema) return item
    const name = table.table.identifier.name
    const cte = this.#lookUp(name)
    if (!cte) return item
    cte.referenced = true
    return AliasNode.create(cte.derivedTable, alias ?? IdentifierNode.create(name))
  }

  #lookUp(name: string): InlinedCte | undefined {
    const key = name.toLowerCase()
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const cte = this.#scopes[i]?.get(key)
      if (cte) return cte
    }
    return undefined
  }
}
