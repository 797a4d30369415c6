import { createEngine, type EngineOptions } from '../../src/engine/index.js'
import type { EngineSession, StatementResult } from '../../src/engine/types.js'

export type TestEngine = Awaited<ReturnType<typeof createEngine>>

export function testEngine(options: Partial<EngineOptions> = {}): Promise<TestEngine> {
  return createEngine({ profile: 'iris', irisVersion: [2025, 1], lockTimeoutMs: 300, ...options })
}

/** Runs a simple query and returns every statement's result; the first failure rejects. */
export async function runAll(session: EngineSession, sql: string): Promise<StatementResult[]> {
  const results: StatementResult[] = []
  await session.simpleQuery(
    sql,
    (result) => results.push(result),
    (error) => {
      throw error
    },
  )
  return results
}
