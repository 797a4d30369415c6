/**
 * IRIS's %keyword options of INSERT [OR UPDATE], UPDATE and DELETE, right after the verb
 * (`DELETE %NOLOCK FROM t`, docs/iris-sql.md#keyword-options). The simulator drops those that
 * change nothing it models, refuses those whose effect it cannot reproduce, and refuses any other
 * `%word` there, with the mechanism optimize-options.ts uses for a FROM's hints.
 */
import { irisError } from './iris-error.js'
import { isPercentKeyword } from './optimize-options.js'
import { isWord, nextSignificant, type Token } from './tokenizer.js'

/**
 * The keywords docs RSQL_insert, RSQL_update and RSQL_delete list, each with what the simulator
 * cannot reproduce of it, or undefined where dropping it is exact.
 */
const KEYWORD_OPTIONS: ReadonlyMap<string, string | undefined> = new Map([
  ['%NOCHECK', 'skips the unique, foreign-key and value checks the simulator always makes'],
  ['%NOFPLAN', undefined],
  [
    '%NOINDEX',
    'leaves the indexes without the changes it makes, where the simulator keeps them in step',
  ],
  ['%NOJOURN', 'writes rows a ROLLBACK does not undo, where the simulator undoes them'],
  ['%NOLOCK', undefined],
  ['%NOTRIGGER', undefined],
  ['%PROFILE', undefined],
  ['%PROFILE_ALL', undefined],
])

/** Index of the token after the verb of an INSERT [OR UPDATE], UPDATE or DELETE; else -1. */
function afterVerb(tokens: readonly Token[]): number {
  const verb = nextSignificant(tokens, 0)
  const t = tokens[verb]
  if (isWord(t, 'UPDATE') || isWord(t, 'DELETE')) return verb + 1
  if (!isWord(t, 'INSERT')) return -1
  const or = nextSignificant(tokens, verb + 1)
  const update = nextSignificant(tokens, or + 1)
  return isWord(tokens[or], 'OR') && isWord(tokens[update], 'UPDATE') ? update + 1 : verb + 1
}

/** Throws unless `keyword` is one the simulator may drop. */
function checkKeyword(keyword: string): void {
  if (!KEYWORD_OPTIONS.has(keyword))
    throw irisError(
      -1,
      `${keyword} is not a keyword option of INSERT, UPDATE or DELETE; IRIS's take ${[...KEYWORD_OPTIONS.keys()].join(', ')}`,
    )
  const unmodelled = KEYWORD_OPTIONS.get(keyword)
  if (unmodelled)
    throw irisError(
      -1,
      `${keyword} is IRIS SQL, but it ${unmodelled}; leave it out here, or test the statement on IRIS`,
    )
}

/** The statement without the keyword options after its verb; throws for one it cannot drop. */
export function dropKeywordOptions(tokens: readonly Token[]): Token[] {
  const start = afterVerb(tokens)
  if (start < 0) return [...tokens]
  let end = start
  for (let i = nextSignificant(tokens, start); i >= 0 && isPercentKeyword(tokens, i); ) {
    checkKeyword((tokens[i] as Token).text.toUpperCase())
    end = i + 1
    i = nextSignificant(tokens, end)
  }
  // The blank after the last option now follows the verb.
  return [...tokens.slice(0, start), ...tokens.slice(end)]
}
