/**
 * Whether the real iris-pgwire can run here, for tests that skip (with the reason) when not.
 */
import { findPgwireEnvironment } from './pgwire-environment.js'
import { PgwireUnavailableError } from './pgwire-errors.js'

export type PgwireAvailability = { available: true } | { available: false; reason: string }

export function pgwireAvailability(): PgwireAvailability {
  try {
    findPgwireEnvironment()
    return { available: true }
  } catch (error) {
    if (error instanceof PgwireUnavailableError) return { available: false, reason: error.message }
    throw error
  }
}
