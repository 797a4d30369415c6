import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector } from 'kysely'
import { IrisQueryCompiler, type IrisQueryCompilerOptions } from '../../src/index.js'

/** A Kysely that only compiles (DummyDriver), with the IRIS compiler in the given mode. */
// biome-ignore lint/suspicious/noExplicitAny: tests build queries on arbitrary tables
export function compilingDb(options: IrisQueryCompilerOptions = {}): Kysely<any> {
  return new Kysely({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new IrisQueryCompiler(options),
    },
  })
}

export const PAGING_MODES = ['limit', 'top'] as const

/** Each mode's db, for `describe.each`. */
export const pagingDbs = PAGING_MODES.map((paging) => ({ paging, db: compilingDb({ paging }) }))
