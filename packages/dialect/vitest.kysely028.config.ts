import { configDefaults, defineConfig } from 'vitest/config'
import base from './vitest.config.js'

// The peer range covers Kysely 0.28 and 0.29: the dialect's own suites (compiler, config, driver,
// integration, vector helpers) run again with `kysely` resolved to the 0.28 release installed under
// the alias `kysely-0.28`. The reliability, security and soak suites exercise the same code paths
// and run once, on 0.29, to keep CI within its time budget. Kysely 0.28 has no AbortSignal, so the
// cancellation files are left out of this run rather than skipped in it. The integration files run
// on the sim's `iris` profile only: the front ends' differences are the same under either Kysely,
// and the 0.29 run covers them.
export default defineConfig({
  resolve: { alias: [{ find: /^kysely$/, replacement: 'kysely-0.28' }] },
  test: {
    ...base.test,
    env: { KYSELY_IRIS_TEST_TARGETS: 'sim-iris' },
    name: 'dialect (kysely 0.28)',
    include: [
      'test/{compiler,config,driver,integration}/**/*.test.ts',
      'test/vector/{to-vector,vector-sql,vector-plugin}.test.ts',
    ],
    exclude: [...configDefaults.exclude, 'test/**/cancellation.test.ts'],
  },
})
