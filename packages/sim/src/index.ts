export type { QueryLog, QueryLogEntry } from './engine/index.js'
export { SimConfigError, type SimOptions } from './options.js'
export { type Sim, startSim } from './start-sim.js'
export type { Profile } from './translate/plan.js'
