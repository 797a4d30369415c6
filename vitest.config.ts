import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// Each package and example owns its own vitest config; this file only lists them.
export default defineConfig({
  test: {
    // Vitest's default, one worker per core but one, runs files one at a time on a 2-core machine.
    // Most of a test's time here is spent waiting for a server (the sim, or the real iris-pgwire in
    // its own Python process), so two files at a time keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      'packages/*/vitest.config.ts',
      'packages/dialect/vitest.kysely028.config.ts',
      'examples/*/vitest.config.ts',
      'scripts/vitest.config.ts',
      'tests/consumer/vitest.config.ts',
    ],
  },
})
