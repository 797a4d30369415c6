import type { CompiledQuery, InsertQueryNode, QueryCompiler, ValuesNode } from 'kysely'
import { IrisInputError } from './errors.js'

/**
 * Splits a multi-row `insertInto(t).values([...])` whose parameters exceed `maxParameters` into
 * statements that each stay within it. Returns undefined when the query needs no splitting.
 * The caller runs the chunks atomically (transaction or savepoint).
 */
export function splitInsert(
  query: CompiledQuery,
  compiler: QueryCompiler,
  maxParameters: number,
): CompiledQuery[] | undefined {
  if (query.parameters.length <= maxParameters) return undefined
  const node = query.query as InsertQueryNode
  const values = node.kind === 'InsertQueryNode' ? node.values : undefined
  if (values?.kind !== 'ValuesNode') {
    throw new IrisInputError(
      `the statement has ${query.parameters.length} parameters, more than maxParameters (${maxParameters}); only insertInto().values([...]) is split automatically`,
    )
  }
  const rows = (values as ValuesNode).values
  const chunks: CompiledQuery[] = []
  let start = 0
  let size = Math.max(1, Math.floor((maxParameters * rows.length) / query.parameters.length))
  while (start < rows.length) {
    const chunkNode: InsertQueryNode = {
      ...node,
      values: { ...values, values: rows.slice(start, start + size) } as ValuesNode,
    }
    const chunk = compiler.compileQuery(chunkNode, query.queryId)
    if (chunk.parameters.length > maxParameters) {
      if (size === 1) {
        throw new IrisInputError(
          `one row needs ${chunk.parameters.length} parameters, more than maxParameters (${maxParameters}); raise maxParameters`,
        )
      }
      size = Math.max(1, Math.floor(size / 2))
      continue
    }
    chunks.push(chunk)
    start += size
  }
  return chunks
}
