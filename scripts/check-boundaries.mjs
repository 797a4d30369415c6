#!/usr/bin/env node
// The sim and the dialect both follow the project's IRIS reference (docs/iris-sql.md) independently;
// neither may import the other's source, so that the sim stays an honest check on the dialect. Tests of the dialect
// may start the sim as a fixture (it is a devDependency), but nothing under src/ may reach across.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const rules = [
  {
    dir: 'packages/sim/src',
    forbidden: [/from ['"]kysely-iris(\/[^'"]*)?['"]/, /packages\/dialect/],
  },
  { dir: 'packages/dialect/src', forbidden: [/from ['"]@kysely-iris\/sim['"]/, /packages\/sim/] },
]

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (/\.(ts|js|mjs|cjs)$/.test(name)) yield path
  }
}

let failures = 0
for (const { dir, forbidden } of rules) {
  for (const file of files(dir)) {
    const text = readFileSync(file, 'utf8')
    for (const pattern of forbidden) {
      if (pattern.test(text)) {
        console.error(`${file}: imports across the sim/dialect boundary (${pattern})`)
        failures++
      }
    }
  }
}
if (failures > 0) process.exit(1)
console.log('boundaries ok: packages/sim and packages/dialect do not import each other')
