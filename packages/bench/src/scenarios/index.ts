import type { Scenario } from '../scenario.js'
import { bulkInsert } from './bulk-insert.js'
import { clientCompile, clientMapping } from './client-cpu.js'
import { codegen } from './codegen.js'
import { concurrent } from './concurrent.js'
import { filteredSelect } from './filtered-select.js'
import { insert, insertWithId } from './insert.js'
import { pointSelect } from './point-select.js'
import { transaction } from './transaction.js'
import { vectorTop10 } from './vector-top10.js'

/** Every scenario, in the order they run and are reported. */
export const SCENARIOS: readonly Scenario[] = [
  clientCompile,
  clientMapping,
  pointSelect,
  filteredSelect,
  insert,
  insertWithId,
  bulkInsert,
  transaction,
  concurrent,
  vectorTop10,
  codegen,
]
