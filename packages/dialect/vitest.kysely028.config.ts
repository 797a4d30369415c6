import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

// The peer range covers Kysely 0.28 and 0.29 (issue 3): the same suite runs again with `kysely`
// resolved to the 0.28 release installed under the alias `kysely-0.28`.
export default mergeConfig(
  base,
  defineConfig({
    resolve: { alias: [{ find: /^kysely$/, replacement: 'kysely-0.28' }] },
    test: { name: 'dialect (kysely 0.28)' },
  }),
)
