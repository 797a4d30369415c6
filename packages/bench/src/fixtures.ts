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

/**
 * The bench's tables, named in upper case: iris-pgwire upper-cases the table name of a CREATE TABLE,
 * quoted or not, which IRIS (case-insensitive names) does not notice but the sim behind it
 * (case-sensitive quoted names) would (docs/iris-sql.md#identifiers,
 * docs/iris-sql.md#simulator-limits). PostgreSQL takes the quoted upper-case names as they are.
 */
export interface BenchDB {
  BENCH_ITEM: BenchItemTable
  BENCH_BULK: BenchItemTable
  BENCH_EVENT: BenchEventTable
  BENCH_ACCOUNT: BenchAccountTable
  BENCH_VECTOR: BenchVectorTable
}

export type BenchTable = keyof BenchDB

/** Rows in BENCH_ITEM, which the point, filtered and concurrent selects read (--quick: fewer). */
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
    /** Rows in BENCH_ITEM, ids 1..itemRows, at least 100 per category. */
    readonly itemRows: number,
  ) {
    this.db = db
  }

  static open(target: Target, quick: boolean): Fixtures {
    // Seeding only: the sim parses several mid-sized statements faster than fewer large ones
    // (5 000 rows: 1.9 s in 400-parameter chunks, 5.1 s in the default 2 000-parameter chunks).
    // The chunks need not be atomic (a failed seed fails the scenario, and the tables are dropped
    // at the end), so they are also sent where transactions are not honoured
    // (docs/iris-sql.md#iris-pgwire-transactions).
    const db =
      target.kind === 'iris'
        ? irisDb(target, {
            maxParameters: SEED_MAX_PARAMETERS,
            transactions: 'unsafe-autocommit',
          })
        : pgDb(target)
    return new Fixtures(target, db, quick ? ITEM_ROWS.quick : ITEM_ROWS.full)
  }

  /** BENCH_ITEM with {@link itemRows} rows. */
  items(): Promise<void> {
    return this.#once('BENCH_ITEM', async () => {
      await this.#itemShaped('BENCH_ITEM')
      await this.db.schema
        .createIndex('bench_item_category')
        .on('BENCH_ITEM')
        .column('category')
        .execute()
      await this.db.insertInto('BENCH_ITEM').values(itemRows(this.itemRows)).execute()
    })
  }

  /** BENCH_BULK: empty, the bulk-insert scenario fills it. */
  bulk(): Promise<void> {
    return this.#once('BENCH_BULK', () => this.#itemShaped('BENCH_BULK'))
  }

  /** BENCH_EVENT: an identity key, for single-row inserts. */
  events(): Promise<void> {
    return this.#once('BENCH_EVENT', async () => {
      await this.db.schema
        .createTable('BENCH_EVENT')
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

  /** BENCH_ACCOUNT with {@link ACCOUNTS} accounts, for the transaction scenario. */
  accounts(): Promise<void> {
    return this.#once('BENCH_ACCOUNT', async () => {
      await this.db.schema
        .createTable('BENCH_ACCOUNT')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('balance', 'integer', (c) => c.notNull())
        .execute()
      const rows = Array.from({ length: ACCOUNTS }, (_, i) => ({
        id: i + 1,
        balance: INITIAL_BALANCE,
      }))
      await this.db.insertInto('BENCH_ACCOUNT').values(rows).execute()
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

  async #itemShaped(table: 'BENCH_ITEM' | 'BENCH_BULK'): Promise<void> {
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
