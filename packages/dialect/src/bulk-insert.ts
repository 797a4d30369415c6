import type { CompiledQuery, InsertQueryNode, QueryCompiler, ValuesNode } from 'kysely'
import { IrisInputError, IrisUnsupportedError } from './errors.js'
import { readsAQuery } from './row-runs.js'

/** Why an insert is sent as several statements, for the refusals that name it. */
export type SplitReason = 'row runs' | 'parameters'

export interface SplitInsert {
  readonly statements: CompiledQuery[]
  readonly reason: SplitReason
}

/**
 * Splits a multi-row `insertInto(t).values([...])` into statements that each stay within
 * `maxParameters`, and whose rows each name the same columns: `rowRuns`, from the query's plan
 * (./row-runs.ts), when they do not in `query`. Returns undefined when the query needs no splitting. The caller runs the
 * statements atomically (transaction or savepoint).
 */
export function splitInsert(
  query: CompiledQuery,
  compiler: QueryCompiler,
  maxParameters: number,
  rowRuns: readonly InsertQueryNode[] | undefined,
): SplitInsert | undefined {
  if (rowRuns) {
    const runs = rowRuns.map((run) => compiler.compileQuery(run, query.queryId))
    return {
      statements: runs.flatMap((run) => chunksOf(run, compiler, maxParameters)),
      reason: 'row runs',
    }
  }
  if (query.parameters.length <= maxParameters) return undefined
  return { statements: chunksOf(query, compiler, maxParameters), reason: 'parameters' }
}

/** `query` as statements within `maxParameters`: itself when it is, else chunks of its rows. */
function chunksOf(
  query: CompiledQuery,
  compiler: QueryCompiler,
  maxParameters: number,
): CompiledQuery[] {
  if (query.parameters.length <= maxParameters) return [query]
  const node = query.query as InsertQueryNode
  const values = node.kind === 'InsertQueryNode' ? node.values : undefined
  if (values?.kind !== 'ValuesNode') {
    throw new IrisInputError(
      `the statement has ${query.parameters.length} parameters, more than maxParameters (${maxParameters}); only insertInto().values([...]) is split automatically`,
    )
  }
  if (readsAQuery(values)) {
    throw new IrisUnsupportedError(
      `the insert has ${query.parameters.length} parameters, more than maxParameters (${maxParameters}), and its rows hold a subquery: split into chunks, a subquery in a later chunk would see the rows the earlier ones inserted; raise maxParameters, or insert the rows with a subquery on their own`,
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
