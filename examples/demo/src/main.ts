import { parseDemoOptions, USAGE } from './options.js'

/**
 * The entry of `pnpm demo`. It reads the command line first and answers `--help` before loading
 * the demo, whose imports (the sim, the dialect) need the packages built: help comes at once, even
 * on a fresh clone (the root script skips the build for it, scripts/demo.mjs).
 */
async function main(argv: readonly string[]): Promise<void> {
  const options = parseDemoOptions(argv)
  if (options.help) {
    console.log(USAGE)
    return
  }
  const { runDemo } = await import('./demo.js')
  await runDemo(options)
}

// No process.exit() on success: the demo must end by itself, every pool and server closed.
main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(
    `demo failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
  )
  process.exitCode = 1
})
