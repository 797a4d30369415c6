/**
 * The backend messages a `pg` client saw for its last query that `pg`'s result does not show:
 * CommandComplete tags, NoData, and the transaction status of ReadyForQuery.
 *
 *   const seen = watchMessages(client)
 *   await client.query('BEGIN')
 *   seen.tags()      // ['BEGIN']
 *   seen.status()    // 'T'
 */
import type pg from 'pg'

export interface WireMessages {
  /** CommandComplete tags since the last `clear()`. */
  tags(): string[]
  /** How many NoData messages arrived since the last `clear()`. */
  noDataCount(): number
  /** The status byte of the last ReadyForQuery: `I` or `T`. */
  status(): string | undefined
  clear(): void
}

interface ConnectionEvents {
  on(event: string, listener: (message: Record<string, unknown>) => void): void
}

export function watchMessages(client: pg.Client): WireMessages {
  const connection = (client as unknown as { connection: ConnectionEvents }).connection
  let tags: string[] = []
  let noData = 0
  let status: string | undefined
  connection.on('commandComplete', (message) => tags.push(String(message.text)))
  connection.on('noData', () => noData++)
  connection.on('readyForQuery', (message) => {
    status = String(message.status)
  })
  return {
    tags: () => [...tags],
    noDataCount: () => noData,
    status: () => status,
    clear() {
      tags = []
      noData = 0
    },
  }
}
