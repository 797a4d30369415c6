#!/usr/bin/env node
// Checks the files that put a real IRIS one command away, which cannot run on the project's own
// machines (no Docker there): compose.yaml and .github/workflows/iris.yml must parse as YAML and
// keep the shape the README describes:
// - compose: IRIS (`iris`) with a healthcheck, iris-pgwire's external backend (`pgwire`) waiting
//   for it and publishing 5432 with every setting its server reads, and the embedded backend
//   (`iris-embedded`, profile `embedded`) publishing 5433;
// - workflow: triggers, and a job whose steps start a compose service that exists, on its
//   profile, and run the suite with IRIS_URL on the port that service publishes.
//
// Usage: node scripts/check-compose.mjs [root]   (root: the repository to check, by default this one)
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/** The settings iris-pgwire's external server reads at start (docs/iris-sql.md#iris-pgwire-backends). */
const PGWIRE_SETTINGS = [
  'IRIS_HOST',
  'IRIS_PORT',
  'IRIS_USERNAME',
  'IRIS_PASSWORD',
  'IRIS_NAMESPACE',
]

/** Parses YAML strictly (duplicate keys and bad syntax are errors). */
function parseYaml(text, name, problems) {
  try {
    return parse(text, { uniqueKeys: true, prettyErrors: true, strict: true })
  } catch (error) {
    problems.push(`${name}: not valid YAML: ${error.message}`)
    return undefined
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The host port a service publishes for `containerPort`, with `${VAR:-default}` resolved to default. */
function publishedPort(service, containerPort) {
  for (const mapping of service.ports ?? []) {
    const text = String(mapping).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')
    const match = /^(?:[\d.]+:)?(\d+):(\d+)$/.exec(text)
    if (match && Number(match[2]) === containerPort) return Number(match[1])
  }
  return undefined
}

function checkCompose(compose, problems) {
  const services = isObject(compose?.services) ? compose.services : undefined
  if (!services) {
    problems.push('compose.yaml: no services')
    return {}
  }
  for (const name of ['iris', 'pgwire', 'iris-embedded']) {
    const service = services[name]
    if (!isObject(service)) {
      problems.push(`compose.yaml: service "${name}" is missing`)
      continue
    }
    if (typeof service.image !== 'string' || service.image === '')
      problems.push(`compose.yaml: service "${name}" has no image`)
    if (!Array.isArray(service.healthcheck?.test))
      problems.push(`compose.yaml: service "${name}" has no healthcheck test`)
  }
  const pgwire = services.pgwire ?? {}
  if (pgwire.depends_on?.iris?.condition !== 'service_healthy')
    problems.push(
      'compose.yaml: "pgwire" must wait for "iris" (depends_on condition service_healthy)',
    )
  for (const setting of PGWIRE_SETTINGS) {
    if (!isObject(pgwire.environment) || !(setting in pgwire.environment))
      problems.push(`compose.yaml: "pgwire" does not set ${setting}`)
  }
  if (!JSON.stringify(pgwire.command ?? '').includes('python -m iris_pgwire.server'))
    problems.push('compose.yaml: "pgwire" must run python -m iris_pgwire.server')
  const embedded = services['iris-embedded'] ?? {}
  if (!JSON.stringify(embedded.command ?? '').includes('irispython -m iris_pgwire.server'))
    problems.push('compose.yaml: "iris-embedded" must run irispython -m iris_pgwire.server')
  if (!(embedded.profiles ?? []).includes('embedded'))
    problems.push('compose.yaml: "iris-embedded" must be in profile "embedded"')
  const ports = {
    pgwire: publishedPort(pgwire, 5432),
    'iris-embedded': publishedPort(embedded, 5432),
  }
  if (ports.pgwire !== 5432) problems.push('compose.yaml: "pgwire" must publish 5432')
  if (ports['iris-embedded'] !== 5433)
    problems.push('compose.yaml: "iris-embedded" must publish its 5432 on 5433')
  return { services, ports }
}

/** The compose services a `docker compose ... up` command starts, and the profiles it enables. */
function composeUp(command) {
  const words = command.trim().split(/\s+/)
  if (words[0] !== 'docker' || words[1] !== 'compose') return undefined
  const profiles = []
  const services = []
  let up = false
  for (let i = 2; i < words.length; i++) {
    const word = words[i]
    if (word === '--profile') profiles.push(words[++i])
    else if (word === 'up') up = true
    else if (up && !word.startsWith('-')) services.push(word)
  }
  return up ? { profiles, services } : undefined
}

function checkWorkflow(workflow, compose, problems) {
  if (!isObject(workflow)) {
    problems.push('iris.yml: not a mapping')
    return
  }
  if (workflow.on === undefined) problems.push('iris.yml: no "on" triggers')
  const jobs = isObject(workflow.jobs) ? Object.entries(workflow.jobs) : []
  if (jobs.length === 0) problems.push('iris.yml: no jobs')
  for (const [id, job] of jobs) {
    if (typeof job['runs-on'] !== 'string') problems.push(`iris.yml: job "${id}" has no runs-on`)
    const steps = Array.isArray(job.steps) ? job.steps : []
    if (steps.length === 0) problems.push(`iris.yml: job "${id}" has no steps`)
    for (const [index, step] of steps.entries()) {
      if (!isObject(step) || (typeof step.uses !== 'string') === (typeof step.run !== 'string'))
        problems.push(`iris.yml: job "${id}" step ${index + 1} needs exactly one of uses and run`)
    }
    const runs = job.strategy?.matrix?.include ?? [{}]
    for (const entry of runs) {
      const expand = (text) =>
        String(text).replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, key) => String(entry[key] ?? ''))
      const commands = steps
        .filter((step) => typeof step?.run === 'string')
        .map((step) => expand(step.run))
      const up = commands.map(composeUp).find((found) => found !== undefined)
      const label = `iris.yml: job "${id}"${entry.backend ? ` (${entry.backend})` : ''}`
      if (!up) {
        problems.push(`${label} never runs docker compose up`)
        continue
      }
      const started = up.services.length > 0 ? up.services : ['iris', 'pgwire']
      for (const name of started) {
        const service = compose.services?.[name]
        if (!service) problems.push(`${label} starts "${name}", which compose.yaml does not define`)
        else if (service.profiles && !service.profiles.some((p) => up.profiles.includes(p)))
          problems.push(
            `${label} starts "${name}" without its profile ${service.profiles.join(', ')}`,
          )
      }
      const test = steps.find((step) => /\bpnpm(@[\d.]+)? test\b/.test(step?.run ?? ''))
      const url = test ? expand(test.env?.IRIS_URL ?? '') : ''
      const port = /^postgres:\/\/[^@]+@[^:/]+:(\d+)\/\w+$/.exec(url)?.[1]
      if (!test) problems.push(`${label} never runs pnpm test`)
      else if (!port)
        problems.push(`${label} runs pnpm test without IRIS_URL=postgres://user:pass@host:port/NS`)
      else if (!started.some((name) => compose.ports?.[name] === Number(port)))
        problems.push(
          `${label} sets IRIS_URL to port ${port}, which no service it starts publishes`,
        )
    }
  }
}

/** Every problem found in the compose file and the workflow (texts), as messages. */
export function composeProblems(composeText, workflowText) {
  const problems = []
  const compose = parseYaml(composeText, 'compose.yaml', problems)
  const workflow = parseYaml(workflowText, 'iris.yml', problems)
  const checked = compose === undefined ? {} : checkCompose(compose, problems)
  if (workflow !== undefined) checkWorkflow(workflow, checked, problems)
  return problems
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'))
  const problems = composeProblems(
    readFileSync(join(root, 'compose.yaml'), 'utf8'),
    readFileSync(join(root, '.github/workflows/iris.yml'), 'utf8'),
  )
  for (const problem of problems) console.error(problem)
  if (problems.length > 0) process.exit(1)
}
