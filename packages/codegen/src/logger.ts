import { LOG_LEVELS, type LogLevel } from './settings.js'

/** Progress and warnings go to stderr, so `--print` output on stdout stays clean. */
export class CodegenLogger {
  readonly level: LogLevel
  readonly #write: (line: string) => void

  constructor(
    level: LogLevel,
    write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.level = level
    this.#write = write
  }

  debug(message: string): void {
    this.#log('debug', message)
  }

  info(message: string): void {
    this.#log('info', message)
  }

  warn(message: string): void {
    this.#log('warn', `warning: ${message}`)
  }

  error(message: string): void {
    this.#log('error', message)
  }

  #log(level: LogLevel, message: string): void {
    if (LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(this.level)) this.#write(message)
  }
}
