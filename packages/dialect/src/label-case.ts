import type { ReadQuery } from './column-catalog.js'

/** A label a front end that keeps case returns as written. */
const PROBE_LABEL = 'kyselyIrisLabelCase'
const PROBE = `select 1 as "${PROBE_LABEL}"`

/**
 * Whether one pool's front end lower-cases result labels, as iris-pgwire does
 * (docs/iris-sql.md#iris-pgwire-result-quirks). Learnt for free from a label with an upper-case
 * letter (only a front end that keeps case returns one); otherwise asked once, with a statement
 * that reads no table.
 */
export class LabelCase {
  #lowercases: boolean | undefined
  #probing: Promise<boolean> | undefined

  /** Settles it from `labels` when they show it, else with the probe. */
  lowercases(labels: readonly string[], read: ReadQuery): boolean | Promise<boolean> {
    if (this.#lowercases !== undefined) return this.#lowercases
    for (const label of labels) {
      if (label !== label.toLowerCase()) {
        this.#lowercases = false
        return false
      }
    }
    return this.probe(read)
  }

  /** Settles it with the probe, once per pool; a failed probe is asked again next time. */
  probe(read: ReadQuery): boolean | Promise<boolean> {
    if (this.#lowercases !== undefined) return this.#lowercases
    this.#probing ??= read(PROBE, []).then(
      ({ fields }) => {
        // Any other label counts as lower-cased: restoring names from the catalog is right either
        // way, only slower.
        this.#lowercases = fields[0]?.name !== PROBE_LABEL
        return this.#lowercases
      },
      (error: unknown) => {
        this.#probing = undefined
        throw error
      },
    )
    return this.#probing
  }
}
