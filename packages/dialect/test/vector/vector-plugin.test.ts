import type { PluginTransformResultArgs, QueryId, SelectQueryNode, UnknownRow } from 'kysely'
import { describe, expect, it } from 'vitest'
import { IrisConfigError, IrisInputError } from '../../src/errors.js'
import { parseVector, VectorPlugin, type VectorPluginOptions } from '../../src/index.js'
import { compileOnlyDb } from './compile-db.js'

describe('parseVector (IRIS vector text)', () => {
  it('reads IRIS text without brackets, with brackets, and IRIS number spellings', () => {
    expect(parseVector('0.1,0.2,-3')).toEqual([0.1, 0.2, -3])
    expect(parseVector('[1, 2 ,3]')).toEqual([1, 2, 3])
    expect(parseVector('.5,-.25,1E-7,-0')).toEqual([0.5, -0.25, 1e-7, -0])
    expect(parseVector('[]')).toEqual([])
  })

  it('passes null and undefined through as null', () => {
    expect(parseVector(null)).toBeNull()
    expect(parseVector(undefined)).toBeNull()
  })

  it.each([['1,,2'], ['1,abc'], ['[1,2'], ['1;2'], [',']])('refuses %j', (text) => {
    expect(() => parseVector(text)).toThrow(IrisInputError)
  })

  it('refuses a value that is not text', () => {
    expect(() => parseVector(42 as unknown as string)).toThrow(/must be text, not a number/)
  })
})

describe('VectorPlugin', () => {
  const db = compileOnlyDb()

  /** Runs the plugin over a query and the rows a server would return for it. */
  async function transform(
    options: VectorPluginOptions,
    query: { toOperationNode(): SelectQueryNode },
    rows: UnknownRow[],
  ) {
    const plugin = new VectorPlugin(options)
    const queryId = { queryId: 'q' } as QueryId
    plugin.transformQuery({ node: query.toOperationNode(), queryId })
    const args = { queryId, result: { rows } } as PluginTransformResultArgs
    return (await plugin.transformResult(args)).rows
  }

  it('by result key: converts the named columns in any query, case-insensitively', async () => {
    const rows = await transform({ columns: ['embedding'] }, db.selectFrom('items').selectAll(), [
      { id: 1, embedding: '0.1,0.2', category: '1,2' },
      { id: 2, EMBEDDING: null, category: 'x' },
    ])
    expect(rows).toEqual([
      { id: 1, embedding: [0.1, 0.2], category: '1,2' },
      { id: 2, EMBEDDING: null, category: 'x' },
    ])
  })

  it('by table: converts the vector columns a select reads, under their alias', async () => {
    const query = db
      .selectFrom('items as i')
      .innerJoin('docs', 'docs.id', 'i.id')
      .select(['i.embedding as e', 'docs.vec', 'category', 'docs.title as embedding'])
    const rows = await transform({ tables: { items: ['Embedding'], docs: ['vec'] } }, query, [
      { e: '[1,2]', vec: '3,4', category: 'a', embedding: 'not a vector' },
    ])
    expect(rows).toEqual([{ e: [1, 2], vec: [3, 4], category: 'a', embedding: 'not a vector' }])
  })

  it('by table: selectAll, selectAll(table) and an unqualified column', async () => {
    const all = await transform(
      { tables: { items: ['embedding'] } },
      db.selectFrom('items').selectAll(),
      [{ id: 1, embedding: '1,2' }],
    )
    expect(all).toEqual([{ id: 1, embedding: [1, 2] }])
    const joined = db
      .selectFrom('docs')
      .innerJoin('items', 'items.id', 'docs.id')
      .selectAll('items')
      .select('title')
    for (const tables of [{ items: ['embedding'] }, { 'SQLUser.items': ['embedding'] }] as Record<
      string,
      string[]
    >[]) {
      expect(await transform({ tables }, joined, [{ embedding: '5', title: '6' }])).toEqual([
        { embedding: [5], title: '6' },
      ])
    }
    const otherSchema = db.selectFrom('other.items' as 'items').select('embedding')
    expect(
      await transform({ tables: { 'SQLUser.items': ['embedding'] } }, otherSchema, [
        { embedding: '5' },
      ]),
    ).toEqual([{ embedding: '5' }])
    const unqualified = db.selectFrom('items').select(['embedding', 'category'])
    expect(
      await transform({ tables: { items: ['embedding'] } }, unqualified, [
        { embedding: '7,8', category: '9' },
      ]),
    ).toEqual([{ embedding: [7, 8], category: '9' }])
  })

  it('by table: leaves queries on other tables alone', async () => {
    const rows = await transform(
      { tables: { items: ['embedding'] } },
      db.selectFrom('docs').select('title as embedding'),
      [{ embedding: '1,2' }],
    )
    expect(rows).toEqual([{ embedding: '1,2' }])
  })

  it.each([
    ['no options', {}],
    ['a non-list columns', { columns: 'embedding' }],
    ['an empty column name', { columns: [''] }],
    ['a table mapped to a string', { tables: { items: 'embedding' } }],
  ])('refuses %s with IrisConfigError', (_, options) => {
    expect(() => new VectorPlugin(options as VectorPluginOptions)).toThrow(IrisConfigError)
  })
})
