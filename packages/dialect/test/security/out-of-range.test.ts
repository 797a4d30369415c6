import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  cosineSimilarity,
  DEFAULT_MAX_PARAMETERS,
  IrisConfigError,
  IrisDialect,
  IrisError,
  IrisInputError,
  IrisVectorMismatchError,
  MAX_VECTOR_DIMENSIONS,
  nearestNeighbors,
  toVector,
  vectorType,
} from '../../src/index.js'
import { connect, SIM_TARGETS, tableName } from '../support/server.js'
import { useTestDatabase } from '../support/test-database.js'

/**
 * Out-of-range input on the sim's targets (SIM_TARGETS). Each is either a typed error raised before anything
 * is sent (checked in the sim's query log), or the documented behaviour.
 */

/** `[1, <hole>, 3]`: a sparse array, as `new Array(3)` filled partly. */
function holey(): number[] {
  const values = new Array<number>(3)
  values[0] = 1
  values[2] = 3
  return values
}

/** Valid, and beyond what a JS number holds exactly (2^53) or what BIGINT holds (2^63 - 1). */
const BIGINTS = [2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), -(2n ** 53n) - 3n]

describe.each(SIM_TARGETS)('out-of-range input (needs the sim; %s)', (target) => {
  const numbers = tableName('oor_numbers')
  const dates = tableName('oor_dates')
  const vectors = tableName('oor_vectors')
  const wide = tableName('oor_wide')
  /** Its connection reads BIGINT as bigint (`int8: 'bigint'`), so integers past 2^53 stay exact. */
  const exact = useTestDatabase({
    target,
    needsSim: true,
    connection: { int8: 'bigint' },
    tables: {
      [numbers]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('big', 'bigint')
          .addColumn('dbl', 'double precision'),
      [dates]: (create) =>
        create.addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('at', 'timestamp'),
      [vectors]: (create) =>
        create
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('embedding', vectorType('double', 3)),
      [wide]: (create) =>
        create.addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'varchar(20)'),
    },
  })

  /** Runs `attempt`, expects `error`, and checks that nothing reached the server. */
  async function refusedBeforeSending(attempt: () => Promise<unknown>, error: RegExp) {
    exact.server.sim?.queryLog.clear()
    const failure = await attempt().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(failure).toBeInstanceOf(IrisInputError)
    expect((failure as Error).message).toMatch(error)
    expect(exact.server.sim?.queryLog.entries).toEqual([])
  }

  describe('integers past 2^53', () => {
    it.each(BIGINTS.map((n, i) => [String(n), n, i + 1] as const))(
      'BigInt %s round-trips exactly into BIGINT (int8: bigint and string)',
      async (_name, value, id) => {
        await exact.db.insertInto(numbers).values({ id, big: value }).execute()
        const row = await exact.db
          .selectFrom(numbers)
          .select('big')
          .where('id', '=', id)
          .where('big', '=', value)
          .executeTakeFirstOrThrow()
        expect(row.big).toBe(value)
        const asText = connect(exact.server, { int8: 'string' })
        try {
          const text = await asText.db
            .selectFrom(numbers)
            .select('big')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
          expect(text.big).toBe(String(value))
        } finally {
          await asText.db.destroy()
        }
      },
    )

    it('a BigInt beyond BIGINT is a typed server error, not a wrapped or truncated value', async () => {
      const failure = await exact.db
        .insertInto(numbers)
        .values({ id: 100, big: 2n ** 63n })
        .execute()
        .catch((e: unknown) => e)
      expect(failure).toBeInstanceOf(IrisError)
      expect(failure).not.toBeInstanceOf(IrisInputError)
      expect(
        await exact.db.selectFrom(numbers).select('id').where('id', '=', 100).execute(),
      ).toEqual([])
    })

    it('a JS number past 2^53 is sent as the double it is (documented: use BigInt for exact integers)', async () => {
      // 2^53 + 2 is a double; 2^53 + 1 cannot be written as a number at all.
      const unsafe = 2 ** 53 + 2
      await exact.db
        .insertInto(numbers)
        .values({ id: 101, big: unsafe, dbl: 2 ** 70 })
        .execute()
      const row = await exact.db
        .selectFrom(numbers)
        .select(['big', 'dbl'])
        .where('id', '=', 101)
        .executeTakeFirstOrThrow()
      expect(row.big).toBe(BigInt(unsafe))
      expect(row.dbl).toBe(2 ** 70)
    })

    it('NaN and ±Infinity are refused before sending', async () => {
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        await refusedBeforeSending(
          () => exact.db.insertInto(numbers).values({ id: 102, dbl: bad }).execute(),
          /finite number/,
        )
      }
    })
  })

  describe('dates', () => {
    it.each([
      ['new Date("x")', new Date('x')],
      ['new Date(NaN)', new Date(Number.NaN)],
      ['past the JS range', new Date(8.64e15 + 1)],
      ['year 10000', new Date('+010000-01-01T00:00:00Z')],
      ['year 0', new Date('0000-06-01T00:00:00Z')],
      ['a negative year', new Date('-000100-01-01T00:00:00Z')],
    ])('%s is refused with IrisInputError, nothing sent', async (_name, date) => {
      await refusedBeforeSending(
        () => exact.db.insertInto(dates).values({ id: 1, at: date }).execute(),
        /Date/,
      )
      await refusedBeforeSending(
        () => exact.db.selectFrom(dates).select('id').where('at', '<', date).execute(),
        /Date/,
      )
    })

    it.each([
      ['0001-01-01T00:00:00.000Z', '0001-01-01 00:00:00'],
      ['9999-12-31T23:59:59.999Z', '9999-12-31 23:59:59.999'],
    ])('the edge %s round-trips', async (iso, stored) => {
      const id = iso.startsWith('0') ? 2 : 3
      await exact.db
        .insertInto(dates)
        .values({ id, at: new Date(iso) })
        .execute()
      const row = await exact.db
        .selectFrom(dates)
        .select('at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(row.at).toBe(stored)
    })
  })

  describe('vectors', () => {
    const refusals: [string, () => unknown, RegExp][] = [
      ['NaN', () => toVector([1, Number.NaN, 3], 'double'), /element 1 is NaN/],
      ['Infinity', () => toVector([1, 2, Number.POSITIVE_INFINITY], 'double'), /element 2/],
      ['a hole', () => toVector(holey(), 'double'), /element 1/],
      ['a string element', () => toVector([1, '2' as never, 3], 'double'), /element 1/],
      ['empty', () => toVector([], 'double'), /empty/],
      [
        'the wrong dimension (declared)',
        () => toVector([1, 2], { elementType: 'double', dimensions: 3 }),
        /holds 3/,
      ],
      [
        '100 000 elements',
        () => toVector(new Float64Array(100_000).fill(0.5), 'double'),
        new RegExp(`${MAX_VECTOR_DIMENSIONS}`),
      ],
      ['beyond single precision in a float vector', () => toVector([1e39]), /single precision/],
    ]

    it.each(refusals)(
      '%s: IrisInputError before sending (insert and search)',
      async (_n, make, message) => {
        await refusedBeforeSending(
          async () => exact.db.insertInto(vectors).values({ id: 1, embedding: make() }).execute(),
          message,
        )
        await refusedBeforeSending(
          async () =>
            exact.db
              .selectFrom(vectors)
              .select('id')
              .where(cosineSimilarity('embedding', make() as never), '>', 0)
              .execute(),
          message,
        )
      },
    )

    it('100 000 elements are refused by nearestNeighbors too', async () => {
      await refusedBeforeSending(
        async () =>
          nearestNeighbors(exact.db.selectFrom(vectors).select('id'), {
            column: 'embedding',
            vector: new Array(100_000).fill(0.1),
            k: 3,
          }).execute(),
        /65536/,
      )
    })

    it('a vector of another length than the column is IrisVectorMismatchError from the server', async () => {
      await exact.db
        .insertInto(vectors)
        .values({ id: 2, embedding: toVector([0.1, 0.2, 0.3], 'double') })
        .execute()
      await expect(
        exact.db
          .selectFrom(vectors)
          .select('id')
          .where(cosineSimilarity('embedding', [0.1, 0.2], { elementType: 'double' }), '>', 0)
          .execute(),
      ).rejects.toThrow(IrisVectorMismatchError)
    })
  })

  describe('70 000 parameters in one statement', () => {
    const rows = Array.from({ length: 35_000 }, (_, id) => ({ id, name: `n${id}` }))
    const ids = Array.from({ length: 70_000 }, (_, i) => i)

    it('a 70 000-value insert is chunked within maxParameters, every row stored', async () => {
      exact.server.sim?.queryLog.clear()
      await exact.db.insertInto(wide).values(rows).execute()
      const inserts =
        exact.server.sim?.queryLog.entries.filter((e) => /^\s*insert/i.test(e.sql)) ?? []
      expect(inserts.length).toBe(Math.ceil(70_000 / DEFAULT_MAX_PARAMETERS))
      expect(inserts.every((e) => e.params.length <= DEFAULT_MAX_PARAMETERS)).toBe(true)
      const { count } = await exact.db
        .selectFrom(wide)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow()
      expect(Number(count)).toBe(35_000)
    }, 180_000)

    it('a 70 000-element in list is refused with IrisInputError naming maxParameters', async () => {
      await refusedBeforeSending(
        () => exact.db.selectFrom(wide).select('id').where('id', 'in', ids).execute(),
        /70000 parameters, more than maxParameters \(2000\)/,
      )
      await refusedBeforeSending(
        () => exact.db.deleteFrom(wide).where('id', 'not in', ids).execute(),
        /maxParameters/,
      )
      await refusedBeforeSending(
        () =>
          sql`select ${sql.ref('id')} from ${sql.table(wide)} where ${sql.ref('id')} in (${sql.join(ids)})`.execute(
            exact.db,
          ),
        /maxParameters/,
      )
    })
  })
})

describe('maxParameters beyond the wire protocol (no server)', () => {
  it('more than 65 535 (Bind carries a 16-bit parameter count) is an IrisConfigError', () => {
    expect(() => new IrisDialect({ maxParameters: 70_000 })).toThrow(IrisConfigError)
    expect(() => new IrisDialect({ maxParameters: 65_536 })).toThrow(/65535/)
    expect(() => new IrisDialect({ maxParameters: 65_535 })).not.toThrow()
  })
})
