import type { IrisColumnMetadata, IrisTableMetadata } from 'kysely-iris'
import {
  type ExpressionNode,
  GenericExpressionNode,
  IdentifierNode,
  LiteralNode,
  RawExpressionNode,
  UnionExpressionNode,
} from './kysely-codegen.js'
import type { ValueTypes } from './value-types.js'

/** What the dialect returns for a family of IRIS types. */
type ValueKind = 'number' | 'int8' | 'numeric' | 'string' | 'bit' | 'date' | 'binary' | 'vector'

/**
 * IRIS type names (docs/iris-sql.md#column-types), as the introspector reports them in `dataType`,
 * plus the ODBC spellings INFORMATION_SCHEMA uses for the same types
 * (docs/iris-sql.md#information_schema), and what each returns under a server that describes result
 * columns by their declared type (profile `iris`, docs/iris-sql.md#simulator-profiles).
 */
const VALUE_KIND_BY_IRIS_TYPE: Readonly<Record<string, ValueKind>> = {
  INTEGER: 'number',
  INT: 'number',
  SMALLINT: 'number',
  TINYINT: 'number',
  DOUBLE: 'number',
  'DOUBLE PRECISION': 'number',
  FLOAT: 'number',
  REAL: 'number',
  BIGINT: 'int8',
  NUMERIC: 'numeric',
  DECIMAL: 'numeric',
  VARCHAR: 'string',
  CHAR: 'string',
  CHARACTER: 'string',
  'CHARACTER VARYING': 'string',
  LONGVARCHAR: 'string',
  UNIQUEIDENTIFIER: 'string',
  GUID: 'string',
  BIT: 'bit',
  DATE: 'date',
  // The dialect keeps TIME as text whatever its `date` option (`HH:MM:SS` has no date part).
  TIME: 'string',
  TIMESTAMP: 'date',
  POSIXTIME: 'date',
  DATETIME: 'date',
  VARBINARY: 'binary',
  BINARY: 'binary',
  LONGVARBINARY: 'binary',
  VECTOR: 'vector',
}

/** Name of the branded vector type the generated file declares (see `vectorDefinition`). */
export const VECTOR_TYPE_NAME = 'Vector'

/** Name of the BIT column type the generated file declares (see `bitDefinition`). */
export const BIT_TYPE_NAME = 'Bit'

export interface ColumnTypingOptions {
  readonly valueTypes: ValueTypes
  /** TypeScript type per IRIS type name, keys in any case (`--type-mapping`). */
  readonly typeMapping: Readonly<Record<string, string>>
  /** Whole TypeScript type per column, keys `table.column` or `schema.table.column` (`--overrides`). */
  readonly overrides: Readonly<Record<string, string>>
  /**
   * The schema whose tables `table.column` override keys name (`SQLUser`,
   * docs/iris-sql.md#schemas).
   */
  readonly defaultSchema: string
}

/**
 * Decides the TypeScript type of each IRIS column: the value type the dialect returns (mapped by
 * `--type-mapping` when given), `| null` when nullable, wrapped in `GeneratedAlways` for IDENTITY
 * (an explicit value needs ALLOWIDENTITYINSERT, docs/iris-sql.md#identity-columns) or `Generated`
 * for a default; an override replaces the whole type.
 */
export class IrisColumnTyper {
  readonly #options: ColumnTypingOptions
  readonly #typeMapping: ReadonlyMap<string, string>
  readonly #overrides: ReadonlyMap<string, string>
  readonly #usedOverrides = new Set<string>()
  readonly #unknownTypes = new Set<string>()

  constructor(options: ColumnTypingOptions) {
    this.#options = options
    this.#typeMapping = new Map(
      Object.entries(options.typeMapping).map(([type, ts]) => [type.toUpperCase(), ts]),
    )
    this.#overrides = new Map(
      Object.entries(options.overrides).map(([key, ts]) => [this.#overrideKey(key), ts]),
    )
  }

  /** IRIS types seen that have no known value type; they become `unknown`. */
  get unknownTypes(): string[] {
    return [...this.#unknownTypes].sort()
  }

  /** Override keys that named no column. */
  get unusedOverrides(): string[] {
    return Object.keys(this.#options.overrides)
      .filter((key) => !this.#usedOverrides.has(this.#overrideKey(key)))
      .sort()
  }

  type(table: IrisTableMetadata, column: IrisColumnMetadata): ExpressionNode {
    const overrideKey = [table.schema, table.name, column.name].join('.').toLowerCase()
    const override = this.#overrides.get(overrideKey)
    if (override !== undefined) {
      this.#usedOverrides.add(overrideKey)
      return new RawExpressionNode(override)
    }
    let type = this.#valueType(column)
    if (column.isNullable) type = new UnionExpressionNode([type, new IdentifierNode('null')])
    if (column.isIdentity) type = new GenericExpressionNode('GeneratedAlways', [type])
    else if (column.hasDefaultValue || column.isAutoIncrementing) {
      type = new GenericExpressionNode('Generated', [type])
    }
    return type
  }

  #valueType(column: IrisColumnMetadata): ExpressionNode {
    const irisType = column.dataType.toUpperCase()
    const mapped = this.#typeMapping.get(irisType)
    if (mapped !== undefined) return typeExpression(mapped)
    const kind = VALUE_KIND_BY_IRIS_TYPE[irisType]
    if (kind === undefined) {
      this.#unknownTypes.add(irisType)
      return new IdentifierNode('unknown')
    }
    if (kind === 'vector') return vectorType(column)
    return typeExpression(this.#tsTypeOf(kind))
  }

  #tsTypeOf(kind: Exclude<ValueKind, 'vector'>): string {
    const { valueTypes } = this.#options
    switch (kind) {
      case 'int8':
        return valueTypes.int8
      case 'numeric':
        return valueTypes.numeric
      case 'date':
        return valueTypes.date
      case 'bit':
        return BIT_TYPE_NAME
      case 'binary':
        return 'Buffer'
      default:
        return kind
    }
  }

  /**
   * `table.column` means the default schema; IRIS names compare case-insensitively
   * (docs/iris-sql.md#identifiers, docs/iris-sql.md#catalog-values).
   */
  #overrideKey(key: string): string {
    const parts = key.split('.')
    return (parts.length === 2 ? [this.#options.defaultSchema, ...parts] : parts)
      .join('.')
      .toLowerCase()
  }
}

/** A plain name stays an identifier; anything else (`number[]`, a union) is kept as written. */
function typeExpression(tsType: string): ExpressionNode {
  return /^[A-Za-z_$][\w$]*$/.test(tsType)
    ? new IdentifierNode(tsType)
    : new RawExpressionNode(tsType)
}

/**
 * `Vector<384, "float">`: dimension and element type from the dictionary
 * (docs/iris-sql.md#vector-columns-in-the-catalog); `number` / `string` for whichever of them is
 * unknown.
 */
function vectorType(column: IrisColumnMetadata): ExpressionNode {
  const info = column.vector
  const length = info?.length == null ? new IdentifierNode('number') : new LiteralNode(info.length)
  const element = info ? new LiteralNode(info.elementType) : new IdentifierNode('string')
  return new GenericExpressionNode(VECTOR_TYPE_NAME, [length, element])
}

/**
 * The column's %DESCRIPTION, and for a VECTOR column its declared type
 * (docs/iris-sql.md#vector-columns-in-the-catalog).
 */
export function columnComment(column: IrisColumnMetadata): string | null {
  const lines: string[] = []
  if (column.comment) lines.push(column.comment)
  if (column.dataType.toUpperCase() === 'VECTOR') lines.push(`IRIS type: ${column.irisType}`)
  // kysely-codegen prints the comment verbatim inside /** */, so a `*/` in it must not close it.
  return lines.length > 0 ? lines.join('\n').replaceAll('*/', '*\\/') : null
}
