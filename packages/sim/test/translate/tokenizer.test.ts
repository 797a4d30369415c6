import { describe, expect, it } from 'vitest'
import { render, tokenize } from '../../src/translate/tokenizer.js'

describe('tokenize', () => {
  it('round-trips the text exactly', () => {
    const sql = `SELECT "a""b", 'it''s' -- note\n/* c */ FROM t WHERE x::int <-> $12 || ? >= .5e3`
    expect(render(tokenize(sql))).toBe(sql)
  })

  it('classifies literals, identifiers, comments, params and operators', () => {
    const tokens = tokenize(
      `SELECT 'a;b', "x y", %VID, $2, ? -- c\n FROM t WHERE a <=> b::text`,
    ).filter((token) => token.type !== 'space')
    expect(tokens.map((token) => [token.type, token.text])).toEqual([
      ['word', 'SELECT'],
      ['string', "'a;b'"],
      ['punct', ','],
      ['quoted', '"x y"'],
      ['punct', ','],
      ['word', '%VID'],
      ['punct', ','],
      ['param', '$2'],
      ['punct', ','],
      ['param', '?'],
      ['comment', '-- c'],
      ['word', 'FROM'],
      ['word', 't'],
      ['word', 'WHERE'],
      ['word', 'a'],
      ['op', '<=>'],
      ['word', 'b'],
      ['op', '::'],
      ['word', 'text'],
    ])
  })

  it('tracks parenthesis depth (the parentheses themselves sit outside)', () => {
    const tokens = tokenize('(a(b))').map((token) => `${token.text}${token.depth}`)
    expect(tokens).toEqual(['(0', 'a1', '(1', 'b2', ')1', ')0'])
  })

  it('refuses unterminated literals, identifiers and comments', () => {
    expect(() => tokenize("SELECT 'x")).toThrow(/unterminated string literal/)
    expect(() => tokenize('SELECT "x')).toThrow(/unterminated delimited identifier/)
    expect(() => tokenize('SELECT /* x')).toThrow(/unterminated comment/)
  })
})
