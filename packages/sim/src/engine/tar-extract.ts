/**
 * Writes the files of a ustar archive (as PGlite's `dumpDataDir('none')` makes) under a directory.
 * Seeding a fresh data directory this way takes well under a second, where PGlite's own
 * `loadDataDir` into a node filesystem takes several.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, normalize, sep } from 'node:path'

const BLOCK = 512

function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length)
  const end = bytes.indexOf(0)
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end))
}

function octal(header: Uint8Array, offset: number, length: number): number {
  return Number.parseInt(field(header, offset, length).trim() || '0', 8)
}

export function extractTar(archive: Uint8Array, directory: string): void {
  let offset = 0
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK)
    if (header.every((byte) => byte === 0)) break // end-of-archive marker
    const prefix = field(header, 345, 155)
    const name = (prefix ? `${prefix}/` : '') + field(header, 0, 100)
    const size = octal(header, 124, 12)
    const mode = octal(header, 100, 8)
    const type = String.fromCharCode(header[156] ?? 0)
    const relative = normalize(name.replace(/^\/+/, ''))
    if (relative.startsWith('..') || relative.includes(`${sep}..${sep}`))
      throw new Error(`unsafe path in archive: ${name}`)
    const target = join(directory, relative)
    offset += BLOCK
    if (type === '5') {
      mkdirSync(target, { recursive: true, mode: mode || 0o700 })
    } else if (type === '0' || type === '\0') {
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, archive.subarray(offset, offset + size), { mode: mode || 0o600 })
    }
    offset += Math.ceil(size / BLOCK) * BLOCK
  }
}
