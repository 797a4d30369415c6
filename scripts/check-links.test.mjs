import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const checker = fileURLToPath(new URL('./check-links.mjs', import.meta.url))
const repository = 'https://github.com/example/project'
const made = []
// Spelled in parts, so that the link check of this repository does not take the fixtures for
// paths out of it or citations of its own reference.
const up = '../'.repeat(2)
const nowhere = ['docs/iris-sql.md', 'nowhere'].join('#')

/** A throw-away git repository holding `files` (path → text), as the checker reads one. */
function repositoryWith(files) {
  const root = mkdtempSync(join(tmpdir(), 'check-links-'))
  made.push(root)
  const all = {
    'package.json': JSON.stringify({ private: true, repository: { url: `git+${repository}.git` } }),
    'docs/iris-sql.md': '# Reference\n\n## Topology\n',
    ...files,
  }
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  execFileSync('git', ['init', '-q'], { cwd: root })
  return root
}

function check(root) {
  const run = spawnSync(process.execPath, [checker, root], { encoding: 'utf8' })
  return {
    status: run.status,
    problems: run.stderr.split('\n').filter((l) => /^\S+:\d+: /.test(l)),
  }
}

afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true })
})

describe('check-links', () => {
  it('accepts links that resolve, relative or absolute into the repository on main', () => {
    const root = repositoryWith({
      'packages/lib/package.json': JSON.stringify({ name: 'lib' }),
      'packages/lib/README.md': [
        `[ref](${repository}/blob/main/docs/iris-sql.md#topology)`,
        `[folder](${repository}/tree/main/docs)`,
        `[issues](${repository}/issues) [elsewhere](https://example.org/x.md) [here](#lib)`,
        '',
        '# lib',
      ].join('\n'),
      'packages/tool/package.json': JSON.stringify({ name: 'tool', private: true }),
      'packages/tool/README.md': `[ref](${up}docs/iris-sql.md#topology)\n`,
    })
    expect(check(root)).toEqual({ status: 0, problems: [] })
  })

  it('reports absolute links to a missing file, a missing anchor or another branch', () => {
    const root = repositoryWith({
      'docs/guide.md': '# Guide\n',
      'README.md': [
        `[a](${repository}/blob/main/docs/missing.md)`,
        `[b](${repository}/blob/main/docs/guide.md#no-such-heading)`,
        `[c](${repository}/blob/dev/docs/iris-sql.md)`,
      ].join('\n'),
    })
    expect(check(root)).toEqual({
      status: 1,
      problems: [
        `README.md:1: link to a missing file: ${repository}/blob/main/docs/missing.md`,
        `README.md:2: no heading in docs/guide.md has the anchor #no-such-heading: ${repository}/blob/main/docs/guide.md#no-such-heading`,
        `README.md:3: link into the repository not on main: ${repository}/blob/dev/docs/iris-sql.md`,
      ],
    })
  })

  it('reports a relative link in a published package, with the absolute link to use', () => {
    const root = repositoryWith({
      'packages/lib/package.json': JSON.stringify({ name: 'lib' }),
      'packages/lib/README.md': `[ref](${up}docs/iris-sql.md#topology)\n`,
    })
    expect(check(root)).toEqual({
      status: 1,
      problems: [
        `packages/lib/README.md:1: relative link in a published package, dead on npm: ${up}docs/iris-sql.md#topology (use ${repository}/blob/main/docs/iris-sql.md#topology)`,
      ],
    })
  })

  it('reports a broken relative link and a citation of a missing heading', () => {
    const root = repositoryWith({
      'docs/guide.md': '[a](missing.md) [b](iris-sql.md#nowhere)\n',
      'src/code.ts': `// ${nowhere}\n`,
    })
    expect(check(root).problems).toEqual([
      'docs/guide.md:1: link to a missing file: missing.md',
      'docs/guide.md:1: no heading in docs/iris-sql.md has the anchor #nowhere: iris-sql.md#nowhere',
      `src/code.ts:1: cites ${nowhere}, but the reference has no such heading`,
    ])
  })
})
