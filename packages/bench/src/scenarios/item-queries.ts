import type { Kysely } from 'kysely'
import type { BenchDB } from '../fixtures.js'

/**
 * The reads on BENCH_ITEM, twice: hand-written for raw pg, and through Kysely. The hand-written SQL
 * is what both dialects emit (quoted identifiers, docs/iris-sql.md#identifiers; parameterized LIMIT
 * and OFFSET, docs/iris-sql.md#row-limits), so the contenders send the same statement and differ
 * only in client work.
 */

export const ITEM_COLUMNS = ['id', 'name', 'category', 'score'] as const

export const SELECT_ITEM_BY_ID =
  'select "id", "name", "category", "score" from "BENCH_ITEM" where "id" = $1'

export function selectItemById(db: Kysely<BenchDB>, id: number) {
  return db.selectFrom('BENCH_ITEM').select(ITEM_COLUMNS).where('id', '=', id).execute()
}

export const PAGE_SIZE = 20
export const PAGE_OFFSET = 40

export const SELECT_ITEM_PAGE =
  'select "id", "name", "category", "score" from "BENCH_ITEM" where "category" = $1 order by "score" desc, "id" limit $2 offset $3'

export function selectItemPage(db: Kysely<BenchDB>, category: number) {
  return db
    .selectFrom('BENCH_ITEM')
    .select(ITEM_COLUMNS)
    .where('category', '=', category)
    .orderBy('score', 'desc')
    .orderBy('id')
    .limit(PAGE_SIZE)
    .offset(PAGE_OFFSET)
    .execute()
}
