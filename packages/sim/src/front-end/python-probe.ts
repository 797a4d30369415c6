/**
 * Runs `pgwire/probe.py`: which Python modules the interpreter can import with a given PYTHONPATH.
 */
import { spawnSync } from 'node:child_process'

export interface ModuleCheck {
  ok: boolean
  file?: string | null
  error?: string
}

export interface ProbeReport {
  python: [number, number, number]
  modules: Record<string, ModuleCheck>
}

export type ProbeOutcome = { ok: true; report: ProbeReport } | { ok: false; problem: string }

export function runProbe(
  python: string,
  probeScript: string,
  pythonPath: readonly string[],
  withServer: boolean,
): ProbeOutcome {
  const result = spawnSync(python, [probeScript, ...(withServer ? ['--server'] : [])], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      PYTHONPATH: pythonPath.join(':'),
      // iris-pgwire's source may be read-only (a shared snapshot): never write .pyc next to it.
      PYTHONDONTWRITEBYTECODE: '1',
    },
  })
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code
    return {
      ok: false,
      problem:
        code === 'ENOENT'
          ? `${python} not found: install Python 3.11+ (Debian: apt-get install python3)`
          : `${python} could not run: ${result.error.message}`,
    }
  }
  const line = result.stdout.trim().split('\n').pop() ?? ''
  try {
    return { ok: true, report: JSON.parse(line) as ProbeReport }
  } catch {
    return {
      ok: false,
      problem: `${python} ${probeScript} failed (exit ${result.status}): ${result.stderr.trim().slice(-2000)}`,
    }
  }
}
