/** A sim on a data directory keeps committed data across a restart, and only committed data. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { createEngine } from '../../src/engine/index.js'
import { runAll } from './helpers.js'

const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

it('keeps committed rows, drops uncommitted ones, across a restart on the same dataDir', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'iris-sim-data-'))
  dirs.push(parent)
  const dataDir = join(parent, 'db') // does not exist yet: created and seeded from the template
  const options = {
    profile: 'iris' as const,
    irisVersion: [2025, 1] as const,
    lockTimeoutMs: 1000,
    dataDir,
  }

  const first = await createEngine(options)
  const writer = first.openSession({ user: 'u', database: 'd' })
  await runAll(writer, 'CREATE TABLE kept (id INTEGER IDENTITY PRIMARY KEY, v VECTOR(FLOAT, 2))')
  await writer.execute('INSERT INTO kept (v) VALUES (TO_VECTOR(?, float))', ['1,2'], [])
  await runAll(writer, 'START TRANSACTION')
  await writer.execute('INSERT INTO kept (v) VALUES (TO_VECTOR(?, float))', ['3,4'], [])
  await first.close() // closes the session mid-transaction: rolled back

  const second = await createEngine(options)
  try {
    const reader = second.openSession({ user: 'u', database: 'd' })
    const [rows] = await runAll(reader, 'SELECT id, v FROM kept')
    expect(rows?.rows).toEqual([['1', '1,2']])
    const [columns] = await runAll(
      reader,
      "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'kept' ORDER BY ORDINAL_POSITION",
    )
    expect(columns?.rows).toEqual([['integer'], ['varchar']])
  } finally {
    await second.close()
  }
})

it('keeps names as created across a restart, and still compares them case-insensitively (docs/iris-sql.md#identifiers)', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'iris-sim-data-'))
  dirs.push(parent)
  const options = {
    profile: 'iris' as const,
    irisVersion: [2025, 1] as const,
    lockTimeoutMs: 1000,
    dataDir: join(parent, 'db'),
  }
  const first = await createEngine(options)
  await runAll(
    first.openSession({ user: 'u', database: 'd' }),
    `CREATE TABLE "Kysely_Migration" (Name VARCHAR(255) PRIMARY KEY, "Timestamp" VARCHAR(255));
     INSERT INTO kysely_migration (name, timestamp) VALUES ('m1', 't1')`,
  )
  await first.close()

  const second = await createEngine(options)
  try {
    const session = second.openSession({ user: 'u', database: 'd' })
    const [rows, columns] = await runAll(
      session,
      `SELECT NAME, "timestamp" FROM "KYSELY_MIGRATION";
       SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'kysely_migration' ORDER BY ORDINAL_POSITION`,
    )
    expect(rows?.fields?.map((field) => field.name)).toEqual(['Name', 'Timestamp'])
    expect(rows?.rows).toEqual([['m1', 't1']])
    expect(columns?.rows).toEqual([
      ['Kysely_Migration', 'Name'],
      ['Kysely_Migration', 'Timestamp'],
    ])
    await expect(runAll(session, 'CREATE TABLE kysely_migration (x INTEGER)')).rejects.toThrow(
      /SQLCODE: <-201>/,
    )
  } finally {
    await second.close()
  }
})
