/**
 * A query that `pg` sends through the extended protocol even without parameters: `queryMode`
 * (pg 8.9 and later), which @types/pg does not declare.
 */
import type pg from 'pg'

export function extendedQuery(text: string, values?: unknown[]): pg.QueryConfig {
  return { text, values, queryMode: 'extended' } as pg.QueryConfig
}
