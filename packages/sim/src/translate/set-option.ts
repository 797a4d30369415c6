/**
 * `SET OPTION option = value` (docs/iris-sql.md#set-option): IRIS's execution options, one per
 * statement. The simulator takes `COMPILEMODE = IMMEDIATE`, IRIS's default, which changes nothing
 * in it (its DDL always takes effect at once), and refuses the other compile modes, whose effects
 * it does not model, and every other option.
 */
import { irisError } from './iris-error.js'
import type { NoopPlan } from './plan.js'
import { isTrivia, isWord, type Token } from './tokenizer.js'

/** The compile modes other than IMMEDIATE, each with what the simulator does not model of it. */
const UNMODELLED_COMPILE_MODES: ReadonlyMap<string, string> = new Map([
  ['DEFERRED', 'queues the compilation of the classes DDL changes'],
  ['INSTALL', 'queues the compilation of the classes DDL changes, for tables without data'],
  [
    'NOCHECK',
    'skips the checks of DDL: the foreign keys of a dropped table, and existing rows against a new foreign key or NOT NULL',
  ],
])

/** The plan for a `SET OPTION` statement, or undefined when `tokens` is not one. */
export function setOptionPlan(
  tokens: readonly Token[],
  base: { source: string },
): NoopPlan | undefined {
  const [set, option, name, equals, value, ...rest] = tokens.filter((token) => !isTrivia(token))
  if (!isWord(set, 'SET') || !isWord(option, 'OPTION')) return undefined
  const keyword = name?.text.toUpperCase() ?? ''
  if (keyword !== 'COMPILEMODE')
    throw irisError(
      -1,
      `SET OPTION ${keyword}: of IRIS's execution options the simulator models COMPILEMODE = IMMEDIATE only; test other options on IRIS`,
    )
  const mode = value?.text.toUpperCase() ?? ''
  if (
    equals?.text !== '=' ||
    rest.length > 0 ||
    !(mode === 'IMMEDIATE' || UNMODELLED_COMPILE_MODES.has(mode))
  )
    throw irisError(
      -1,
      'SET OPTION COMPILEMODE takes one of DEFERRED, IMMEDIATE, INSTALL or NOCHECK: write SET OPTION COMPILEMODE = IMMEDIATE',
    )
  const unmodelled = UNMODELLED_COMPILE_MODES.get(mode)
  if (unmodelled)
    throw irisError(
      -1,
      `SET OPTION COMPILEMODE = ${mode} is IRIS SQL, but it ${unmodelled}, which the simulator does not model; test it on IRIS`,
    )
  return { ...base, kind: 'other', paramCount: 0, type: 'noop', commandTag: 'SET' }
}
