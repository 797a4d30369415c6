/**
 * The type a client is shown for each PostgreSQL type OID. The sim's own string type of
 * `%SQLUPPER` / `%SQLSTRING` VARCHAR and CHAR columns (translate/collated-string.ts,
 * docs/iris-sql.md#collation) is an implementation detail: RowDescription and ParameterDescription
 * show it as VARCHAR, as they showed those columns before it existed, so every client (the dialect,
 * codegen, iris-pgwire and its profiles) sees what it would see on IRIS.
 */
import { STRING_TYPE } from '../catalog/metadata.js'
import type { Backend } from './backend.js'
import type { FieldDescription } from './types.js'

const VARCHAR = 1043

export class ShownTypes {
  readonly #stringTypeID: number

  private constructor(stringTypeID: number) {
    this.#stringTypeID = stringTypeID
  }

  /** Reads the string type's OID, which the bootstrap assigned. */
  static async read(backend: Backend): Promise<ShownTypes> {
    const { results, error } = await backend.simple(`select '${STRING_TYPE}'::regtype::oid`)
    const oid = Number(results[0]?.rows[0]?.[0])
    if (error || !Number.isInteger(oid))
      throw new Error(`cannot read the type ${STRING_TYPE}: ${error?.message ?? 'no OID'}`)
    return new ShownTypes(oid)
  }

  typeID(typeID: number): number {
    return typeID === this.#stringTypeID ? VARCHAR : typeID
  }

  field(field: FieldDescription): FieldDescription {
    return field.dataTypeID === this.#stringTypeID ? { ...field, dataTypeID: VARCHAR } : field
  }
}
