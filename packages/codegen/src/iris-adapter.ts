import { BIT_TYPE_NAME, VECTOR_TYPE_NAME } from './iris-column-typer.js'
import {
  Adapter,
  type Definitions,
  type Imports,
  ModuleReferenceNode,
  RawExpressionNode,
  type Scalars,
  TemplateNode,
} from './kysely-codegen.js'

const VECTOR_BRAND_NAME = 'VectorBrand'

import type { VectorType } from './value-types.js'

/**
 * kysely-codegen's adapter for IRIS. IRIS column types are parameterised (`VECTOR(FLOAT,384)`) and
 * nullability, IDENTITY and overrides are per column, so the scalar table is built per schema:
 * one entry per column, keyed by `columnTypeKey` (the data type `IrisDatabaseMetadata` gives the
 * column), holding the column's complete type from `IrisColumnTyper`. kysely-codegen then does what it is good at: names, camelCase, singularizing,
 * imports, definitions, sorting and printing.
 */
export class IrisAdapter extends Adapter {
  override readonly defaultSchemas: string[]
  override readonly definitions: Definitions
  override readonly imports: Imports = { GeneratedAlways: new ModuleReferenceNode('kysely') }
  override readonly scalars: Scalars

  constructor(options: { defaultSchemas: string[]; vectorType: VectorType; columnTypes: Scalars }) {
    super()
    this.defaultSchemas = options.defaultSchemas
    this.definitions = { ...vectorDefinitions(options.vectorType), ...bitDefinition() }
    this.scalars = options.columnTypes
  }
}

/** The scalar key of one column (kysely-codegen lower-cases data types before looking them up). */
export function columnTypeKey(schema: string, table: string, column: string): string {
  return `column:${schema}.${table}.${column}`.toLowerCase()
}

/**
 * `Vector<N, E>`: a VECTOR(E, N) column's value (docs/iris-sql.md#the-vector-type). The optional
 * phantom property of `VectorBrand` carries dimension and element type, so a `Vector<3, "float">`
 * is not assignable to a `Vector<384, "float">` column while a plain string (or array) still is. By
 * default the dialect returns the value as comma-separated text (docs/iris-sql.md#vector-results);
 * with `number[]` (the vector plugin parses results) selects give arrays while inserts and updates
 * still take text or `toVector(...)`: parameters cannot be arrays
 * (docs/iris-sql.md#parameter-re-typing).
 */
function vectorDefinitions(vectorType: VectorType): Definitions {
  const text = `string & ${VECTOR_BRAND_NAME}<N, E>`
  const value =
    vectorType === 'string'
      ? text
      : `ColumnType<${vectorType} & ${VECTOR_BRAND_NAME}<N, E>, ${text}, ${text}>`
  return {
    [VECTOR_BRAND_NAME]: new TemplateNode(
      ['N extends number', 'E extends string'],
      new RawExpressionNode(
        '{ readonly __irisVector?: { readonly dimension: N; readonly elementType: E } }',
      ),
    ),
    [VECTOR_TYPE_NAME]: new TemplateNode(
      ['N extends number', 'E extends string'],
      new RawExpressionNode(value),
    ),
  }
}

/**
 * `Bit`: a BIT column's value. The dialect reads a BIT as the number 1 / 0 on every front end, the
 * only answer iris-pgwire's embedded backend allows (docs/iris-sql.md#booleans); inserts and
 * updates also take `true` / `false`, which it sends as 1 / 0.
 */
function bitDefinition(): Definitions {
  return {
    [BIT_TYPE_NAME]: new RawExpressionNode(
      'ColumnType<number, boolean | number, boolean | number>',
    ),
  }
}
