export { CONFIG_FILE_NAMES, loadConfig, PACKAGE_JSON_KEY } from './config-file.js'
export { IrisCodegenError, type IrisCodegenErrorKind } from './errors.js'
export {
  type GenerateIrisTypesOptions,
  type GenerateIrisTypesResult,
  generateIrisTypes,
} from './generate.js'
export { columnTypeKey, IrisAdapter } from './iris-adapter.js'
export { IrisColumnTyper } from './iris-column-typer.js'
export { IrisDatabaseMetadata } from './iris-database-metadata.js'
export { IrisGeneratorDialect } from './iris-generator-dialect.js'
export { IrisIntrospector } from './iris-introspector.js'
export { IrisSerializer } from './iris-serializer.js'
export { CodegenLogger } from './logger.js'
export { type SerializeSettings, serializeIrisTables } from './serialize.js'
export {
  DEFAULT_OUT_FILE,
  DEFAULT_SCHEMA,
  type IrisCodegenOptions,
  type IrisCodegenSettings,
  type LogLevel,
  resolveSettings,
} from './settings.js'
export * from './value-types.js'
