import { createRequire, Module } from 'node:module'
import type * as KyselyCodegen from 'kysely-codegen'
import { typeIdentifiersOf } from './type-identifiers.js'

/**
 * kysely-codegen, loaded without the TypeScript compiler. Its transformer `require`s `typescript`
 * (undeclared) only to find the names a raw type expression references, so that it can add their
 * imports and definitions (`VectorBrand` in `string & VectorBrand<N, E>`). Left alone, it would
 * use whichever `typescript` the user has: none fails at load, and TypeScript 7 (no compiler API)
 * silently drops those names and with them the definitions the output needs. Before loading
 * kysely-codegen, this module puts a TypeScript-free parser in the module cache in place of its
 * own, so the output is the same with TypeScript 5, 7 or none. The module path belongs to the
 * pinned kysely-codegen version (package.json); every other module imports kysely-codegen's
 * values from here (a lint rule in biome.json says so).
 */
const require = createRequire(import.meta.url)
const PARSER_MODULE = 'kysely-codegen/dist/generator/parser/type-expression-parser.js'
const RAW_EXPRESSION_MODULE = 'kysely-codegen/dist/generator/ast/raw-expression-node.js'

type RawExpressionNodeClass = typeof KyselyCodegen.RawExpressionNode

/**
 * kysely-codegen's TypeExpressionParser contract, without a compiler. `parse` is only reached for
 * kysely-codegen's own `overrides` option, which iris-codegen does not pass (its overrides are
 * resolved by IrisColumnTyper), so it keeps the expression as written.
 */
class LexicalTypeExpressionParser {
  readonly #RawExpressionNode: RawExpressionNodeClass

  constructor(rawExpressionNode: RawExpressionNodeClass) {
    this.#RawExpressionNode = rawExpressionNode
  }

  extractTypeIdentifiers(typeExpression: string): string[] {
    return typeIdentifiersOf(typeExpression)
  }

  parse(typeExpression: string): KyselyCodegen.ExpressionNode {
    return new this.#RawExpressionNode(typeExpression)
  }
}

function installParser(): void {
  const path = require.resolve(PARSER_MODULE)
  if (require.cache[path]) return
  const { RawExpressionNode } = require(RAW_EXPRESSION_MODULE) as {
    RawExpressionNode: RawExpressionNodeClass
  }
  const parser = new Module(path)
  parser.filename = path
  parser.loaded = true
  parser.exports = {
    TypeExpressionParser: LexicalTypeExpressionParser,
    typeExpressionParser: new LexicalTypeExpressionParser(RawExpressionNode),
  }
  require.cache[path] = parser
}

installParser()

const codegen = require('kysely-codegen') as typeof KyselyCodegen

export const Adapter = codegen.Adapter
export type Adapter = KyselyCodegen.Adapter
export const DatabaseMetadata = codegen.DatabaseMetadata
export type DatabaseMetadata = KyselyCodegen.DatabaseMetadata
export const DiffChecker = codegen.DiffChecker
export type DiffChecker = KyselyCodegen.DiffChecker
export const GeneratorDialect = codegen.GeneratorDialect
export type GeneratorDialect = KyselyCodegen.GeneratorDialect
export const GenericExpressionNode = codegen.GenericExpressionNode
export type GenericExpressionNode = KyselyCodegen.GenericExpressionNode
export const IdentifierNode = codegen.IdentifierNode
export type IdentifierNode = KyselyCodegen.IdentifierNode
export const ImportClauseNode = codegen.ImportClauseNode
export type ImportClauseNode = KyselyCodegen.ImportClauseNode
export const ImportStatementNode = codegen.ImportStatementNode
export type ImportStatementNode = KyselyCodegen.ImportStatementNode
export const Introspector = codegen.Introspector
export type Introspector<DB> = KyselyCodegen.Introspector<DB>
export const LiteralNode = codegen.LiteralNode
export type LiteralNode = KyselyCodegen.LiteralNode
export const ModuleReferenceNode = codegen.ModuleReferenceNode
export type ModuleReferenceNode = KyselyCodegen.ModuleReferenceNode
export const RawExpressionNode = codegen.RawExpressionNode
export type RawExpressionNode = KyselyCodegen.RawExpressionNode
export const TableMatcher = codegen.TableMatcher
export type TableMatcher = KyselyCodegen.TableMatcher
export const TemplateNode = codegen.TemplateNode
export type TemplateNode = KyselyCodegen.TemplateNode
export const TypeScriptSerializer = codegen.TypeScriptSerializer
export type TypeScriptSerializer = KyselyCodegen.TypeScriptSerializer
export const UnionExpressionNode = codegen.UnionExpressionNode
export type UnionExpressionNode = KyselyCodegen.UnionExpressionNode
export const serializeFromMetadata = codegen.serializeFromMetadata
export const toKyselyCamelCase = codegen.toKyselyCamelCase
export type {
  CreateKyselyDialectOptions,
  Definitions,
  ExportStatementNode,
  ExpressionNode,
  Imports,
  IntrospectOptions,
  ObjectExpressionNode,
  Scalars,
  SerializeFileOptions,
  StatementNode,
} from 'kysely-codegen'
