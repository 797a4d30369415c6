/**
 * Runs steps through `pg` clients on one server and records, per step, what a client can see: the
 * result's fields (label and type OID), rows as the text sent, CommandComplete tags, NoData and the
 * ReadyForQuery status, or the error. Two servers that agree give equal transcripts.
 */
import pg from 'pg'
import { extendedQuery } from './extended-query.js'
import { watchMessages } from './wire-messages.js'

export interface Step {
  /** Which client runs it (0-based). */
  client: number
  sql: string
  params?: unknown[]
  /** Force the extended protocol even without parameters. */
  extended?: boolean
}

/** Values as the server sent them, unparsed. */
const rawText = { getTypeParser: () => (value: string) => value }

async function outcome(client: pg.Client, step: Step): Promise<string> {
  try {
    const result = await client.query(
      step.extended
        ? extendedQuery(step.sql, step.params)
        : { text: step.sql, values: step.params },
    )
    const fields = result.fields.map((field) => `${field.name}:${field.dataTypeID}`)
    return `fields=${fields.join(',')} rows=${JSON.stringify(result.rows.map(Object.values))}`
  } catch (error) {
    const { code, message } = error as { code?: string; message: string }
    return `error ${code} ${message}`
  }
}

export async function transcript(
  url: string,
  clientCount: number,
  steps: Step[],
): Promise<string[]> {
  const clients = Array.from({ length: clientCount }, () => {
    const client = new pg.Client({ connectionString: url, types: rawText })
    client.on('error', () => {})
    return client
  })
  await Promise.all(clients.map((client) => client.connect()))
  const watched = clients.map(watchMessages)
  const lines: string[] = []
  try {
    for (const step of steps) {
      const client = clients[step.client]
      const messages = watched[step.client]
      if (!client || !messages)
        throw new Error(`step names client ${step.client}, which is not open`)
      messages.clear()
      const seen = await outcome(client, step)
      const wire = `tags=${messages.tags().join('|')} noData=${messages.noDataCount()} status=${messages.status()}`
      lines.push(`[${step.client}] ${step.sql} -> ${seen} ${wire}`)
    }
  } finally {
    await Promise.allSettled(clients.map((client) => client.end()))
  }
  return lines
}
