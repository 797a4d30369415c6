export { typeParsers } from './create-pool.js'
export { description } from './ddl-helpers.js'
export { parseSqlcode, toIrisError } from './error-mapping.js'
export * from './errors.js'
export { IrisAdapter } from './iris-adapter.js'
export { IrisConnection } from './iris-connection.js'
export { DEFAULT_VARCHAR_LENGTH, TEXT_TYPE } from './iris-data-types.js'
export { IrisDialect } from './iris-dialect.js'
export type {
  IrisBulkInsertForm,
  IrisCursor,
  IrisCursorConstructor,
  IrisDialectConfig,
  IrisPaging,
  IrisPool,
  IrisPoolClient,
  IrisQueryResult,
  ResolvedIrisDialectConfig,
} from './iris-dialect-config.js'
export { DEFAULT_CONNECTION_STRING, DEFAULT_MAX_PARAMETERS } from './iris-dialect-config.js'
export { IrisDriver } from './iris-driver.js'
export { IrisIntrospector } from './iris-introspector.js'
export type {
  IrisColumnMetadata,
  IrisTableMetadata,
  IrisVectorElementType,
  IrisVectorInfo,
} from './iris-metadata.js'
export { IrisQueryCompiler, type IrisQueryCompilerOptions } from './iris-query-compiler.js'
export { redactConnectionString } from './redact-connection-string.js'
export { type IrisServerCheck, NOT_IRIS_WARNING } from './server-check.js'
export type { IrisTransactionsMode } from './session-policy.js'
export type { IrisSessionModel } from './session-probe.js'
export * from './vector/index.js'
