import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { nearestNeighbors, toVector, vectorType } from '../../src/index.js'
import { settle, waitFor } from '../reliability/fixtures.js'
import { tableName } from '../support/server.js'
import { type TableDefinition, useTestDatabase } from '../support/test-database.js'

/**
 * Load: mixed reads, writes, transactions and vector searches from 100 concurrent workers.
 *
 *   CI (30 s, p50/p99 per 10 s):   npx vitest run test/soak
 *   Nightly (10 min, per minute):  SOAK_SECONDS=600 npx vitest run test/soak
 *
 * Asserts zero errors and zero leaked connections; the long run (SOAK_SECONDS >= 180) also asserts
 * heap growth under 10% between minute 2 and the end, measured after a forced GC.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 30)
const WINDOW_SECONDS = Number(process.env.SOAK_WINDOW_SECONDS ?? (SECONDS >= 120 ? 60 : 10))
const WORKERS = 100
const POOL_SIZE = 20
const DIMENSIONS = 8
const SEED_ROWS = 1000
/** An operation that takes longer counts as an error (a hang), not as a slow success. */
const HANG_AFTER_MS = 30_000
/** Heap is compared from this point on (minute 2), once caches and pools have warmed up. */
const HEAP_BASELINE_SECONDS = 120
const MAX_HEAP_GROWTH = 0.1

type Kind = 'read' | 'write' | 'transaction' | 'vector'

/** `gc()` without restarting node with --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

const randomVector = () => Array.from({ length: DIMENSIONS }, () => Math.random() * 2 - 1)

describe(`soak: ${WORKERS} workers for ${SECONDS} s`, () => {
  /** Searched, read and updated: its size stays fixed, so every window does the same work. */
  const items = tableName('soak_items')
  /** Appended to by writes and transactions; never scanned. */
  const events = tableName('soak_events')
  const notesWithEmbedding: TableDefinition = (create) =>
    create
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('note', 'varchar(40)')
      .addColumn('embedding', vectorType('float', DIMENSIONS))
  const t = useTestDatabase({
    needsSim: true,
    connection: { max: POOL_SIZE },
    tables: { [items]: notesWithEmbedding, [events]: notesWithEmbedding },
    seed: (db) =>
      db
        .insertInto(items)
        .values(
          Array.from({ length: SEED_ROWS }, (_, id) => ({
            id,
            note: `seed ${id}`,
            embedding: toVector(randomVector()),
          })),
        )
        .execute(),
  })

  it(
    'zero errors, zero leaked connections, p50/p99 reported per window',
    async () => {
      const gc = exposeGc()
      let nextId = 1_000_000
      const operations: Record<Kind, () => Promise<void>> = {
        read: async () => {
          const id = Math.floor(Math.random() * SEED_ROWS)
          const rows = await t.db
            .selectFrom(items)
            .select(['id', 'note'])
            .where('id', '=', id)
            .execute()
          if (rows.length !== 1 || Number(rows[0]?.id) !== id)
            throw new Error(`read ${id} got ${JSON.stringify(rows)}`)
        },
        write: async () => {
          await t.db
            .insertInto(events)
            .values({ id: nextId++, note: 'write', embedding: toVector(randomVector()) })
            .execute()
        },
        transaction: async () => {
          const id = nextId++
          await t.db.transaction().execute(async (trx) => {
            await trx
              .insertInto(events)
              .values({ id, note: 'in a transaction', embedding: toVector(randomVector()) })
              .execute()
            await trx
              .updateTable(items)
              .set({ note: `touched by ${id}` })
              .where('id', '=', id % SEED_ROWS)
              .execute()
          })
        },
        vector: async () => {
          const rows = await nearestNeighbors(t.db.selectFrom(items).select('id'), {
            column: 'embedding',
            vector: randomVector(),
            k: 5,
            scoreAs: 'score',
          }).execute()
          const scores = rows.map((row) => Number(row.score))
          if (rows.length !== 5 || scores.some((s, i) => i > 0 && s > (scores[i - 1] ?? s)))
            throw new Error(`vector search returned ${JSON.stringify(rows)}`)
        },
      }
      const mix: Kind[] = [
        ...Array<Kind>(40).fill('read'),
        ...Array<Kind>(20).fill('write'),
        ...Array<Kind>(15).fill('transaction'),
        ...Array<Kind>(25).fill('vector'),
      ]

      const windows = Math.ceil(SECONDS / WINDOW_SECONDS)
      const latencies = Array.from({ length: windows }, () => [] as number[])
      const counts = Array.from({ length: windows }, () => ({
        read: 0,
        write: 0,
        transaction: 0,
        vector: 0,
      }))
      const errors: string[] = []
      const heap: { at: number; used: number }[] = []
      const started = performance.now()
      const deadline = started + SECONDS * 1000

      // CPU this process used per window (the sim runs in it): operations per CPU-second tell a
      // slower simulator from a busier machine.
      const cpuSeconds: number[] = []
      let cpuMark = process.cpuUsage()
      const sampleCpu = () => {
        const { user, system } = process.cpuUsage(cpuMark)
        cpuMark = process.cpuUsage()
        cpuSeconds.push((user + system) / 1e6)
      }
      const sampleHeap = () => {
        gc()
        heap.push({
          at: (performance.now() - started) / 1000,
          used: process.memoryUsage().heapUsed,
        })
      }
      // One sample per window, and the sim's query log (test instrumentation) is emptied with it.
      const sampler = setInterval(() => {
        t.server.sim?.queryLog.clear()
        sampleCpu()
        sampleHeap()
      }, WINDOW_SECONDS * 1000)

      const worker = async () => {
        while (performance.now() < deadline) {
          const kind = mix[Math.floor(Math.random() * mix.length)] ?? 'read'
          const at = performance.now()
          const outcome = await settle(operations[kind](), HANG_AFTER_MS)
          const window = Math.min(windows - 1, Math.floor((at - started) / (WINDOW_SECONDS * 1000)))
          latencies[window]?.push(outcome.ms)
          const count = counts[window]
          if (count) count[kind]++
          if (outcome.status === 'hung') errors.push(`${kind}: hung for ${HANG_AFTER_MS} ms`)
          else if (outcome.status === 'rejected') errors.push(`${kind}: ${String(outcome.error)}`)
        }
      }
      await Promise.all(Array.from({ length: WORKERS }, worker))
      clearInterval(sampler)
      t.server.sim?.queryLog.clear()
      if (cpuSeconds.length < windows) sampleCpu()
      sampleHeap()

      const lines = latencies.map((values, i) => {
        const sorted = [...values].sort((a, b) => a - b)
        const c = counts[i]
        const cpu = cpuSeconds[i] ?? Number.NaN
        return `  ${String(i * WINDOW_SECONDS).padStart(4)}-${String((i + 1) * WINDOW_SECONDS).padEnd(4)} s  ops ${String(values.length).padStart(6)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} ms  cpu ${cpu.toFixed(1)} s (${(values.length / cpu).toFixed(0)} ops/cpu-s)  (read ${c?.read}, write ${c?.write}, tx ${c?.transaction}, vector ${c?.vector})`
      })
      const total = latencies.reduce((sum, values) => sum + values.length, 0)
      const heapLine = heap
        .map((h) => `${h.at.toFixed(0)}s ${(h.used / 2 ** 20).toFixed(1)}MiB`)
        .join(', ')
      console.log(
        [
          `soak: ${WORKERS} workers, ${SECONDS} s, ${total} operations (${(total / SECONDS).toFixed(0)}/s), ${errors.length} errors`,
          ...lines,
          `  heap after GC: ${heapLine}`,
        ].join('\n'),
      )

      expect(errors.slice(0, 5)).toEqual([])
      expect(total).toBeGreaterThan(0)

      // Zero leaked connections: all back in the pool, one server socket each, none after destroy.
      await waitFor(() => t.pool.idleCount === t.pool.totalCount, 'the pool to be at rest')
      expect(t.pool.waitingCount).toBe(0)
      expect(t.pool.totalCount).toBeLessThanOrEqual(POOL_SIZE)
      expect(t.server.sim?.connectionCount()).toBe(t.pool.totalCount)

      if (SECONDS >= HEAP_BASELINE_SECONDS + 60) {
        const baseline = heap.find((h) => h.at >= HEAP_BASELINE_SECONDS - 1)
        const end = heap[heap.length - 1]
        expect(baseline).toBeDefined()
        const growth = ((end?.used ?? 0) - (baseline?.used ?? 0)) / (baseline?.used ?? 1)
        console.log(`  heap growth from minute 2 to the end: ${(growth * 100).toFixed(1)}%`)
        expect(growth).toBeLessThan(MAX_HEAP_GROWTH)
      }

      await t.db.destroy()
      await waitFor(() => t.server.sim?.connectionCount() === 0, 'every server socket to close')
    },
    (SECONDS + 180) * 1000,
  )
})
