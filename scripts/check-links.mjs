#!/usr/bin/env node
// Keeps every reference inside the repository, because users clone it (or install it from npm)
// without anything beside it:
// - every relative link in a Markdown file resolves to a file in the repository, and a link with
//   an #anchor to a heading that exists there;
// - so does every absolute link to a file of the repository on GitHub (`<repository>/blob/main/…`
//   or `/tree/main/…`, the repository being root package.json's `repository.url`): it is checked
//   against the local file, anchor included;
// - the Markdown files at the top of a published package (one whose package.json is not private)
//   have no relative links, because npm shows them without the repository around them;
// - every citation of the IRIS reference in any file (its path, a hash and a heading's anchor)
//   names a heading that exists, so a quirk the code handles always points at the fact and its
//   source;
// - no file names a path that climbs out of the repository, nor the fact sheet the reference
//   replaced. `.ci/` is exempt: CI locates test inputs beside the clone.
//
// Usage: node scripts/check-links.mjs [root]   (root: the repository to check, by default this one)
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import GithubSlugger from 'github-slugger'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString as nodeText } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'

const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'))
const reference = 'docs/iris-sql.md'
const repositoryUrl = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  .repository.url.replace(/^git\+/, '')
  .replace(/\.git$/, '')

const files = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\0')
  .filter((file) => file !== '' && existsSync(join(root, file)))

const problems = []
const report = (file, line, message) => {
  problems.push(`${file}:${line ?? 1}: ${message}`)
}

const anchorCache = new Map()
/** The anchors GitHub gives a Markdown file's headings, plus explicit `<a id>` / `<a name>` ones. */
function anchorsOf(file) {
  let anchors = anchorCache.get(file)
  if (anchors) return anchors
  const slugger = new GithubSlugger()
  const text = readFileSync(join(root, file), 'utf8')
  anchors = new Set()
  visit(fromMarkdown(text), 'heading', (node) => anchors.add(slugger.slug(nodeText(node))))
  for (const match of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1])
  anchorCache.set(file, anchors)
  return anchors
}

const insideRepo = (absolute) => absolute === root || absolute.startsWith(root + sep)

function checkRelativeLink(file, line, target) {
  const [path, anchor] = splitAnchor(target)
  const absolute = path === '' ? join(root, file) : resolve(dirname(join(root, file)), path)
  checkTarget(file, line, target, absolute, anchor)
}

const repositoryFile = new RegExp(`^${escapeRegExp(repositoryUrl)}/(?:blob|tree)/([^/#]+)/([^#]*)`)

/** A link to a file of this repository on GitHub must name one that exists here, on main. */
function checkRepositoryLink(file, line, url) {
  const match = repositoryFile.exec(url)
  if (!match) return
  if (match[1] !== 'main') return report(file, line, `link into the repository not on main: ${url}`)
  const [, anchor] = splitAnchor(url)
  checkTarget(file, line, url, resolve(root, decodeURI(match[2])), anchor)
}

function checkTarget(file, line, target, absolute, anchor) {
  if (!insideRepo(absolute)) return report(file, line, `link leaves the repository: ${target}`)
  const inRepo = relative(root, absolute)
  if (!existsSync(absolute)) return report(file, line, `link to a missing file: ${target}`)
  if (anchor === undefined || statSync(absolute).isDirectory() || !inRepo.endsWith('.md')) return
  if (!anchorsOf(inRepo).has(anchor))
    report(file, line, `no heading in ${inRepo} has the anchor #${anchor}: ${target}`)
}

function splitAnchor(target) {
  const hash = target.indexOf('#')
  if (hash < 0) return [decodeURI(target), undefined]
  return [decodeURI(target.slice(0, hash)), decodeURIComponent(target.slice(hash + 1))]
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const isExternal = (url) => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')

/** The folders of the packages that go to npm: the Markdown files at their top are read there. */
const publishedPackages = files
  .filter((file) => /^packages\/[^/]+\/package\.json$/.test(file))
  .filter((file) => !JSON.parse(readFileSync(join(root, file), 'utf8')).private)
  .map((file) => dirname(file))
const isPublished = (file) => publishedPackages.includes(dirname(file))

for (const file of files.filter((name) => name.endsWith('.md'))) {
  const tree = fromMarkdown(readFileSync(join(root, file), 'utf8'))
  visit(tree, (node) => {
    if ((node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') || !node.url)
      return
    const line = node.position?.start.line
    if (isExternal(node.url)) {
      checkRepositoryLink(file, line, node.url)
      return
    }
    if (isPublished(file) && !node.url.startsWith('#')) {
      const [path, anchor] = splitAnchor(node.url)
      const absolute = relative(root, resolve(dirname(join(root, file)), path))
      const fix = `${repositoryUrl}/blob/main/${absolute}${anchor === undefined ? '' : `#${anchor}`}`
      report(
        file,
        line,
        `relative link in a published package, dead on npm: ${node.url} (use ${fix})`,
      )
    }
    checkRelativeLink(file, line, node.url)
  })
}

const textExtensions = /\.(md|ts|mts|cts|js|mjs|cjs|json|ya?ml|py|sh|toml|txt)$|(^|\/)[^./]+$/
const citation = new RegExp(`${reference.replace('.', '\\.')}#([\\w-]+)`, 'g')
const climbingPath = /(?<![\w.])(?:\.\.\/)+[\w@.-]+(?:\/[\w@.-]+)*/g
// The project's IRIS facts once lived in a sheet outside the repository; its name and section
// signs must not come back. (Each first letter sits in a character class, so that a plain-text
// search of the repository for those names does not find this line.)
const outsideSources = /\.\.\/[s]hared\b|iris-[c]ontract|[c]ontract §/

for (const file of files) {
  if (!textExtensions.test(file) || file === 'pnpm-lock.yaml' || file.startsWith('.ci/')) continue
  const lines = readFileSync(join(root, file), 'utf8').split('\n')
  lines.forEach((text, index) => {
    for (const match of text.matchAll(citation)) {
      if (!anchorsOf(reference).has(match[1]))
        report(file, index + 1, `cites ${match[0]}, but the reference has no such heading`)
    }
    if (outsideSources.test(text))
      report(file, index + 1, `cites a source outside the repository; cite ${reference} instead`)
    for (const match of text.matchAll(climbingPath)) {
      if (!insideRepo(resolve(dirname(join(root, file)), match[0])))
        report(file, index + 1, `names a path outside the repository: ${match[0]}`)
    }
  })
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem)
  console.error(`${problems.length} broken reference(s): fix the link or add the heading`)
  process.exit(1)
}
console.log(
  `links ok: ${files.length} files, every link into the repository and reference citation resolves`,
)
