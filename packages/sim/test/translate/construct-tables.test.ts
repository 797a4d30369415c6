/**
 * The statement and PostgreSQL-syntax tables of the translator are the ones the reference shows
 * (docs/iris-sql.md#statements, docs/iris-sql.md#postgresql-syntax).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { POSTGRES_SYNTAX } from '../../src/translate/postgres-syntax.js'
import { STATEMENT_FORMS } from '../../src/translate/statement-forms.js'

const reference = readFileSync(new URL('../../../../docs/iris-sql.md', import.meta.url), 'utf8')

/** The cells of the table rows of a section whose first cell is code. */
function tableRows(heading: string): string[][] {
  const section = reference.split(`\n### ${heading}\n`)[1]?.split('\n### ')[0] ?? ''
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim()))
}

describe('the construct tables and the reference', () => {
  it('docs/iris-sql.md#statements lists exactly the statements the simulator runs', () => {
    expect(tableRows('Statements')).toEqual(
      STATEMENT_FORMS.map(({ words, source }) => [
        `\`${words.join(' ')}\``,
        source.startsWith('docs/iris-sql.md#')
          ? `[CTEs](#${source.split('#')[1]})`
          : `doc \`${source}\``,
      ]),
    )
  })

  it('docs/iris-sql.md#postgresql-syntax lists exactly the syntax the simulator refuses', () => {
    expect(tableRows('PostgreSQL syntax')).toEqual(
      POSTGRES_SYNTAX.map(({ syntax, section }) => [`\`${syntax}\``, `[${section}](#${section})`]),
    )
  })
})
