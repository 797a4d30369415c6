// The schema a user's migration would create, through the installed kysely-iris: a table with an
// IDENTITY key, a NOT NULL column, a default and a VECTOR column (the type that needs codegen's
// own definitions). Usage: node seed.mjs <url>
import { Kysely, sql } from 'kysely'
import { IrisDialect } from 'kysely-iris'

const db = new Kysely({ dialect: new IrisDialect({ connectionString: process.argv[2] }) })
try {
  await db.schema
    .createTable('consumer_note')
    .addColumn('id', 'integer', (c) => c.identity().primaryKey())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('embedding', sql`VECTOR(FLOAT, 3)`)
    .execute()
} finally {
  await db.destroy()
}
