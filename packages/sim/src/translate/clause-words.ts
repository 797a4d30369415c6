/**
 * The words that start a clause of a query after its FROM list or its select list, at the
 * query's own depth. Each scanner that needs to know where a list ends, or that a word after a
 * table is no alias, extends this list with its own words.
 */
export const CLAUSE_WORDS: readonly string[] = [
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'FETCH',
  'UNION',
  'INTERSECT',
  'EXCEPT',
]

/** The words that start a join after a FROM item. */
export const JOIN_WORDS: readonly string[] = [
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'OUTER',
]
