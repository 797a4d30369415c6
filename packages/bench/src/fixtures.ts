import { type Generated, type Kysely, sql } from 'kysely'
import { irisDb, pgDb } from './contenders.js'
import { itemRows } from './data.js'
import type { Target } from './targets/target.js'

export interface BenchItemTable {
  id: number
  name: string
  category: number
  score: number
}

export interface BenchEventTable {
  id: Generated<number>
  kind: string
  payload: string
  amount: number
}

export interface BenchAccountTable {
  id: number
  balance: number
}

export interface BenchVectorTable {
  id: number
  embedding: string
}

export interface BenchDB {
  bench_item: BenchItemTable
  bench_bulk: BenchItemTable
  bench_event: BenchEventTable
  bench_account: BenchAccountTable
  bench_vector: BenchVectorTable
}

export type BenchTable = keyof BenchDB

/** Rows in bench_item: point and filtered selects read it. */
/** Rows in bench_item, which the point, filtered and concurrent selects read (--quick: fewer). */
const ITEM_ROWS = { full: 10_000, quick: 5_000 }
export const ACCOUNTS = 100
export const INITIAL_BALANCE = 1_000_000
const SEED_MAX_PARAMETERS = 400

/**
 * The bench's tables on one target, created through the target's own Kysely dialect (IrisDialect
 * on IRIS, PostgresDialect on PostgreSQL) so the DDL is each server's own. Each table is created at
 * most once per target and dropped at the end; a leftover from an earlier run is dropped first.
 */
export class Fixtures {
  readonly db: Kysely<BenchDB>
  readonly #created = new Map<BenchTable, Promise<void>>()

  private constructor(
    readonly target: Target,
    db: Kysely<BenchDB>,
    /** Rows in bench_item, ids 1..itemRows, at least 100 per category. */
    readonly itemRows: number,
  ) {
    this.db = db
  }

  static open(target: Target, quick: boolean): Fixtures {
    // Seeding only: the sim parses several mid-sized statements faster than fewer large ones
    // (5 000 rows: 1.9 s in 400-parameter chunks, 5.1 s in the default 2 000-parameter chunks).
    const db =
      target.kind === 'iris' ? irisDb(target, { maxParameters: SEED_MAX_PARAMETERS }) : pgDb(target)
    return new Fixtures(target, db, quick ? ITEM_ROWS.quick : ITEM_ROWS.full)
  }

  /** bench_item with {@link itemRows} rows. */
  items(): Promise<void> {
    return this.#once('bench_item', async () => {
      await this.#itemShaped('bench_item')
      await this.db.schema
        .createIndex('bench_item_category')
        .on('bench_item')
        .column('category')
        .execute()
      await this.db.insertInto('bench_item').values(itemRows(this.itemRows)).execute()
    })
  }

  /** bench_bulk: empty, the bulk-insert scenario fills it. */
  bulk(): Promise<void> {
    return this.#once('bench_bulk', () => this.#itemShaped('bench_bulk'))
  }

  /** bench_event: an identity key, for single-row inserts. */
  events(): Promise<void> {
    return this.#once('bench_event', async () => {
      await this.db.schema
        .createTable('bench_event')
        .addColumn('id', 'integer', (c) =>
          // IRIS spells an identity column IDENTITY (docs/iris-sql.md#identity-columns); the
          // dialect maps autoIncrement().
          this.target.kind === 'iris'
            ? c.primaryKey().autoIncrement()
            : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('payload', 'varchar(200)', (c) => c.notNull())
        .addColumn('amount', 'integer', (c) => c.notNull())
        .execute()
    })
  }

  /** bench_account with {@link ACCOUNTS} accounts, for the transaction scenario. */
  accounts(): Promise<void> {
    return this.#once('bench_account', async () => {
      await this.db.schema
        .createTable('bench_account')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('balance', 'integer', (c) => c.notNull())
        .execute()
      const rows = Array.from({ length: ACCOUNTS }, (_, i) => ({
        id: i + 1,
        balance: INITIAL_BALANCE,
      }))
      await this.db.insertInto('bench_account').values(rows).execute()
    })
  }

  /** Creates a table once; `create` runs after dropping any leftover of that name. */
  ensure(table: BenchTable, create: () => Promise<void>): Promise<void> {
    return this.#once(table, create)
  }

  async close(): Promise<void> {
    for (const table of [...this.#created.keys()].reverse()) {
      await this.db.schema
        .dropTable(table)
        .ifExists()
        .execute()
        .catch(() => {})
    }
    this.#created.clear()
    await this.db.destroy()
  }

  #once(table: BenchTable, create: () => Promise<void>): Promise<void> {
    let created = this.#created.get(table)
    if (!created) {
      created = this.db.schema.dropTable(table).ifExists().execute().then(create)
      this.#created.set(table, created)
    }
    return created
  }

  async #itemShaped(table: 'bench_item' | 'bench_bulk'): Promise<void> {
    await this.db.schema
      .createTable(table)
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'varchar(64)', (c) => c.notNull())
      .addColumn('category', 'integer', (c) => c.notNull())
      // IRIS's type is DOUBLE (docs/iris-sql.md#column-types); PostgreSQL's is DOUBLE PRECISION.
      .addColumn('score', this.target.kind === 'iris' ? sql`DOUBLE` : 'double precision', (c) =>
        c.notNull(),
      )
      .execute()
  }
}
