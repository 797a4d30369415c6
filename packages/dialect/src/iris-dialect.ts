import type {
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
} from 'kysely'
import { IrisAdapter } from './iris-adapter.js'
import {
  type IrisDialectConfig,
  type ResolvedIrisDialectConfig,
  resolveIrisDialectConfig,
} from './iris-dialect-config.js'
import { IrisDriver } from './iris-driver.js'
import { IrisIntrospector } from './iris-introspector.js'
import { IrisQueryCompiler } from './iris-query-compiler.js'

/**
 * Kysely dialect for InterSystems IRIS through iris-pgwire:
 * `new Kysely<DB>({ dialect: new IrisDialect() })`. The config is validated here, at construction;
 * the connection is made on the first query.
 */
export class IrisDialect implements Dialect {
  readonly #config: ResolvedIrisDialectConfig

  constructor(config: IrisDialectConfig = {}) {
    this.#config = resolveIrisDialectConfig(config)
  }

  /** The configuration in effect, with every default applied. */
  get config(): ResolvedIrisDialectConfig {
    return this.#config
  }

  createDriver(): Driver {
    return new IrisDriver(this.#config)
  }

  createQueryCompiler(): QueryCompiler {
    return new IrisQueryCompiler(this.#config)
  }

  createAdapter(): DialectAdapter {
    return new IrisAdapter()
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's Dialect interface takes Kysely<any>
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new IrisIntrospector(db)
  }
}
