import { readFileSync } from 'node:fs'
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'

export interface Machine {
  platform: string
  arch: string
  osRelease: string
  cpuModel: string
  cores: number
  memoryGiB: number
  /** 1-minute load average when the run started: other work on the machine skews figures. */
  loadAverage: number
  node: string
  packages: Record<string, string>
}

const PACKAGES = ['kysely', 'pg', 'kysely-iris', 'kysely-iris-codegen', '@kysely-iris/sim']

/** The version of each measured package, read from the bench's own node_modules links. */
function packageVersion(name: string): string {
  try {
    const path = fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url))
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version
  } catch {
    return 'not installed'
  }
}

export function describeMachine(): Machine {
  const cpu = cpus()
  return {
    platform: platform(),
    arch: arch(),
    osRelease: release(),
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
  }
}
