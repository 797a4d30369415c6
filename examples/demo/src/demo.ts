import { generateTypes, updateCommittedTypes, verifyCommittedTypes } from './codegen.js'
import { type DemoDatabase, openDatabase } from './database.js'
import { migrateToLatest, migrateToNothing } from './migrations/index.js'
import type { DemoOptions } from './options.js'
import { joinAndPage } from './queries/join-and-page.js'
import { savepointRollback } from './queries/savepoint-rollback.js'
import { uniqueViolation } from './queries/unique-violation.js'
import { upsert } from './queries/upsert.js'
import { vectorSearch } from './queries/vector-search.js'
import { Report } from './report.js'
import { refuseForeignTables } from './schema-guard.js'
import { countStore, DOCUMENT_COUNT, seedStore } from './seed.js'

const STEPS = 10

/** The demo's steps, in order, with the options of the command line. */
export async function runDemo(options: DemoOptions): Promise<void> {
  const report = new Report(STEPS)
  report.title('kysely-iris demo: a document store on IRIS, with vectors, codegen and typed errors')

  const database: DemoDatabase = await report.step('Start the database', async (log) => {
    const opened = await openDatabase({
      irisUrl: options.irisUrl,
      schema: options.schema,
      dataDir: options.dataDir,
      wipeDataDir: options.fresh,
      profile: options.profile,
      irisVersion: options.irisVersion,
    })
    log.line(opened.description)
    log.line(`the demo's tables live in schema ${opened.schema}`)
    if (options.fresh && options.irisUrl === undefined)
      log.line('--fresh: wiped the data directory first')
    return opened
  })
  const { db } = database
  let closed = false
  try {
    await report.step('Migrate (Kysely Migrator, migrations in code)', async (log) => {
      if (options.allowOtherTables) log.line('--allow-other-tables: not checking the schema')
      else await refuseForeignTables(db, database.schema)
      if (options.fresh && options.irisUrl !== undefined) {
        const down = await migrateToNothing(db, database.schema)
        log.line(`--fresh: migrated ${down.results?.length ?? 0} migrations down`)
      }
      const { results = [] } = await migrateToLatest(db, database.schema)
      if (results.length === 0) log.line('migrations up to date')
      for (const result of results) log.line(`applied ${result.migrationName}`)
    })

    await report.step('Seed with the bulk insert', async (log) => {
      const found = await countStore(db)
      if (found.documents > 0) {
        log.line(
          `found existing data: ${found.authors} authors, ${found.documents} documents, ` +
            `${found.tags} tags, ${found.documentTags} document tags; not seeding again`,
        )
        return
      }
      const started = performance.now()
      const seeded = await seedStore(db, DOCUMENT_COUNT)
      const seconds = (performance.now() - started) / 1000
      log.line(
        `inserted ${seeded.authors} authors, ${seeded.documents} documents (with 384-d embeddings), ` +
          `${seeded.tags} tags, ${seeded.documentTags} document tags`,
      )
      const statements = database.countStatements?.(
        new RegExp(`^insert into "${database.schema}"\\."DOCUMENT" `, 'i'),
      )
      log.line(
        `${Math.round(seeded.documents / seconds)} documents/s, ` +
          (seeded.inTransaction
            ? 'in one transaction'
            : 'without a transaction (kysely-iris refused one: this front end does not honour transactions)') +
          (statements === undefined
            ? ''
            : `; the documents went in ${statements} INSERT statements`),
      )
    })

    await report.step('Generate types with iris-codegen', async (log) => {
      const generated = await generateTypes(database.url, database.schema)
      log.line(`iris-codegen wrote ${generated.lines} lines: ${generated.interfaces.join(', ')}`)
      const vectorLine = generated.text.split('\n').find((line) => line.includes('embedding'))
      if (vectorLine !== undefined) log.line(`DOCUMENT.embedding is typed as: ${vectorLine.trim()}`)
      if (options.updateTypes) {
        await updateCommittedTypes(database.url, database.schema)
        log.line('--update-types: rewrote src/db.d.ts')
      }
      await verifyCommittedTypes(database.url, database.schema)
      log.line('iris-codegen --verify: src/db.d.ts (committed, used by these queries) is current')
    })

    await report.step('A join, and a page of results', (log) => joinAndPage(db, log))
    await report.step('An upsert with replaceInto', (log) => upsert(db, log))
    const savepoint = await report.step('A transaction whose savepoint is rolled back', (log) =>
      savepointRollback(db, log),
    )
    const hits = await report.step('A vector top-k search, with scores', (log) =>
      vectorSearch(db, log),
    )
    const violation = await report.step('A unique violation caught as a typed IrisError', (log) =>
      uniqueViolation(db, log),
    )
    const counts = await countStore(db)

    await report.step('Stop', async (log) => {
      closed = true
      await database.close()
      log.line(options.irisUrl === undefined ? 'pool destroyed, sim stopped' : 'pool destroyed')
    })
    report.line(
      `facts: ${JSON.stringify({
        ...counts,
        transaction: savepoint.transaction,
        documentsAfterSavepointRollback: savepoint.documents,
        topK: hits.map((hit) => hit.slug),
        topKScores: hits.map((hit) => Number(hit.score.toFixed(6))),
        uniqueViolation: violation,
      })}`,
    )
  } finally {
    if (!closed) await database.close()
  }
}
