import { Kysely } from 'kysely'
import { IrisDialect, type IrisPaging } from '../../src/index.js'

export interface ItemsDB {
  items: { id: number; category: string; embedding: string }
  docs: { id: number; title: string; vec: string }
}

/** A Kysely with the IRIS compiler that never connects: the tests only compile. */
export function compileOnlyDb(paging: IrisPaging = 'limit'): Kysely<ItemsDB> {
  return new Kysely<ItemsDB>({ dialect: new IrisDialect({ paging }) })
}
