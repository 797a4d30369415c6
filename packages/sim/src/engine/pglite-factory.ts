/**
 * Opens the PGlite database an engine runs on. Running `initdb` and the bootstrap takes seconds, and
 * many test files start sims, so a bootstrapped data directory is kept as a template: once per
 * process (a module-level promise) and on disk under the OS temp directory, named by the bootstrap
 * version and written atomically. In-memory engines, and fresh data directories, start from it.
 * A data directory that already holds a database is reopened as it is (its committed data kept);
 * it is bootstrapped first if it never was.
 */
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import {
  BOOTSTRAP_MARKER_EXISTS,
  BOOTSTRAP_MARKER_QUERY,
  BOOTSTRAP_SCRIPT,
  BOOTSTRAP_VERSION,
  SESSION_SETUP_SQL,
} from './bootstrap.js'
import { extractTar } from './tar-extract.js'

const extensions = { vector }

const templateDirectory = join(tmpdir(), 'kysely-iris-sim')
const templatePath = join(templateDirectory, `${BOOTSTRAP_VERSION}.tar`)

async function bootstrap(pg: PGlite): Promise<void> {
  await pg.exec(BOOTSTRAP_SCRIPT)
}

/** A day-old template of another bootstrap version is no longer wanted (40 MB each). */
async function pruneStaleTemplates(): Promise<void> {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000
  for (const name of await readdir(templateDirectory)) {
    const path = join(templateDirectory, name)
    if (path === templatePath) continue
    const stats = await stat(path).catch(() => undefined)
    if (stats && stats.mtimeMs < dayAgo) await rm(path, { force: true })
  }
}

async function buildTemplate(): Promise<Blob> {
  const pg = await PGlite.create({ extensions })
  try {
    await bootstrap(pg)
    const dump = await pg.dumpDataDir('none')
    const bytes = new Uint8Array(await dump.arrayBuffer())
    await mkdir(templateDirectory, { recursive: true })
    const partial = `${templatePath}.${process.pid}.${Date.now()}.partial`
    await writeFile(partial, bytes)
    await rename(partial, templatePath) // atomic: readers never see half a file
    await pruneStaleTemplates()
    return new Blob([bytes])
  } finally {
    await pg.close()
  }
}

async function loadTemplate(): Promise<Blob> {
  try {
    return new Blob([await readFile(templatePath)])
  } catch {
    return buildTemplate()
  }
}

let template: Promise<Blob> | undefined

/** The bootstrapped template, built at most once per process (and once per machine while cached). */
function bootstrappedTemplate(): Promise<Blob> {
  template ??= loadTemplate().catch((error: unknown) => {
    template = undefined
    throw error
  })
  return template
}

async function isEmptyDirectory(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true
  return (await readdir(dir)).length === 0
}

async function openDataDir(dataDir: string): Promise<PGlite> {
  if (await isEmptyDirectory(dataDir)) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 })
    extractTar(new Uint8Array(await (await bootstrappedTemplate()).arrayBuffer()), dataDir)
  }
  const pg = await PGlite.create({ dataDir, extensions })
  try {
    const marker = await pg.query<{ present: boolean }>(BOOTSTRAP_MARKER_EXISTS)
    if (!marker.rows[0]?.present) {
      await bootstrap(pg)
      return pg
    }
    const version = (await pg.query<{ version: string }>(BOOTSTRAP_MARKER_QUERY)).rows[0]?.version
    if (version !== BOOTSTRAP_VERSION) {
      throw new Error(
        `data directory ${dataDir} was created by another version of the sim (bootstrap ${version}, this sim ${BOOTSTRAP_VERSION}); use a new directory`,
      )
    }
    return pg
  } catch (error) {
    await pg.close()
    throw error
  }
}

/** Opens the database: in memory from the template, or in `dataDir` (kept across restarts). */
export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  const pg =
    dataDir === undefined
      ? await PGlite.create({ extensions, loadDataDir: await bootstrappedTemplate() })
      : await openDataDir(dataDir)
  await pg.exec(SESSION_SETUP_SQL)
  return pg
}
