/**
 * Presents a statement's result as the chosen profile does (docs/iris-sql.md#simulator-profiles):
 * profile `iris` as result-shaping.ts says; `pgwire-1.0-dbapi` and `pgwire-1.0-embedded` present
 * them as that backend of iris-pgwire does (dbapi-results.ts, embedded-results.ts), `public` for `SQLUser` included
 * (public-schema-output.ts). Command tags of those two are the front end's (pgwire-front-end.ts).
 */
import type { Profile } from '../profiles.js'
import type { Plan } from '../translate/plan.js'
import type { RawResult } from './backend.js'
import { dbapiColumnsAndRows } from './dbapi-results.js'
import { embeddedColumnsAndRows, embeddedDescribedFields } from './embedded-results.js'
import { refusePredicateColumns } from './predicate-columns.js'
import { publicSchemaOutput } from './public-schema-output.js'
import type { ResultShaper, ShapedColumn } from './result-shaping.js'
import type { TableInfo } from './table-info.js'
import type { FieldDescription, StatementResult } from './types.js'

type ColumnsAndRows = { fields: FieldDescription[] | null; rows: (string | null)[][] }

export class ProfilePresenter {
  readonly #profile: Profile
  readonly #shaper: ResultShaper
  readonly #tables: TableInfo

  constructor(profile: Profile, shaper: ResultShaper, tables: TableInfo) {
    this.#profile = profile
    this.#shaper = shaper
    this.#tables = tables
  }

  /** The shaped columns of PostgreSQL's description; a predicate selected as a value is refused. */
  #columns(fields: readonly FieldDescription[]): Promise<ShapedColumn[]> {
    refusePredicateColumns(fields)
    return this.#shaper.columns(fields)
  }

  async result(raw: RawResult, plan: Plan): Promise<StatementResult> {
    const columns = raw.fields ? await this.#columns(raw.fields) : null
    const rows = columns ? this.#shaper.rows(columns, raw) : raw.rows
    switch (this.#profile) {
      case 'iris':
        return {
          fields: columns ? columns.map((c) => c.field) : null,
          rows,
          commandTag: raw.commandTag,
        }
      default: {
        if (!columns) return { fields: null, rows, commandTag: raw.commandTag }
        const presented = await this.#backendColumnsAndRows(columns, rows, plan.source)
        const labels = presented.fields?.map((field) => field.name) ?? []
        return {
          fields: presented.fields,
          rows: publicSchemaOutput(labels, presented.rows),
          commandTag: raw.commandTag,
        }
      }
    }
  }

  #backendColumnsAndRows(
    columns: readonly ShapedColumn[],
    rows: (string | null)[][],
    sql: string,
  ): Promise<ColumnsAndRows> | ColumnsAndRows {
    return this.#profile === 'pgwire-1.0-dbapi'
      ? dbapiColumnsAndRows(columns, rows, sql)
      : embeddedColumnsAndRows(columns, rows, sql, this.#tables)
  }

  /**
   * Describe (statement): columns before any value exists. iris-pgwire's own answer runs the
   * statement; the sim describes it by type instead (dbapi-results.ts, embedded-results.ts).
   */
  async describedFields(raw: FieldDescription[], plan: Plan): Promise<FieldDescription[]> {
    const columns = await this.#columns(raw)
    switch (this.#profile) {
      case 'iris':
        return columns.map((c) => c.field)
      case 'pgwire-1.0-dbapi':
        return dbapiColumnsAndRows(columns, [], plan.source).fields
      default:
        return embeddedDescribedFields(columns, plan.source, this.#tables)
    }
  }
}
