/**
 * The type a client is shown for each PostgreSQL type OID. The sim's own string types are an
 * implementation detail, shown as what stood there before they existed, so every client (the
 * dialect, codegen, iris-pgwire and its profiles) sees what it would see on IRIS:
 * - the string type of `%SQLUPPER` / `%SQLSTRING` VARCHAR and CHAR columns
 *   (translate/collated-string.ts, docs/iris-sql.md#collation) shows as VARCHAR in RowDescription
 *   and ParameterDescription;
 * - the argument type of UPPER, LOWER, SUBSTRING, SUBSTR and REVERSE of a string
 *   (exact-string-functions.ts), which a parameter such as `UPPER(?)` takes, shows as TEXT.
 */
import { STRING_TYPE } from '../catalog/metadata.js'
import type { Backend } from './backend.js'
import { UNCOLLATED_TYPE } from './exact-string-functions.js'
import type { FieldDescription } from './types.js'

const VARCHAR = 1043
const TEXT = 25

export class ShownTypes {
  /** The sim's type OID → the OID shown instead. */
  readonly #shown: ReadonlyMap<number, number>

  private constructor(shown: ReadonlyMap<number, number>) {
    this.#shown = shown
  }

  /** Reads the OIDs of the sim's types, which the bootstrap assigned. */
  static async read(backend: Backend): Promise<ShownTypes> {
    const { results, error } = await backend.simple(
      `select '${STRING_TYPE}'::regtype::oid, '${UNCOLLATED_TYPE}'::regtype::oid`,
    )
    const [stringOid, uncollatedOid] = (results[0]?.rows[0] ?? []).map(Number)
    if (error || !Number.isInteger(stringOid) || !Number.isInteger(uncollatedOid))
      throw new Error(
        `cannot read the types ${STRING_TYPE} and ${UNCOLLATED_TYPE}: ${error?.message ?? 'no OID'}`,
      )
    return new ShownTypes(
      new Map([
        [stringOid as number, VARCHAR],
        [uncollatedOid as number, TEXT],
      ]),
    )
  }

  typeID(typeID: number): number {
    return this.#shown.get(typeID) ?? typeID
  }

  field(field: FieldDescription): FieldDescription {
    const shown = this.#shown.get(field.dataTypeID)
    return shown === undefined ? field : { ...field, dataTypeID: shown }
  }
}
