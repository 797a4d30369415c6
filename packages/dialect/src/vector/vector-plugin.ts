import {
  AliasNode,
  ColumnNode,
  IdentifierNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  ReferenceNode,
  type RootOperationNode,
  SelectAllNode,
  SelectQueryNode,
  TableNode,
  type UnknownRow,
} from 'kysely'
import { IrisConfigError } from '../errors.js'
import { parseVector } from './parse-vector.js'

export interface VectorPluginOptions {
  /** Result keys that hold a vector in every query, e.g. `['embedding']` (aliases included). */
  readonly columns?: readonly string[]
  /**
   * Vector columns per table, as codegen knows them: `{ items: ['embedding'] }` (or
   * `'SQLUser.items'`). A select reading one of these columns, by name, alias or `selectAll`, gets
   * it converted under whatever key it has; names compare case-insensitively
   * (docs/iris-sql.md#identifiers).
   */
  readonly tables?: Readonly<Record<string, readonly string[]>>
}

/**
 * Converts vector columns in result rows from IRIS's text (`0.1,0.2,…`,
 * docs/iris-sql.md#vector-results) to `number[]`. Without it a vector column is a string. Other
 * values (null, numbers) are left alone.
 *
 * ```ts
 * const db = new Kysely<DB>({ dialect, plugins: [new VectorPlugin({ tables: { items: ['embedding'] } })] })
 * ```
 */
export class VectorPlugin implements KyselyPlugin {
  readonly #columns: ReadonlySet<string>
  // Names are kept lower case and result keys compared lower-cased: IRIS names are case-insensitive
  // (docs/iris-sql.md#identifiers), and `selectAll` yields the column's own spelling.
  /** table name (with or without schema) → its vector column names */
  readonly #tables: ReadonlyMap<string, ReadonlySet<string>>
  readonly #keysByQuery = new WeakMap<QueryId, ReadonlySet<string>>()

  constructor(options: VectorPluginOptions) {
    const { columns = [], tables = {} } = options ?? {}
    const tableEntries = Object.entries(tables)
    if (
      !Array.isArray(columns) ||
      !columns.every((column) => typeof column === 'string' && column !== '')
    ) {
      throw new IrisConfigError('VectorPlugin `columns` must be a list of result column names')
    }
    if (
      !tableEntries.every(
        ([, names]) => Array.isArray(names) && names.every((name) => typeof name === 'string'),
      )
    ) {
      throw new IrisConfigError(
        "VectorPlugin `tables` must map a table name to its vector column names, e.g. { items: ['embedding'] }",
      )
    }
    if (columns.length === 0 && tableEntries.length === 0) {
      throw new IrisConfigError(
        'VectorPlugin needs `columns` or `tables`: name the vector columns to convert',
      )
    }
    this.#columns = new Set(columns.map((column) => column.toLowerCase()))
    this.#tables = new Map(
      tableEntries.map(([table, names]) => [
        table.toLowerCase(),
        new Set(names.map((name) => name.toLowerCase())),
      ]),
    )
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.#tables.size > 0 && SelectQueryNode.is(args.node)) {
      const keys = this.#vectorKeys(args.node)
      if (keys.size > 0) this.#keysByQuery.set(args.queryId, keys)
    }
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const selected = this.#keysByQuery.get(args.queryId)
    this.#keysByQuery.delete(args.queryId)
    const { rows } = args.result
    // Every row has the first row's keys, so the vector keys are found once.
    const vectorKeys = Object.keys(rows[0] ?? {}).filter((key) => {
      const name = key.toLowerCase()
      return this.#columns.has(name) || selected?.has(name)
    })
    for (const row of rows) {
      for (const key of vectorKeys) {
        const value = row[key]
        if (typeof value === 'string') row[key] = parseVector(value)
      }
    }
    return args.result
  }

  /** The result keys of a select that come from a known vector column. */
  #vectorKeys(node: SelectQueryNode): Set<string> {
    const tables = new Map<string, ReadonlySet<string>>() // name or alias in scope → vector columns
    for (const source of [
      ...(node.from?.froms ?? []),
      ...(node.joins ?? []).map((join) => join.table),
    ]) {
      this.#addSource(source, tables)
    }
    const keys = new Set<string>()
    const inScope = (table: TableNode | undefined): ReadonlySet<string>[] => {
      const found = table ? tables.get(table.table.identifier.name.toLowerCase()) : undefined
      return table ? (found ? [found] : []) : [...tables.values()]
    }
    for (const { selection } of node.selections ?? []) {
      const [reference, alias] = AliasNode.is(selection)
        ? [selection.node, selection.alias]
        : [selection, undefined]
      if (SelectAllNode.is(reference)) {
        // `selectAll()`: every vector column of every table in scope keeps its own name.
        for (const columns of tables.values()) for (const column of columns) keys.add(column)
        continue
      }
      const [table, column] = ReferenceNode.is(reference)
        ? [reference.table, reference.column]
        : ColumnNode.is(reference)
          ? [undefined, reference]
          : [undefined, undefined]
      if (!column) continue
      for (const columns of inScope(table)) {
        if (SelectAllNode.is(column)) {
          for (const name of columns) keys.add(name)
        } else if (columns.has(column.column.name.toLowerCase())) {
          keys.add(
            (alias && IdentifierNode.is(alias) ? alias.name : column.column.name).toLowerCase(),
          )
        }
      }
    }
    return keys
  }

  /** Registers a FROM/JOIN source under the name a reference would use (its alias, else its name). */
  #addSource(source: OperationNode, tables: Map<string, ReadonlySet<string>>): void {
    const [table, alias] = AliasNode.is(source) ? [source.node, source.alias] : [source, undefined]
    if (!TableNode.is(table)) return
    const name = table.table.identifier.name
    const schema = table.table.schema?.name
    const columns = this.#vectorColumnsOf(schema, name)
    if (!columns) return
    const scopeName = alias && IdentifierNode.is(alias) ? alias.name : name
    tables.set(scopeName.toLowerCase(), columns)
  }

  /**
   * `s.items` matches the option `s.items` or `items`; an unqualified `items` matches `items` or
   * any `schema.items`, since the server resolves it in the default schema
   * (docs/iris-sql.md#schemas).
   */
  #vectorColumnsOf(schema: string | undefined, name: string): ReadonlySet<string> | undefined {
    const table = name.toLowerCase()
    if (schema)
      return this.#tables.get(`${schema.toLowerCase()}.${table}`) ?? this.#tables.get(table)
    return (
      this.#tables.get(table) ?? [...this.#tables].find(([key]) => key.endsWith(`.${table}`))?.[1]
    )
  }
}
