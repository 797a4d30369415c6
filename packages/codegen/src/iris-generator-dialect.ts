import type { Dialect } from 'kysely'
import type { IrisAdapter } from './iris-adapter.js'
import type { IrisIntrospector } from './iris-introspector.js'
import { type CreateKyselyDialectOptions, GeneratorDialect } from './kysely-codegen.js'

/**
 * kysely-codegen's glue for IRIS: the IRIS adapter and introspector, and `IrisDialect`. The adapter
 * holds one schema's column types, so `serializeIrisTables` builds one per run for
 * `serializeFromMetadata`; kysely-codegen's own `generate()` (introspect, then serialize with a
 * dialect made beforehand) is not an entry point: use `generateIrisTypes()`.
 */
export class IrisGeneratorDialect extends GeneratorDialect {
  readonly adapter: IrisAdapter
  readonly introspector: IrisIntrospector

  constructor(adapter: IrisAdapter, introspector: IrisIntrospector) {
    super()
    this.adapter = adapter
    this.introspector = introspector
  }

  async createKyselyDialect(options: CreateKyselyDialectOptions): Promise<Dialect> {
    const { IrisDialect } = await import('kysely-iris')
    // SSL is off unless the server has a certificate (docs/iris-sql.md#authentication): only ask
    // for it when told to.
    return new IrisDialect({
      connectionString: options.connectionString,
      ...(options.ssl ? { ssl: true } : {}),
    })
  }
}
