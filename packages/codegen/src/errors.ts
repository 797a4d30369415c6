import { IrisError } from 'kysely-iris'

/** Why a generation run stopped after its options were accepted. */
export type IrisCodegenErrorKind = 'no-tables' | 'stale' | 'write'

/**
 * A generation run that could not finish: no table matched, the output is stale (`--verify`), or
 * the output could not be written. Bad options are `IrisConfigError`, an unreachable server is
 * `IrisConnectionError` (kysely-iris), so every error carries one of the project's names.
 */
export class IrisCodegenError extends IrisError {
  override name = 'IrisCodegenError'
  readonly kind: IrisCodegenErrorKind
  /** For `stale`: a unified diff from the file on disk to the fresh output. */
  readonly diff: string | undefined

  constructor(
    kind: IrisCodegenErrorKind,
    message: string,
    options: { cause?: unknown; diff?: string } = {},
  ) {
    super(message, { cause: options.cause })
    this.kind = kind
    this.diff = options.diff
  }
}
