/**
 * The hostile-input corpus: strings generated from families of things that break SQL built by
 * concatenation, or that iris-pgwire rewrites inside SQL text (docs/iris-sql.md#placeholders,
 * docs/iris-sql.md#text-rewrites, docs/iris-sql.md#parameter-re-typing). Every case is used as a
 * value (it must travel as a parameter and come back unchanged) and as an identifier (it must be
 * double-quoted safely, or refused with IrisInputError).
 */
import type { SIM_TARGETS } from '../support/server.js'

export interface HostileCase {
  /** Family and index, e.g. `quotes #3`: names the test. */
  readonly name: string
  readonly family: string
  readonly value: string
  /**
   * As a value: `refused` when the dialect must throw IrisInputError before sending anything;
   * otherwise what a select returns behind iris-pgwire's embedded backend when it differs from `value` ('' →
   * NULL, docs/iris-sql.md#iris-pgwire-result-quirks; numeric-looking text is re-typed, '007' →
   * '7', docs/iris-sql.md#parameter-re-typing).
   */
  readonly asValue?: 'refused' | { readonly pgwire: string | null }
}

/** A small deterministic generator, so the corpus is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

const LONG = 100_000

/** 100 000 characters drawn from the characters SQL and iris-pgwire treat specially. */
function longMixed(): string {
  const alphabet = [
    "'",
    '"',
    '\\',
    '$1',
    ';',
    '--',
    '/*',
    '*/',
    '?',
    '%',
    '_',
    '\n',
    '\t',
    '😀',
    'a',
  ]
  const next = seeded(8)
  let text = ''
  while (text.length < LONG) text += alphabet[Math.floor(next() * alphabet.length)]
  return text.slice(0, LONG)
}

const QUOTE_TEMPLATES = [
  (q: string) => q,
  (q: string) => q + q,
  (q: string) => q.repeat(3),
  (q: string) => `a${q}b`,
  (q: string) => `${q}a${q}`,
  (q: string) => `${q} or ${q}1${q}=${q}1`,
  (q: string) => `x${q}); drop table t; --`,
  (q: string) => `${q}${q}${q}${q}; select 1 --`,
]

const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  quotes: ["'", '"', '`', '\u2019'].flatMap((q) => QUOTE_TEMPLATES.map((make) => make(q))),
  backslashes: [
    '\\',
    '\\\\',
    "\\'",
    '\\"',
    'a\\',
    '\\n',
    '\\0',
    '\\x00',
    '\\u0000',
    "\\'; select 1; --",
    "E'\\x41'",
    '\\%',
    '\\_',
    'C:\\Program Files\\x',
  ],
  placeholders: [
    '$1',
    '$2',
    '$0',
    '$10',
    '$1$2',
    '?',
    '??',
    ':1',
    ':name',
    '@p1',
    '$$',
    '$tag$ x $tag$',
    "'$1'",
    '$1 $2 $3',
    'a$1b',
    '$',
    '$a',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the hostile text
    '${x}',
    '?, ?',
    '$65535',
  ],
  semicolons: [
    ';',
    ';;',
    'a;b',
    '; select 1',
    "'; delete from t; --",
    ';\n',
    'commit;',
    'rollback; drop table x',
  ],
  comments: [
    '--',
    '-- x',
    'a -- b',
    '/*',
    '*/',
    '/* x */',
    '/*/',
    '*/ select 1 /*',
    '--\n',
    '#',
    '/*+ hint */',
    '{fn now()}',
    "{d '2024-01-02'}",
  ],
  long: [
    'a'.repeat(LONG),
    "'".repeat(LONG),
    ';'.repeat(LONG),
    '$1'.repeat(LONG / 2),
    '\n'.repeat(LONG),
    '😀'.repeat(LONG / 2),
    'e\u0301'.repeat(LONG / 2),
    longMixed(),
    'x'.repeat(32_001),
  ],
  unicode: [
    'é',
    'e\u0301',
    'Z\u0334\u0321\u035da\u0337l\u0338g\u0336o\u0335',
    '😀',
    '👨‍👩‍👧‍👦',
    '🇫🇷',
    '👍🏽',
    '𝕳𝖊𝖑𝖑𝖔',
    '𠜎',
    '\u{10FFFF}',
    '\uFFFF',
    '\uFFFD',
    'Ω',
    'ß',
    'İ',
    'ﬀ',
    'ǅ',
    '\uFEFF',
    '\u200B',
    '\u2028',
    '\u2029',
    '\u00A0',
    '\u00AD',
    '\uFF07',
    '\u02BC',
    '‘’“”',
    '\uFF1B',
    '\uFF04\uFF11',
    '日本語',
    'Привет',
    'Ελληνικά',
    '\u1112\u1161\u11AB',
  ],
  bidi: [
    'שלום',
    'مرحبا',
    'abc\u202Edcba',
    '\u202Aa\u202C',
    '\u202Bb\u202C',
    '\u2066x\u2069\u2067y\u2069\u2068z\u2069',
    '\u200E',
    '\u200F',
    '\u061C',
    '/*\u202E } \u2066if (isAdmin)\u2069 \u2066 begin admins only */',
    "x\u202E'; drop table t; --",
  ],
  public: [
    'public',
    'PUBLIC',
    "'public'",
    "''public''",
    'public.t',
    'SQLUser',
    "x = 'public'",
    "'Public'",
  ],
  dates: [
    '2024-01-02',
    "'2024-01-02'",
    '2024-01-02 03:04:05',
    "'2024-01-02 03:04:05'",
    '2024-1-2',
    '9999-12-31',
    '0000-00-00',
    '2024-13-45',
    '2024-01-02T03:04:05Z',
    "TO_DATE('2024-01-02', 'YYYY-MM-DD')",
    '12:34:56',
    "a'2024-01-02'b",
  ],
  like: ['%', '_', '%%', 'a%b', 'a_b', '[a]', '[^a]', '100%', '%_%', '%'.repeat(50), '*'],
  keywords: [
    'select',
    'SELECT * FROM x',
    'drop table x',
    'DELETE',
    'NULL',
    'null',
    'true',
    'false',
    'DEFAULT',
    'TOP',
    'LIMIT 1 OFFSET 2',
    'DOUBLE',
    'double precision',
    'UNION ALL SELECT 1',
    'OR 1=1',
    '%VID',
    '%EXACT',
    'LAST_IDENTITY()',
    "TO_VECTOR('1,2', float)",
    'SQLCODE',
    '%SYSTEM',
    'SYS',
    'INSERT OR UPDATE',
    'START TRANSACTION',
    'x::int',
  ],
  whitespace: [
    '\n',
    '\r',
    '\r\n',
    '\t',
    ' ',
    '  leading',
    'trailing  ',
    '\v',
    '\f',
    '\x1B[31m',
    '\x07',
    '\x08',
    '\x7F',
    '\x01',
    '\u0085',
  ],
}

/**
 * Numeric-looking text: iris-pgwire re-types it as a number (docs/iris-sql.md#parameter-re-typing),
 * so a varchar column gets the number's text: [value, text stored behind iris-pgwire]. The last seven
 * only look numeric to people, not to the re-typing rule, and come back unchanged.
 */
const NUMERIC_LOOKING: readonly (readonly [string, string])[] = [
  ['007', '7'],
  ['0', '0'],
  ['-0', '0'],
  ['+1', '1'],
  ['1.50', '1.5'],
  ['.5', '0.5'],
  ['1.', '1'],
  ['1.0e5', '100000'],
  ['00.10', '0.1'],
  ['123456789012345678901234567890', '123456789012345678901234567890'],
  ['0.1000000000000000055511151231257827', '0.1'],
  ['1e5', '1e5'],
  ['0x1F', '0x1F'],
  [' 7', ' 7'],
  ['1_000', '1_000'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['-', '-'],
]

/** Strings containing NUL: IRIS and iris-pgwire cannot carry them; IrisInputError, nothing sent. */
const WITH_NUL = ['\0', 'a\0b', '\0\0\0', "'\0'", '\0; drop table t', `${'x'.repeat(LONG)}\0`]

/** Ill-formed UTF-16 (lone surrogates): UTF-8 cannot encode them, so they would arrive as U+FFFD. */
const LONE_SURROGATES = ['\uD800', '\uDC00', 'a\uD83Db', '\uDE00\uD83D']

function family(
  name: string,
  values: readonly string[],
  asValue?: (value: string) => HostileCase['asValue'],
): HostileCase[] {
  return values.map((value, index) => {
    const expected = asValue?.(value)
    return {
      name: `${name} #${index}`,
      family: name,
      value,
      ...(expected === undefined ? {} : { asValue: expected }),
    }
  })
}

export const CORPUS: readonly HostileCase[] = [
  ...Object.entries(FAMILIES).flatMap(([name, values]) => family(name, values)),
  ...family('empty', [''], () => ({ pgwire: null })),
  ...NUMERIC_LOOKING.map(
    ([value, pgwire], index): HostileCase => ({
      name: `numeric-looking #${index}`,
      family: 'numeric-looking',
      value,
      ...(pgwire === value ? {} : { asValue: { pgwire } }),
    }),
  ),
  ...family('nul', WITH_NUL, () => 'refused'),
  ...family('lone-surrogate', LONE_SURROGATES, () => 'refused'),
]

/** Cases that must travel as values and come back. */
export const ACCEPTED_VALUES = CORPUS.filter((c) => c.asValue !== 'refused')
export const REFUSED_VALUES = CORPUS.filter((c) => c.asValue === 'refused')

/**
 * What a select returns for a stored case on a sim target
 * (docs/iris-sql.md#iris-pgwire-result-quirks, docs/iris-sql.md#parameter-re-typing).
 */
export function expectedBack(c: HostileCase, target: (typeof SIM_TARGETS)[number]): string | null {
  if (target !== 'sim-iris' && typeof c.asValue === 'object') return c.asValue.pgwire
  return c.value
}

/** A short printable label for a case's value, for test names. */
export function label(c: HostileCase): string {
  const shown = JSON.stringify(c.value.length > 24 ? `${c.value.slice(0, 24)}…` : c.value)
  return `${c.name} ${shown}${c.value.length > 24 ? ` (${c.value.length} chars)` : ''}`
}
