import { type Target, targetUnavailable, testTargets } from './targets.js'

/** The part of a test runner's `describe` used here (vitest's, jest's, or node:test's `describe`). */
export interface Describe {
  (name: string, body: () => void): unknown
  skip(name: string, body: () => void): unknown
}

/**
 * Registers `body`'s tests once per target, titled `title (target)`. A target that cannot run here
 * is skipped with the reason in its title, never silently.
 */
export function describeTargets<T extends Target = Target>(
  describe: Describe,
  title: string,
  body: (target: T) => void,
  targets: readonly T[] = testTargets() as readonly T[],
): void {
  for (const target of targets) {
    const reason = targetUnavailable(target)
    const name = `${title} (${target})`
    if (reason) describe.skip(`${name} [skipped: ${reason}]`, () => body(target))
    else describe(name, () => body(target))
  }
}
