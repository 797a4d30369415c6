import type { ReadQuery } from './column-catalog.js'
import { IrisConfigError } from './errors.js'

/**
 * How the front end maps `pg` connections onto IRIS sessions
 * (docs/iris-sql.md#iris-pgwire-backends):
 * - `per-connection`: each connection is its own IRIS session, and transactions are honoured;
 * - `shared-process`: transactions are honoured, but every connection shares one IRIS process,
 *   its transaction and its `LAST_IDENTITY()` (iris-pgwire's embedded backend);
 * - `pooled-autocommit`: transactions never reach IRIS, and each statement autocommits on
 *   whichever pooled IRIS connection is free (iris-pgwire's external, DB-API backend).
 */
export type IrisSessionModel = 'per-connection' | 'shared-process' | 'pooled-autocommit'

export const SESSION_MODELS: readonly IrisSessionModel[] = [
  'per-connection',
  'shared-process',
  'pooled-autocommit',
]

/**
 * One FROM-less SELECT of a cast under a quoted alias: it reads no table and starts no
 * transaction. iris-pgwire 1.0's own code, not IRIS, labels its column, and differently per
 * backend (docs/iris-sql.md#the-session-probe).
 */
export const SESSION_PROBE = 'select cast(1 as integer) as "kysely_iris_probe"'

/**
 * The probe's label on each backend of iris-pgwire 1.0 (docs/iris-sql.md#the-session-probe): the
 * embedded backend names the column after the cast's type, the external one renames the alias it
 * finds quoted in a FROM-less statement.
 */
const MODEL_OF_LABEL: ReadonlyMap<string, IrisSessionModel> = new Map([
  ['int4', 'shared-process'],
  ['?column?', 'pooled-autocommit'],
])

/** Finds the session model from how the front end labels SESSION_PROBE's one column. */
export async function probeSessionModel(read: ReadQuery): Promise<IrisSessionModel> {
  const { fields } = await read(SESSION_PROBE, [])
  return sessionModelOfLabels(fields.map((field) => field.name))
}

/**
 * The model the probe's labels show. A label as asked, or any other, leaves unknown whether
 * transactions reach IRIS, so the model must be declared.
 */
export function sessionModelOfLabels(labels: readonly string[]): IrisSessionModel {
  const [label] = labels
  const model = labels.length === 1 && label !== undefined ? MODEL_OF_LABEL.get(label) : undefined
  if (model) return model
  throw new IrisConfigError(
    `sessionModel 'detect' cannot tell how this front end maps connections onto IRIS sessions, so whether transactions reach IRIS is unknown; nothing was written. It labelled the column of ${SESSION_PROBE} ${JSON.stringify(labels)}, where iris-pgwire 1.0 says "int4" (embedded backend) or "?column?" (external backend). Declare sessionModel: 'per-connection' when each connection is its own IRIS session, 'shared-process' for iris-pgwire's embedded backend, 'pooled-autocommit' for its external one`,
  )
}
