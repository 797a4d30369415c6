/**
 * `@kysely-iris/sim/testing`: run one suite on every target, the sim's profiles and the real
 * iris-pgwire in front of the sim (docs/iris-sql.md#iris-pgwire-backends).
 */
export { type Describe, describeTargets } from './describe-targets.js'
export { type StartedTarget, type StartTargetOptions, startTarget } from './start-target.js'
export {
  LOCAL_TARGETS,
  type LocalTarget,
  pgwireBackendOfTarget,
  simProfileOf,
  type Target,
  targetUnavailable,
  testTargets,
} from './targets.js'
export { type FrontEndTraits, type Known, traitsOf } from './traits.js'
