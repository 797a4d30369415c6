/**
 * The seam between the translator (src/translate: IRIS SQL text in, plans out; pure, no PGlite) and
 * the engine (src/engine: runs plans on PGlite with IRIS session semantics).
 *
 * The translator decides what IRIS accepts and what it means, from docs/iris-sql.md.
 * The engine decides nothing about SQL text beyond what a plan tells it.
 */

import type { Profile } from '../profiles.js'

/** IRIS version as [major, minor], e.g. [2025, 1]. Below [2025, 1] there is no LIMIT (docs/iris-sql.md#row-limits). */
export type IrisVersion = readonly [number, number]

export interface TranslateOptions {
  profile: Profile
  irisVersion: IrisVersion
  /** `simple` allows several `;`-separated statements; `extended` allows exactly one (docs/iris-sql.md#simple-and-extended-protocol). */
  protocol: 'simple' | 'extended'
  /** The user tables as the last DDL left them; without it no table has a hidden RowID. */
  catalog?: CatalogSnapshot
}

/**
 * What the translator knows of the user tables (docs/iris-sql.md#rowid): a synchronous snapshot
 * the engine takes again after every schema change, when it also drops its cached plans.
 */
export interface CatalogSnapshot {
  /** For a table with a hidden RowID: the columns `*` stands for (stored names, in order). */
  starColumns(table: TableRef): readonly string[] | undefined
  /** A user table's or view's columns (stored names, in order); undefined for an unknown name. */
  columns?(table: TableRef): readonly string[] | undefined
  /**
   * A user table's or view's columns collated EXACT (`COLLATE %EXACT`, stored names), which an
   * ORDER BY sorts in EXACT order (exact-order.ts); undefined for a table without one.
   */
  exactColumns?(table: TableRef): ReadonlySet<string> | undefined
  /** The names of every such column, of any table: empty when there is none. */
  exactColumnNames?: ReadonlySet<string>
  /**
   * A user table's or view's columns (stored names) with their collation keys, for a chain of
   * `||` (chain-collation.ts): two string columns of one IRIS collation have one key; a column
   * whose type takes no collation (a number, a date, bytes) has `''`. Undefined for an unknown
   * name.
   */
  columnCollations?(table: TableRef): ReadonlyMap<string, string> | undefined
}

/** What kind of statement a plan runs; drives SQLCODE choice (-119 vs -120, -121..-124) and tags. */
export type StatementKind =
  | 'select'
  | 'insert'
  | 'update'
  | 'delete'
  | 'ddl'
  | 'transaction'
  | 'lock'
  | 'other'

/** A table by its stored names (names.ts): schema and table name, not quoted. */
export interface TableRef {
  schema: string
  name: string
}

interface PlanBase {
  kind: StatementKind
  /** The IRIS statement text this plan came from (after profile rewrites), for logs and errors. */
  source: string
  /** How many parameters ($1..$n) the plan's SQL takes. `?` markers are numbered in order. */
  paramCount: number
}

/**
 * One item of a SELECT's select list, for its result label (docs/iris-sql.md#labels-and-row-counts):
 * aliased, labelled with the alias as written; a `*`, any number of columns; a column reference
 * (`[t.]c`, `%VID`), labelled with the column's name as created, or as written when it names no
 * table column; or another expression. A table column of a `*` is labelled as created too.
 */
export type SelectItem =
  | {
      type: 'alias'
      label: string
      /** The column an aliased column reference (`[t.]c AS x`) reads, as written. */
      column?: string
    }
  | { type: 'star' }
  | { type: 'column'; name: string }
  | { type: 'expression' }

/** Run PostgreSQL SQL. */
export interface RunPlan extends PlanBase {
  type: 'run'
  /** PostgreSQL SQL with $1..$n parameters. */
  sql: string
  /** INSERT / UPDATE / DELETE: the table written. The engine captures identities of inserts. */
  target?: TableRef
  /**
   * `sql` calls `iris_sim.last_identity()` (the translation of `LAST_IDENTITY()`,
   * docs/iris-sql.md#returning-and-last_identity); the engine first stores this session's last
   * identity where that function reads it.
   */
  readsLastIdentity: boolean
  /** Parameterless SQL run first, in the same atomic step (e.g. CREATE SCHEMA, docs/iris-sql.md#schemas). */
  before: string[]
  /** Parameterless SQL run after `sql` succeeds, in the same atomic step (catalog bookkeeping). */
  after: string[]
  /** DDL: the engine drops what it caches about tables and columns. */
  changesSchema: boolean
  /** Command tag to report instead of PostgreSQL's (e.g. `CREATE INDEX` for a recorded HNSW index). */
  commandTag?: string
  /** SELECT: the items of its (first) select list, from which the engine labels the result columns. */
  labels?: SelectItem[]
  /** SELECT: the aliases of its derived tables' and CTEs' select lists, for the columns read from them. */
  derivedLabels?: string[]
}

/** `INSERT OR UPDATE` (docs/iris-sql.md#upsert): update the row any unique key matches, else insert. */
export interface UpsertPlan extends PlanBase {
  type: 'upsert'
  target: TableRef
  /** Column names, stored (not quoted). */
  columns: string[]
  /** One SQL expression per column, per row; may reference $n. */
  rows: string[][]
}

/** `START TRANSACTION [ISOLATION LEVEL ...] [READ ONLY | READ WRITE]` / `BEGIN` (docs/iris-sql.md#transactions). */
export interface BeginPlan extends PlanBase {
  type: 'begin'
  isolation: 'READ UNCOMMITTED' | 'READ COMMITTED' | 'READ VERIFIED'
  readOnly: boolean
}

export interface CommitPlan extends PlanBase {
  type: 'commit'
}

export interface RollbackPlan extends PlanBase {
  type: 'rollback'
}

/** `SAVEPOINT name`; `name` is stored (not quoted). */
export interface SavepointPlan extends PlanBase {
  type: 'savepoint'
  name: string
}

export interface RollbackToSavepointPlan extends PlanBase {
  type: 'rollbackToSavepoint'
  name: string
}

/** `LOCK TABLE t IN EXCLUSIVE MODE [WAIT s]`: held by the session until unlocked (docs/iris-sql.md#table-locks). */
export interface LockTablePlan extends PlanBase {
  type: 'lockTable'
  target: TableRef
  /** Seconds to wait; absent means the engine's lock timeout. */
  waitSeconds?: number
}

export interface UnlockTablePlan extends PlanBase {
  type: 'unlockTable'
  target: TableRef
}

/** Accepted and ignored (e.g. `SET TRANSACTION`, which pgwire swallows, docs/iris-sql.md#set-transaction). */
export interface NoopPlan extends PlanBase {
  type: 'noop'
  commandTag: string
}

export type Plan =
  | RunPlan
  | UpsertPlan
  | BeginPlan
  | CommitPlan
  | RollbackPlan
  | SavepointPlan
  | RollbackToSavepointPlan
  | LockTablePlan
  | UnlockTablePlan
  | NoopPlan
