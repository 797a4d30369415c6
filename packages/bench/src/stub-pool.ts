import { createRequire } from 'node:module'

/**
 * A `pg` Pool look-alike with no server, for the client-CPU scenarios. Its client answers every
 * query with a canned result built the way node-postgres builds one from the wire: pg's own
 * `Result` class parses text values with the type parsers the query asks for (the per-query
 * `types`, else pg's defaults), as objects or, with `rowMode: 'array'`, as arrays. So the figures
 * include exactly the client work a real query costs after the bytes arrive.
 */

/** A column as RowDescription describes it (only what parsing needs). */
export interface StubField {
  name: string
  /** PostgreSQL type OID, e.g. 23 int4, 1043 varchar, 701 float8. */
  dataTypeID: number
}

export interface CannedResult {
  command: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'
  fields: StubField[]
  /** Rows as text, as they come off the wire (null for SQL NULL). */
  rows: (string | null)[][]
}

interface TypeSource {
  getTypeParser(oid: number, format?: string): (value: string) => unknown
}

interface PgResult {
  command: string | null
  rowCount: number | null
  rows: unknown[]
  fields: StubField[]
  addFields(fields: (StubField & { format: 'text' })[]): void
  parseRow(row: (string | null)[]): unknown
  addRow(row: unknown): void
}

type PgResultConstructor = new (
  rowMode: string | undefined,
  types: TypeSource | undefined,
) => PgResult

const PgResultClass = createRequire(import.meta.url)('pg/lib/result.js') as PgResultConstructor

/** pg's Result, as the drivers read it. */
export interface StubResult<R> {
  command: CannedResult['command']
  rowCount: number
  rows: R[]
  fields: StubField[]
}

interface QueryConfig {
  text: string
  values?: readonly unknown[]
  rowMode?: 'array'
  types?: TypeSource
}

const describedFields = new WeakMap<CannedResult, (StubField & { format: 'text' })[]>()

/** The RowDescription of a canned result, built once: the stub's own cost stays out of the figures. */
function textFields(canned: CannedResult): (StubField & { format: 'text' })[] {
  let fields = describedFields.get(canned)
  if (!fields) {
    fields = canned.fields.map((f) => ({ ...f, format: 'text' as const }))
    describedFields.set(canned, fields)
  }
  return fields
}

export class StubClient {
  constructor(private readonly answer: (sql: string) => CannedResult) {}

  async query<R>(
    textOrConfig: string | QueryConfig,
    values?: readonly unknown[],
  ): Promise<StubResult<R>> {
    const config: QueryConfig =
      typeof textOrConfig === 'string' ? { text: textOrConfig, values } : textOrConfig
    const canned = this.answer(config.text)
    const result = new PgResultClass(config.rowMode, config.types)
    result.command = canned.command
    result.rowCount = canned.rows.length
    result.addFields(textFields(canned))
    for (const row of canned.rows) result.addRow(result.parseRow(row))
    return result as unknown as StubResult<R>
  }

  release(): void {}
}

export class StubPool {
  readonly options = {}
  readonly #client: StubClient

  constructor(answer: (sql: string) => CannedResult) {
    this.#client = new StubClient(answer)
  }

  async connect(): Promise<StubClient> {
    return this.#client
  }

  async end(): Promise<void> {}
}
