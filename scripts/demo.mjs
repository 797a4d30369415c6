#!/usr/bin/env node
// `pnpm demo [flags]`: builds the packages the demo imports (sim, dialect, codegen), then runs the
// demo with the flags. `--help` (`-h`) skips the build: the demo's entry
// (examples/demo/src/main.ts) answers it before importing those packages, so help comes at once,
// even on a clone that was never built.
//
// Usage: node scripts/demo.mjs [flags]   (root package.json's `demo` script)
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The pnpm commands `pnpm demo <args>` runs, in order. */
export function demoCommands(args) {
  const run = ['--filter', '@kysely-iris/demo', 'run', 'demo', ...args]
  const asksForHelp = args.some((arg) => arg === '--help' || arg === '-h')
  return asksForHelp ? [run] : [['--filter', '@kysely-iris/demo^...', 'run', 'build'], run]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const command of demoCommands(process.argv.slice(2))) {
    // pnpm puts itself on the PATH of the scripts it runs; on Windows it is a .cmd shim.
    const { status } = spawnSync('pnpm', command, {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    })
    if (status !== 0) process.exit(status ?? 1)
  }
}
