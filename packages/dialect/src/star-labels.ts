import type { CompiledQuery, SelectQueryNode } from 'kysely'
import { ColumnCatalog, type ColumnNames, type ReadQuery } from './column-catalog.js'
import { IrisUnsupportedError } from './errors.js'
import { LabelCase } from './label-case.js'
import { refuseUnnamedStarColumns, type SelectedNames } from './result-labels.js'
import { type StarSources, type StarTable, starSources } from './star-sources.js'

/**
 * The row keys of results that select `*` / `t.*`, for one pool. iris-pgwire lower-cases every
 * result label (docs/iris-sql.md#iris-pgwire-result-quirks), and the names a `*` stands for are
 * not in the query: behind a front end that does, they are read from the catalog
 * (INFORMATION_SCHEMA.COLUMNS, docs/iris-sql.md#information_schema), cached per table and read
 * again once when a label is not in the cache. IRIS names are case-insensitive
 * (docs/iris-sql.md#identifiers), so a table's lower-case names map to one spelling each. Behind a
 * front end that keeps case nothing is read.
 */
export class StarLabels {
  readonly #case = new LabelCase()
  readonly #catalog = new ColumnCatalog()

  /**
   * The keys of a result's columns, by position: the selected names before the `*`, then the name
   * each later label stands for. `hasRows` false: no row carries a key, so nothing is read.
   */
  async keys(
    query: CompiledQuery,
    selected: SelectedNames,
    labels: readonly string[],
    hasRows: boolean,
    read: ReadQuery,
  ): Promise<readonly (string | undefined)[]> {
    refuseUnnamedStarColumns(labels, selected.names.length)
    if (!hasRows || !(await this.#case.lowercases(labels, read))) return selected.names
    const sources = starSources(query.query as SelectQueryNode)
    const cached = await this.#names(sources, read, false)
    if (labels.every((label, i) => i < selected.names.length || cached.has(label)))
      return starKeys(labels, selected.names, cached)
    // A label the cache does not know: the table changed since it was read (ALTER TABLE).
    return starKeys(labels, selected.names, await this.#names(sources, read, true))
  }

  /**
   * For a cursor, which holds its connection until it is closed: everything the keys need, read
   * before it opens (the catalog read afresh, since it cannot be read again midway). Undefined when
   * the front end keeps case.
   */
  async prepare(query: CompiledQuery, read: ReadQuery): Promise<StarNames | undefined> {
    if (!(await this.#case.probe(read))) return undefined
    return this.#names(starSources(query.query as SelectQueryNode), read, true)
  }

  /** Forgets the cached column names: DDL went through the pool. */
  forget(): void {
    this.#catalog.forget()
  }

  async #names(sources: StarSources, read: ReadQuery, fresh: boolean): Promise<StarNames> {
    const tables = await Promise.all(
      sources.tables.map((table) =>
        fresh ? this.#catalog.refresh(table, read) : this.#catalog.names(table, read),
      ),
    )
    return new StarNames(sources, tables)
  }
}

/** Two columns whose names differ only in case, which no lower-cased label can tell apart. */
const AMBIGUOUS = Symbol('ambiguous')

/** The names a `*` query's labels may stand for, by lower-case form. */
export class StarNames {
  readonly #byLabel = new Map<string, string | typeof AMBIGUOUS>()
  readonly #tables: readonly StarTable[]

  constructor(sources: StarSources, tables: readonly ColumnNames[]) {
    this.#tables = sources.tables
    for (const name of sources.names) this.#add(name)
    for (const names of tables) for (const name of names.values()) this.#add(name)
  }

  has(label: string): boolean {
    return this.#byLabel.has(label.toLowerCase())
  }

  /** The name `label` stands for; refused when none or several do. */
  nameOf(label: string): string {
    const name = this.#byLabel.get(label.toLowerCase())
    if (typeof name === 'string') return name
    throw new IrisUnsupportedError(
      name === AMBIGUOUS
        ? `the result label "${label}" of a \`*\` selection stands for columns whose names differ only in case, and the front end lower-cases result labels (iris-pgwire), so its key could not be restored; select those columns by name with distinct aliases`
        : `the result label "${label}" of a \`*\` selection is not a column of ${this.#describeTables()} in the catalog, and the front end lower-cases result labels (iris-pgwire), so its key could not be restored; select the columns by name, with an alias where the case matters`,
    )
  }

  #add(name: string): void {
    const key = name.toLowerCase()
    const known = this.#byLabel.get(key)
    this.#byLabel.set(key, known === undefined || known === name ? name : AMBIGUOUS)
  }

  #describeTables(): string {
    if (this.#tables.length === 0) return 'the query'
    return this.#tables
      .map(({ schema, table }) => (schema === undefined ? `"${table}"` : `"${schema}"."${table}"`))
      .join(', ')
  }
}

/** The selected names, then the name each later label stands for. */
export function starKeys(
  labels: readonly string[],
  named: readonly (string | undefined)[],
  names: StarNames,
): (string | undefined)[] {
  const keys: (string | undefined)[] = [...named]
  for (let i = named.length; i < labels.length; i++) keys.push(names.nameOf(labels[i] as string))
  return keys
}
