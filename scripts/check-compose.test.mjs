import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { composeProblems } from './check-compose.mjs'

const compose = readFileSync(new URL('../compose.yaml', import.meta.url), 'utf8')
const workflow = readFileSync(new URL('../.github/workflows/iris.yml', import.meta.url), 'utf8')

describe('check-compose', () => {
  it("accepts the repository's compose file and IRIS workflow", () => {
    expect(composeProblems(compose, workflow)).toEqual([])
  })

  it('rejects YAML that does not parse, or repeats a key', () => {
    expect(composeProblems('services: [', workflow)[0]).toMatch(/^compose\.yaml: not valid YAML/)
    expect(composeProblems(compose, `${workflow}\nname: again\n`)[0]).toMatch(
      /^iris\.yml: not valid YAML: .*unique/i,
    )
  })

  it('names a missing service, setting or published port', () => {
    const problems = composeProblems(
      compose
        .replace('      IRIS_NAMESPACE: USER\n      PGWIRE_HOST', '      PGWIRE_HOST')
        .replace(/PGWIRE_EMBEDDED_PORT:-5433/, 'PGWIRE_EMBEDDED_PORT:-5434'),
      workflow,
    )
    expect(problems).toContain('compose.yaml: "pgwire" does not set IRIS_NAMESPACE')
    expect(problems).toContain('compose.yaml: "iris-embedded" must publish its 5432 on 5433')
    expect(problems).toContain(
      'iris.yml: job "suite" (embedded) sets IRIS_URL to port 5433, which no service it starts publishes',
    )
  })

  it('catches a workflow that starts a service without its profile, or tests without IRIS_URL', () => {
    const problems = composeProblems(
      compose,
      workflow
        .replace('docker compose --profile embedded up', 'docker compose up')
        .replace(/IRIS_URL: .*\n/, 'CI: "true"\n'),
    )
    expect(problems).toContain(
      'iris.yml: job "suite" (embedded) starts "iris-embedded" without its profile embedded',
    )
    expect(problems).toContain(
      'iris.yml: job "suite" (external) runs pnpm test without IRIS_URL=postgres://user:pass@host:port/NS',
    )
  })
})
