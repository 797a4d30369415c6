export { type PgwireAvailability, pgwireAvailability } from './pgwire-availability.js'
export { PgwireStartError, PgwireUnavailableError } from './pgwire-errors.js'
export { type Pgwire, type PgwireBackend, type PgwireOptions, startPgwire } from './start-pgwire.js'
