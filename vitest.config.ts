import { defineConfig } from 'vitest/config'

// Each package and example owns its own vitest config; this file only lists them.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/dialect/vitest.kysely028.config.ts',
      'examples/*/vitest.config.ts',
      'scripts/vitest.config.ts',
      'tests/consumer/vitest.config.ts',
    ],
  },
})
