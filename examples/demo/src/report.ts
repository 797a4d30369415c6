import { performance } from 'node:perf_hooks'

/** Where the report writes; a test or a caller can capture it. */
export type Write = (line: string) => void

const HEADER_WIDTH = 64
const INDENT = '      '
const MAX_CELL = 44
const SQL_WIDTH = 84

/** Lines a step prints under its header. */
export class StepLog {
  readonly lines: string[] = []

  line(text = ''): void {
    this.lines.push(text === '' ? '' : `${INDENT}${text}`)
  }

  /** The SQL the dialect compiled, wrapped at word boundaries under a `sql:` label. */
  sql(text: string): void {
    const lines: string[] = []
    let current = ''
    for (const word of text.split(/\s+/)) {
      if (current !== '' && current.length + word.length + 1 > SQL_WIDTH) {
        lines.push(current)
        current = word
      } else current = current === '' ? word : `${current} ${word}`
    }
    lines.push(current)
    for (const [i, line] of lines.entries()) this.line(`${i === 0 ? 'sql: ' : '     '}${line}`)
  }

  /** `label  value` pairs with the labels padded to one width. */
  pairs(entries: ReadonlyArray<readonly [string, unknown]>): void {
    const width = Math.max(...entries.map(([label]) => label.length))
    for (const [label, value] of entries) this.line(`${label.padEnd(width)}  ${String(value)}`)
  }

  /** An aligned table: numbers right-aligned, long text cut with an ellipsis. */
  table<Row extends object>(
    rows: readonly Row[],
    columns: ReadonlyArray<keyof Row & string>,
  ): void {
    const cells = rows.map((row) => columns.map((column) => cell(row[column])))
    const widths = columns.map((column, i) =>
      Math.max(column.length, ...cells.map((row) => (row[i] as string).length)),
    )
    const numeric = columns.map((column) => rows.every((row) => typeof row[column] === 'number'))
    const format = (values: readonly string[]) =>
      values
        .map((value, i) =>
          numeric[i] ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd()
    this.line(format(columns))
    this.line(format(widths.map((width) => '-'.repeat(width))))
    for (const row of cells) this.line(format(row))
  }
}

function cell(value: unknown): string {
  const text =
    typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(4) : String(value ?? '')
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text
}

/**
 * Numbered steps, each printed as a header with its timing, then what it showed:
 *
 *     [3/8] Seed with the bulk insert ...................... 1234 ms
 *           inserted 2000 documents in 12 statements
 */
export class Report {
  #step = 0

  constructor(
    private readonly totalSteps: number,
    private readonly write: Write = (line) => process.stdout.write(`${line}\n`),
  ) {}

  title(text: string): void {
    this.write(text)
    this.write('')
  }

  async step<T>(title: string, run: (log: StepLog) => Promise<T>): Promise<T> {
    this.#step += 1
    const log = new StepLog()
    const started = performance.now()
    try {
      const result = await run(log)
      this.#print(title, `${Math.round(performance.now() - started)} ms`, log)
      return result
    } catch (error) {
      this.#print(title, 'FAILED', log)
      throw error
    }
  }

  line(text: string): void {
    this.write(text)
  }

  #print(title: string, status: string, log: StepLog): void {
    const label = `[${this.#step}/${this.totalSteps}] ${title} `
    const dots = '.'.repeat(Math.max(2, HEADER_WIDTH - label.length - status.length))
    this.write(`${label}${dots} ${status}`)
    for (const line of log.lines) this.write(line)
    this.write('')
  }
}
