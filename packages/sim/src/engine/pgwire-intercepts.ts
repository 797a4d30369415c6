/**
 * The statements iris-pgwire 1.0.1 answers itself, without passing them to its executor
 * (docs/iris-sql.md#iris-pgwire-transactions, docs/iris-sql.md#set-transaction): plain transaction
 * verbs, matched as whole statements (so `BEGIN ISOLATION LEVEL ...` is not one), each path with
 * its own list; and every `SET ...` (on the simple path `RESET ...` too), swallowed: on the simple
 * path only when it names a parameter.
 */
import { SimError } from './types.js'

export type InterceptedVerb = 'BEGIN' | 'COMMIT' | 'ROLLBACK' | 'SET'

const SIMPLE_VERBS: Readonly<Record<string, InterceptedVerb>> = {
  BEGIN: 'BEGIN',
  'START TRANSACTION': 'BEGIN',
  COMMIT: 'COMMIT',
  END: 'COMMIT',
  ROLLBACK: 'ROLLBACK',
}

const EXTENDED_VERBS: Readonly<Record<string, InterceptedVerb>> = {
  BEGIN: 'BEGIN',
  'START TRANSACTION': 'BEGIN',
  'BEGIN WORK': 'BEGIN',
  'BEGIN TRANSACTION': 'BEGIN',
  COMMIT: 'COMMIT',
  'COMMIT WORK': 'COMMIT',
  'COMMIT TRANSACTION': 'COMMIT',
  END: 'COMMIT',
  ROLLBACK: 'ROLLBACK',
  'ROLLBACK WORK': 'ROLLBACK',
  'ROLLBACK TRANSACTION': 'ROLLBACK',
}

/** A SET or RESET iris-pgwire can name a parameter of; any other it refuses on the simple path. */
const SET_SYNTAX = /^(?:SET\s+\w+|RESET\s+(?:\w+|\*))/i

function swallowedSimpleSet(statement: string): InterceptedVerb {
  if (!SET_SYNTAX.test(statement.trim())) {
    throw new SimError({
      severity: 'ERROR',
      code: '42601',
      message: `Invalid SET/RESET command syntax: ${statement.trim()}; write SET <parameter> = <value>`,
    })
  }
  return 'SET'
}

/**
 * The verb iris-pgwire answers `statement` with, or undefined when it passes the statement on.
 * `statement` is one statement of a simple query (split on `;` already), or a prepared one.
 */
export function interceptedVerb(
  statement: string,
  path: 'simple' | 'extended',
): InterceptedVerb | undefined {
  const upper = statement.toUpperCase().trim()
  if (path === 'simple') {
    if (upper.startsWith('SET ') || upper.startsWith('RESET ')) return swallowedSimpleSet(statement)
    return SIMPLE_VERBS[upper]
  }
  const bare = upper.replace(/;+$/, '')
  if (bare.startsWith('SET ')) return 'SET'
  return EXTENDED_VERBS[bare]
}
