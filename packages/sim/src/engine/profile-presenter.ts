/**
 * Presents a statement's result as the chosen profile does (docs/iris-sql.md#simulator-profiles):
 * profile `iris` as result-shaping.ts says; `pgwire-1.0` adds iris-pgwire's result quirks
 * (pgwire-results.ts).
 */
import type { Plan, Profile } from '../translate/plan.js'
import type { RawResult } from './backend.js'
import { pgwireFields, pgwireRowsAndTag, selectsStarFromQuotedTable } from './pgwire-results.js'
import type { ResultShaper } from './result-shaping.js'
import type { FieldDescription, StatementResult } from './types.js'

export class ProfilePresenter {
  readonly #profile: Profile
  readonly #shaper: ResultShaper

  constructor(profile: Profile, shaper: ResultShaper) {
    this.#profile = profile
    this.#shaper = shaper
  }

  async result(raw: RawResult, plan: Plan): Promise<StatementResult> {
    const columns = raw.fields ? await this.#shaper.columns(raw.fields) : null
    const rows = columns ? this.#shaper.rows(columns, raw) : raw.rows
    if (this.#profile === 'iris')
      return {
        fields: columns ? columns.map((c) => c.field) : null,
        rows,
        commandTag: raw.commandTag,
      }
    const quirky = pgwireRowsAndTag(rows, raw.commandTag)
    const fields =
      columns && pgwireFields(columns, rows[0], selectsStarFromQuotedTable(plan.source))
    return { fields, ...quirky }
  }

  async describedFields(raw: FieldDescription[], plan: Plan): Promise<FieldDescription[]> {
    const columns = await this.#shaper.columns(raw)
    if (this.#profile === 'iris') return columns.map((c) => c.field)
    return pgwireFields(columns, 'by type', selectsStarFromQuotedTable(plan.source))
  }
}
