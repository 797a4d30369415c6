// A small typed program over the generated `db.d.ts`: it must type-check with skipLibCheck off
// (ours and Kysely's declarations included) and run. Usage: node program.js <url> <label>
import { Kysely } from 'kysely'
import { IrisDialect, toVector } from 'kysely-iris'
import type { DB, Vector } from './db.js'

const [url, label] = process.argv.slice(2)
if (url === undefined || label === undefined) throw new Error('usage: program.js <url> <label>')
const db = new Kysely<DB>({ dialect: new IrisDialect({ connectionString: url }) })

/** Compiled, never run: the generated types must reject these. */
export function rejectedByTheTypes(): void {
  // @ts-expect-error consumer_note has no such column
  db.selectFrom('consumer_note').select('no_such_column')
  // @ts-expect-error id is GeneratedAlways: IRIS assigns it
  db.insertInto('consumer_note').values({ id: 1, title: 'x' })
  // @ts-expect-error a 2-dimension vector is not a 3-dimension one
  const wrong: Vector<3, 'float'> = '' as Vector<2, 'float'>
  void wrong
}

try {
  await db
    .insertInto('consumer_note')
    .values({ title: label, embedding: toVector([1, 2, 3]) })
    .execute()
  const row = await db
    .selectFrom('consumer_note')
    .select(['id', 'title', 'stars', 'embedding'])
    .where('title', '=', label)
    .executeTakeFirstOrThrow()
  const id: number = row.id
  const stars: number = row.stars
  const embedding: Vector<3, 'float'> | null = row.embedding
  console.log(JSON.stringify({ id: typeof id, title: row.title, stars, embedding }))
} finally {
  await db.destroy()
}
