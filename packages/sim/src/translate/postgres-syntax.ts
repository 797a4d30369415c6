/**
 * PostgreSQL syntax that IRIS's grammar lacks, refused with an IRIS error (SQLCODE -1 unless a row
 * says otherwise) instead of being run with PostgreSQL's meaning: one row per construct, with the
 * fact, the fix and its section of the reference (docs/iris-sql.md#postgresql-syntax lists the same
 * table). What is not in IRIS's documented grammar is refused rather than guessed at.
 */
import { OVERRIDES_SCHEMA, SIM_SCHEMA } from '../catalog/metadata.js'
import { CLAUSE_WORDS } from './clause-words.js'
import { callAt } from './function-calls.js'
import { irisError } from './iris-error.js'
import { displayName, isIdentifier } from './names.js'
import { isComparison, isTrivia, openingParen, type Token } from './tokenizer.js'

interface Context {
  /** The statement's significant tokens. */
  tokens: readonly Token[]
  /** True when significant tokens `i` and `i + 1` touch, with no whitespace or comment between. */
  touching(i: number): boolean
  /** False for CREATE TABLE and ALTER TABLE, whose column definitions may name a collation. */
  query: boolean
}

export interface PostgresSyntax {
  /** The construct as the reference names it. */
  syntax: string
  /** The anchor of its section in docs/iris-sql.md. */
  section: string
  /** The fact and the fix; a message starting `is not` follows the token found. */
  message: string | ((tokens: readonly Token[], i: number) => string)
  /** The SQLCODE, when not -1. */
  sqlcode?: number
  /** True when the construct starts at significant token `i`. */
  at(i: number, context: Context): boolean
}

const word = (token: Token | undefined, ...words: string[]) =>
  token?.type === 'word' && words.includes(token.text.toUpperCase())
const text = (token: Token | undefined, ...texts: string[]) =>
  token !== undefined && texts.includes(token.text)

/**
 * PostgreSQL operators IRIS does not have (`&` and `!` are IRIS's AND and OR between predicates);
 * `@` is also the start of PostgreSQL's `@` (absolute value), `@@`, `@-@`.
 */
const OPERATORS = ['^', '&', '|', '!', '&&', '->', '->>', '#>', '#>>', '@>', '<@', '$', '@']

/**
 * PostgreSQL operators the tokenizer splits in two, each written as a pair of touching tokens:
 * the shifts `<<`, `>>` (and `<<=`, `>>=`) and the cube root `||/`.
 */
const SPLIT_OPERATORS: readonly (readonly [string, string])[] = [
  ['<', '<'],
  ['<', '<='],
  ['>', '>'],
  ['>', '>='],
  ['||', '/'],
]

/** What may follow SELECT when it has no select list. */
const AFTER_NO_SELECT_LIST = [...CLAUSE_WORDS, 'FROM']

/** PostgreSQL's system columns, which every PGlite table has and no IRIS table does. */
const SYSTEM_COLUMNS = ['CTID', 'XMIN', 'XMAX', 'CMIN', 'CMAX', 'TABLEOID']

const upper = (token: Token | undefined) => token?.text.toUpperCase() ?? ''

/** The words of a locking clause after FOR: UPDATE, SHARE, NO KEY UPDATE, KEY SHARE; else none. */
function lockingWords(tokens: readonly Token[], i: number): string[] {
  const words = [1, 2, 3].map((n) => upper(tokens[i + n]))
  if (words[0] === 'UPDATE' || words[0] === 'SHARE') return words.slice(0, 1)
  if (words[0] === 'KEY' && words[1] === 'SHARE') return words.slice(0, 2)
  return words[0] === 'NO' && words[1] === 'KEY' && words[2] === 'UPDATE' ? words : []
}

/** What may follow IS [NOT] in PostgreSQL besides NULL, DISTINCT FROM, TRUE and FALSE. */
const IS_TESTS = ['NORMALIZED', 'NFC', 'NFD', 'NFKC', 'NFKD', 'JSON', 'DOCUMENT', 'UNKNOWN']

/** PostgreSQL's schemas (`pg_catalog`, `information_schema`, `pg_*`) and the simulator's own. */
const isEngineSchema = (name: string) => {
  const lower = name.toLowerCase()
  return (
    lower.startsWith('pg_') ||
    lower === 'information_schema' ||
    lower === SIM_SCHEMA ||
    lower === OVERRIDES_SCHEMA
  )
}

/** The words before which TABLE starts PostgreSQL's `TABLE t` query. */
const BEFORE_TABLE_QUERY = ['UNION', 'INTERSECT', 'EXCEPT', 'ALL', 'DISTINCT']

export const POSTGRES_SYNTAX: readonly PostgresSyntax[] = [
  {
    syntax: 'RETURNING',
    section: 'returning-and-last_identity',
    message: 'RETURNING is not IRIS SQL; use SELECT LAST_IDENTITY() after the INSERT',
    at: (i, { tokens }) => word(tokens[i], 'RETURNING'),
  },
  {
    syntax: 'ON CONFLICT',
    section: 'upsert',
    message: 'ON CONFLICT is not IRIS SQL; use INSERT OR UPDATE',
    at: (i, { tokens }) => word(tokens[i], 'ON') && word(tokens[i + 1], 'CONFLICT'),
  },
  {
    syntax: 'ILIKE',
    section: 'collation',
    message: 'ILIKE is not IRIS SQL; LIKE is already case-insensitive on strings',
    at: (i, { tokens }) => word(tokens[i], 'ILIKE'),
  },
  {
    syntax: 'NULLS FIRST, NULLS LAST',
    section: 'collation',
    message: (tokens, i) =>
      `NULLS ${upper(tokens[i + 1])} is not IRIS SQL; NULL sorts first in ascending order and last in descending order`,
    at: (i, { tokens }) => word(tokens[i], 'NULLS') && word(tokens[i + 1], 'FIRST', 'LAST'),
  },
  {
    syntax: 'FOR UPDATE, FOR SHARE',
    section: 'ctes-window-functions-and-locking-reads',
    sqlcode: -25,
    message: (tokens, i) => `FOR ${lockingWords(tokens, i).join(' ')} is not supported`,
    at: (i, { tokens }) => word(tokens[i], 'FOR') && lockingWords(tokens, i).length > 0,
  },
  {
    syntax: '= ANY (array)',
    section: 'operators',
    message: (tokens, i) =>
      `${tokens[i]?.text} ${upper(tokens[i + 1])}(array) is not IRIS SQL; use IN (...)`,
    at: (i, { tokens }) =>
      isComparison(tokens[i]) &&
      word(tokens[i + 1], 'ANY', 'SOME', 'ALL') &&
      text(tokens[i + 2], '(') &&
      !word(tokens[i + 3], 'SELECT'),
  },
  {
    syntax: 'arrays',
    section: 'operators',
    message: 'arrays are not IRIS SQL',
    at: (i, { tokens }) => tokens[i]?.type === 'punct' && tokens[i]?.text === '[',
  },
  {
    syntax: 'distance operators <->, <=>, <#>',
    section: 'distance-operators',
    message: (tokens, i) =>
      `operator ${tokens[i]?.text} is not IRIS SQL; use VECTOR_COSINE or VECTOR_DOT_PRODUCT`,
    at: (i, { tokens }) => tokens[i]?.type === 'op' && text(tokens[i], '<->', '<=>', '<#>'),
  },
  {
    syntax: 'regular-expression operators',
    section: 'operators',
    message: 'regular-expression operators are not IRIS SQL; use %MATCHES or %PATTERN',
    at: (i, { tokens }) => tokens[i]?.type === 'op' && text(tokens[i], '~', '~*', '!~', '!~*'),
  },
  {
    syntax: '~~, !~~ (LIKE as an operator)',
    section: 'operators',
    message: (tokens, i) =>
      `operator ${tokens[i]?.text} is not IRIS SQL; write ${tokens[i]?.text.startsWith('!') ? 'NOT LIKE' : 'LIKE'}`,
    at: (i, { tokens }) => tokens[i]?.type === 'op' && text(tokens[i], '~~', '!~~', '!~~*'),
  },
  {
    syntax: '% as modulo',
    section: 'operators',
    message: '% is not an IRIS operator; the modulo operator is #',
    at: (i, { tokens }) => tokens[i]?.type === 'op' && tokens[i]?.text === '%',
  },
  {
    syntax: "INTERVAL '...'",
    section: 'date-parts',
    message:
      "INTERVAL '...' is not IRIS SQL, which has no interval type; use DATEADD(part, n, date) and DATEDIFF",
    at: (i, { tokens }) => word(tokens[i], 'INTERVAL') && tokens[i + 1]?.type === 'string',
  },
  {
    syntax: 'system columns ctid, xmin, xmax, cmin, cmax, tableoid',
    section: 'postgresql-syntax',
    sqlcode: -29,
    message: (tokens, i) =>
      `field ${tokens[i]?.text} not found: IRIS tables have no PostgreSQL system columns; select %ID for the RowID`,
    // A name after AS, before `(` or `.`, or in a column definition is no read of the column.
    at: (i, { tokens, query }) =>
      query &&
      isIdentifier(tokens[i]) &&
      SYSTEM_COLUMNS.includes(displayName(tokens[i]).toUpperCase()) &&
      !word(tokens[i - 1], 'AS') &&
      !text(tokens[i + 1], '(', '.'),
  },
  {
    syntax: 'DELETE ... USING',
    section: 'delete-and-update-with-a-second-from',
    message:
      "DELETE ... USING is not IRIS SQL; IRIS's DELETE takes a second FROM: DELETE FROM t FROM u WHERE ...",
    at: (i, { tokens }) =>
      word(tokens[i], 'USING') &&
      tokens[i]?.depth === 0 &&
      word(tokens[0], 'DELETE') &&
      !text(tokens[i + 1], '('),
  },
  {
    syntax: 'LATERAL, CROSS APPLY, OUTER APPLY',
    section: 'joins',
    message:
      'LATERAL and APPLY joins are not IRIS SQL; join the rows, or select the value with a correlated subquery',
    at: (i, { tokens }) =>
      word(tokens[i], 'LATERAL') ||
      (word(tokens[i], 'CROSS', 'OUTER') && word(tokens[i + 1], 'APPLY')),
  },
  {
    syntax: 'fn(t.*)',
    section: 'functions',
    message: 'an IRIS aggregate takes * or a value, not table.*: write COUNT(*)',
    at: (i, { tokens }) =>
      tokens[i]?.type === 'word' &&
      text(tokens[i + 1], '(') &&
      text(tokens[i + 3], '.') &&
      text(tokens[i + 4], '*') &&
      text(tokens[i + 5], ')'),
  },
  {
    syntax: 'fn(x ORDER BY ...)',
    section: 'functions',
    message: (tokens, i) =>
      `ORDER BY inside ${upper(tokens[openingParen(tokens, i) - 1])}(...) is not IRIS SQL, whose aggregates take no ORDER BY; LIST(x) lists in no reliable order: sort the rows in the application`,
    at: (i, { tokens }) =>
      word(tokens[i], 'ORDER') &&
      word(tokens[i + 1], 'BY') &&
      callAt(tokens, openingParen(tokens, i) - 1) !== undefined,
  },
  {
    // A user schema's function is IRIS's user-defined function, which the engine does not find
    // (-359); PostgreSQL's and the simulator's own schemas hold functions that would run.
    syntax: 'pg_catalog.function(...)',
    section: 'functions',
    sqlcode: -359,
    message: (tokens, i) =>
      `${tokens[i]?.text}.${tokens[i + 2]?.text} is a PostgreSQL or simulator function, not IRIS SQL; call the IRIS function by its name alone`,
    at: (i, { tokens }) =>
      isIdentifier(tokens[i]) &&
      isEngineSchema(displayName(tokens[i])) &&
      text(tokens[i + 1], '.') &&
      isIdentifier(tokens[i + 2]) &&
      text(tokens[i + 3], '(') &&
      !text(tokens[i - 1], '.'),
  },
  {
    syntax: 'NULLS NOT DISTINCT',
    section: 'create-and-drop',
    message: 'NULLS NOT DISTINCT is not IRIS DDL',
    at: (i, { tokens }) =>
      word(tokens[i], 'NULLS') && word(tokens[i + 1], 'NOT') && word(tokens[i + 2], 'DISTINCT'),
  },
  {
    syntax: 'EXCEPT',
    section: 'set-operations',
    message: 'EXCEPT is not in IRIS documentation; filter with NOT EXISTS or NOT IN',
    at: (i, { tokens }) => word(tokens[i], 'EXCEPT'),
  },
  {
    syntax: 'TOP n DISTINCT',
    section: 'row-limits',
    message: 'DISTINCT goes before TOP in IRIS SQL: SELECT DISTINCT TOP n ...',
    at: (i, { tokens }) => word(tokens[i], 'DISTINCT') && word(tokens[i - 2], 'TOP'),
  },
  {
    syntax: 'WITH RECURSIVE',
    section: 'ctes-window-functions-and-locking-reads',
    message: 'WITH RECURSIVE is not known to work on IRIS; read the levels with one query each',
    at: (i, { tokens }) => word(tokens[i], 'WITH') && word(tokens[i + 1], 'RECURSIVE'),
  },
  {
    syntax: 'DEFERRABLE, INITIALLY DEFERRED',
    section: 'alter-table',
    message:
      'IRIS constraints are not deferrable; drop DEFERRABLE / INITIALLY and order the writes',
    at: (i, { tokens }) =>
      word(tokens[i], 'DEFERRABLE') ||
      (word(tokens[i], 'INITIALLY') && word(tokens[i + 1], 'DEFERRED', 'IMMEDIATE')),
  },
  {
    syntax: 'ON DELETE RESTRICT, ON UPDATE RESTRICT',
    section: 'foreign-keys',
    message: (tokens, i) =>
      `ON ${upper(tokens[i + 1])} RESTRICT is not among IRIS's referential actions (NO ACTION, SET NULL, SET DEFAULT, CASCADE); write NO ACTION, the default, which also refuses to ${upper(tokens[i + 1]).toLowerCase()} a row another row references`,
    at: (i, { tokens, query }) =>
      !query &&
      word(tokens[i], 'ON') &&
      word(tokens[i + 1], 'DELETE', 'UPDATE') &&
      word(tokens[i + 2], 'RESTRICT'),
  },
  {
    syntax: 'SET NULL (columns), SET DEFAULT (columns)',
    section: 'foreign-keys',
    message: (tokens, i) =>
      `SET ${upper(tokens[i + 1])} (columns) is not IRIS DDL: IRIS's action sets every column of the foreign key; remove the column list`,
    at: (i, { tokens, query }) =>
      !query &&
      word(tokens[i - 1], 'DELETE', 'UPDATE') &&
      word(tokens[i], 'SET') &&
      word(tokens[i + 1], 'NULL', 'DEFAULT') &&
      text(tokens[i + 2], '('),
  },
  {
    syntax: 'MATCH FULL, MATCH PARTIAL, MATCH SIMPLE',
    section: 'foreign-keys',
    message: (tokens, i) =>
      `MATCH ${upper(tokens[i + 1])} is not IRIS DDL, whose foreign keys take no MATCH clause; remove it`,
    at: (i, { tokens, query }) =>
      !query && word(tokens[i], 'MATCH') && word(tokens[i + 1], 'FULL', 'PARTIAL', 'SIMPLE'),
  },
  {
    syntax: 'TABLESAMPLE',
    section: 'postgresql-syntax',
    message: 'TABLESAMPLE is not IRIS SQL',
    at: (i, { tokens }) => word(tokens[i], 'TABLESAMPLE'),
  },
  {
    syntax: 'GROUPING SETS, ROLLUP, CUBE',
    section: 'postgresql-syntax',
    message:
      'GROUPING SETS, ROLLUP and CUBE are not in IRIS documentation; run one GROUP BY per grouping',
    at: (i, { tokens }) =>
      (word(tokens[i], 'GROUPING') && word(tokens[i + 1], 'SETS')) ||
      (word(tokens[i], 'ROLLUP', 'CUBE') &&
        text(tokens[i + 1], '(') &&
        (word(tokens[i - 1], 'BY') || text(tokens[i - 1], ','))),
  },
  {
    syntax: 'FILTER (WHERE ...)',
    section: 'functions',
    message:
      'an aggregate FILTER (WHERE ...) is not IRIS SQL; aggregate a CASE WHEN ... THEN x END instead',
    at: (i, { tokens }) =>
      word(tokens[i], 'FILTER') && text(tokens[i + 1], '(') && word(tokens[i + 2], 'WHERE'),
  },
  {
    syntax: 'IS [NOT] DISTINCT FROM',
    section: 'postgresql-syntax',
    message:
      'IS [NOT] DISTINCT FROM is not in IRIS documentation; compare with = and IS NULL: (a = b OR (a IS NULL AND b IS NULL))',
    at: (i, { tokens }) =>
      word(tokens[i], 'IS') &&
      (word(tokens[i + 1], 'DISTINCT') ||
        (word(tokens[i + 1], 'NOT') && word(tokens[i + 2], 'DISTINCT'))),
  },
  {
    syntax: 'SIMILAR TO',
    section: 'postgresql-syntax',
    message: 'SIMILAR TO is not IRIS SQL; use LIKE or %MATCHES',
    at: (i, { tokens }) => word(tokens[i], 'SIMILAR') && word(tokens[i + 1], 'TO'),
  },
  {
    syntax: 'COLLATE in a query',
    section: 'collation',
    message:
      'IRIS takes no COLLATE clause in a query; wrap the value in %EXACT(x), %SQLUPPER(x) or %SQLSTRING(x)',
    at: (i, { tokens, query }) => query && word(tokens[i], 'COLLATE'),
  },
  {
    syntax: '(VALUES ...) as a table',
    section: 'postgresql-syntax',
    message:
      'VALUES is IRIS SQL only in INSERT; select the literal rows with SELECT ... UNION ALL SELECT ...',
    at: (i, { tokens }) => word(tokens[i], 'VALUES') && text(tokens[i - 1], '('),
  },
  {
    syntax: "E'...', B'...', X'...'",
    section: 'postgresql-syntax',
    message:
      "E'...', B'...' and X'...' strings are not IRIS SQL; write a plain '...' literal, or CHAR(n) for a control character",
    at: (i, { tokens, touching }) =>
      word(tokens[i], 'E', 'B', 'X') && tokens[i + 1]?.type === 'string' && touching(i),
  },
  {
    syntax: 'OVERRIDING SYSTEM VALUE, OVERRIDING USER VALUE',
    section: 'identity-columns',
    message: (tokens, i) =>
      `OVERRIDING ${upper(tokens[i + 1])} VALUE is not IRIS SQL; an explicit value for an IDENTITY column needs the table created WITH %CLASSPARAMETER ALLOWIDENTITYINSERT = 1`,
    at: (i, { tokens }) => word(tokens[i], 'OVERRIDING') && word(tokens[i + 1], 'SYSTEM', 'USER'),
  },
  {
    syntax: 'SET (columns) = (values)',
    section: 'insert-update-and-delete',
    message:
      "SET (columns) = (values) is not IRIS SQL; write IRIS's UPDATE t (columns) VALUES (values), or SET c = v for each column",
    at: (i, { tokens, query }) =>
      query && word(tokens[i], 'SET') && text(tokens[i + 1], '(') && word(tokens[0], 'UPDATE'),
  },
  {
    syntax: 'DEFAULT as a value',
    section: 'insert-update-and-delete',
    message:
      'DEFAULT as a value is not in IRIS documentation, whose INSERT and UPDATE take scalar expressions; leave the column out of the INSERT (or write INSERT INTO t DEFAULT VALUES), or write the default value',
    at: (i, { tokens, query }) =>
      query && word(tokens[i], 'DEFAULT') && text(tokens[i - 1], '(', ',', '='),
  },
  {
    syntax: 'bit-shift and root operators',
    section: 'operators',
    message: (tokens, i) =>
      `operator ${tokens[i]?.text}${tokens[i + 1]?.text} is not IRIS SQL; IRIS has no bit-shift or root operator: use arithmetic (x * 2, SQRT(x), POWER(x, 1/3))`,
    at: (i, { tokens, touching }) =>
      touching(i) &&
      SPLIT_OPERATORS.some(
        ([first, second]) =>
          tokens[i]?.type === 'op' &&
          tokens[i]?.text === first &&
          tokens[i + 1]?.type === 'op' &&
          tokens[i + 1]?.text === second,
      ),
  },
  {
    syntax: 'x ISNULL, x NOTNULL',
    section: 'postgresql-syntax',
    message: (tokens, i) =>
      `postfix ${upper(tokens[i])} is not IRIS SQL; write x IS ${word(tokens[i], 'NOTNULL') ? 'NOT NULL' : 'NULL'}`,
    // ISNULL(a, b) is IRIS's function (docs/iris-sql.md#functions).
    at: (i, { tokens }) =>
      word(tokens[i], 'NOTNULL') || (word(tokens[i], 'ISNULL') && !text(tokens[i + 1], '(')),
  },
  {
    syntax: 'BETWEEN SYMMETRIC',
    section: 'operators',
    message: (tokens, i) =>
      `BETWEEN ${upper(tokens[i + 1])} is not IRIS SQL; IRIS's BETWEEN takes the lower bound first: match either order with two BETWEENs joined by OR`,
    at: (i, { tokens }) =>
      word(tokens[i], 'BETWEEN') && word(tokens[i + 1], 'SYMMETRIC', 'ASYMMETRIC'),
  },
  {
    syntax: 'SELECT with no select list',
    section: 'postgresql-syntax',
    message:
      'a SELECT without a select list is not IRIS SQL; select at least one item, e.g. SELECT 1',
    at: (i, { tokens }) =>
      word(tokens[i], 'SELECT') &&
      (tokens[i + 1] === undefined ||
        text(tokens[i + 1], ')', ';') ||
        word(tokens[i + 1], ...AFTER_NO_SELECT_LIST)),
  },
  {
    syntax: '(composite).field',
    section: 'postgresql-syntax',
    message:
      'a field of a parenthesised value, (x).field, is not IRIS SQL; IRIS has no composite values: name the column, table.column',
    at: (i, { tokens }) => text(tokens[i], ')') && text(tokens[i + 1], '.'),
  },
  {
    syntax: "'...' '...' continued on a new line",
    section: 'literals',
    message:
      'a string literal followed by another is not IRIS SQL (PostgreSQL joins them across a line break); write one literal, or join them with ||',
    at: (i, { tokens }) => tokens[i]?.type === 'string' && tokens[i + 1]?.type === 'string',
  },
  {
    syntax: '1_000, 0x10, 0o17, 0b101',
    section: 'literals',
    message: (tokens, i) =>
      `${tokens[i]?.text}${tokens[i + 1]?.text} is not an IRIS number: IRIS numbers are decimal digits with an optional point and E exponent, no _ separators or 0x, 0o, 0b prefixes`,
    at: (i, { tokens, touching }) =>
      tokens[i]?.type === 'number' && tokens[i + 1]?.type === 'word' && touching(i),
  },
  {
    syntax: "DATE '...', TIME '...', TIMESTAMP '...'",
    section: 'literals',
    message: (tokens, i) =>
      `${upper(tokens[i])} '...' is not IRIS SQL; write the ODBC literal {${word(tokens[i], 'DATE') ? 'd' : word(tokens[i], 'TIME') ? 't' : 'ts'} '...'} or CAST('...' AS ${upper(tokens[i])})`,
    at: (i, { tokens }) =>
      word(tokens[i], 'DATE', 'TIME', 'TIMESTAMP') && tokens[i + 1]?.type === 'string',
  },
  {
    syntax: "ESCAPE ''",
    section: 'like',
    message:
      "ESCAPE '' is not IRIS SQL: IRIS's ESCAPE names a single character; leave ESCAPE out for a pattern with no escape character",
    at: (i, { tokens }) => word(tokens[i], 'ESCAPE') && text(tokens[i + 1], "''"),
  },
  {
    syntax: 'DISTINCT ON',
    section: 'distinct-by',
    message: 'DISTINCT ON is not IRIS SQL; write DISTINCT BY (...)',
    at: (i, { tokens }) => word(tokens[i], 'DISTINCT') && word(tokens[i + 1], 'ON'),
  },
  {
    // After FROM (of a SELECT or a DELETE), JOIN, UPDATE or ALTER TABLE.
    syntax: 'ONLY table',
    section: 'postgresql-syntax',
    message: 'ONLY is not IRIS SQL, whose tables have no inheritance; name the table alone',
    at: (i, { tokens }) =>
      word(tokens[i], 'ONLY') && word(tokens[i - 1], 'FROM', 'JOIN', 'UPDATE', 'TABLE'),
  },
  {
    syntax: 'ORDER BY ... USING operator',
    section: 'postgresql-syntax',
    message: 'ORDER BY ... USING an operator is not IRIS SQL; write ASC or DESC',
    at: (i, { tokens }) => word(tokens[i], 'USING') && tokens[i + 1]?.type === 'op',
  },
  {
    syntax: 'GROUP BY ALL, GROUP BY DISTINCT',
    section: 'postgresql-syntax',
    message: (tokens, i) =>
      `GROUP BY ${upper(tokens[i + 2])} is not IRIS SQL; write GROUP BY and the columns alone`,
    at: (i, { tokens }) =>
      word(tokens[i], 'GROUP') &&
      word(tokens[i + 1], 'BY') &&
      word(tokens[i + 2], 'ALL', 'DISTINCT'),
  },
  {
    syntax: 'FETCH ... WITH TIES',
    section: 'row-limits',
    message: "WITH TIES is not IRIS SQL; IRIS's FETCH takes a row count alone",
    at: (i, { tokens }) => word(tokens[i], 'WITH') && word(tokens[i + 1], 'TIES'),
  },
  {
    syntax: 'GENERATED ALWAYS, GENERATED BY DEFAULT',
    section: 'identity-columns',
    message:
      "GENERATED columns are not IRIS DDL; number rows with IDENTITY, and compute a field with IRIS's COMPUTECODE (which the simulator does not model) or in SQL",
    at: (i, { tokens, query }) =>
      !query && word(tokens[i], 'GENERATED') && word(tokens[i + 1], 'ALWAYS', 'BY'),
  },
  {
    syntax: 'AT TIME ZONE, AT LOCAL',
    section: 'postgresql-syntax',
    message: (tokens, i) =>
      `AT ${word(tokens[i + 1], 'LOCAL') ? 'LOCAL' : 'TIME ZONE'} is not IRIS SQL, whose dates and times carry no time zone; shift the value with DATEADD(hh, n, x)`,
    at: (i, { tokens }) =>
      word(tokens[i], 'AT') &&
      ((word(tokens[i + 1], 'TIME') && word(tokens[i + 2], 'ZONE')) ||
        word(tokens[i + 1], 'LOCAL')),
  },
  {
    syntax: 'SELECT ... INTO table',
    section: 'postgresql-syntax',
    message:
      'SELECT ... INTO is not a statement a client sends to IRIS, whose INTO takes embedded SQL host variables; copy rows with INSERT INTO t SELECT ... or CREATE TABLE t AS SELECT ...',
    at: (i, { tokens }) =>
      word(tokens[i], 'INTO') &&
      (word(tokens[0], 'SELECT', 'WITH') || text(tokens[0], '(')) &&
      !word(tokens[i - 1], 'INSERT'),
  },
  {
    syntax: 'TABLE t as a query',
    section: 'postgresql-syntax',
    message: 'TABLE t as a query is not IRIS SQL; write SELECT * FROM t',
    at: (i, { tokens }) =>
      word(tokens[i], 'TABLE') &&
      (text(tokens[i - 1], '(') || word(tokens[i - 1], ...BEFORE_TABLE_QUERY)),
  },
  {
    syntax: 'GROUP BY ()',
    section: 'postgresql-syntax',
    message: 'GROUP BY () is not IRIS SQL; leave GROUP BY out to aggregate every row in one group',
    at: (i, { tokens }) =>
      word(tokens[i], 'BY') &&
      word(tokens[i - 1], 'GROUP') &&
      text(tokens[i + 1], '(') &&
      text(tokens[i + 2], ')'),
  },
  {
    syntax: 'IS [NOT] NORMALIZED, JSON, DOCUMENT, UNKNOWN',
    section: 'postgresql-syntax',
    message: (tokens, i) =>
      `IS ${word(tokens[i + 1], 'NOT') ? 'NOT ' : ''}${upper(tokens[word(tokens[i + 1], 'NOT') ? i + 2 : i + 1])} is not IRIS SQL, whose IS tests for NULL only: write IS [NOT] NULL, or test the value with IRIS's functions`,
    at: (i, { tokens }) =>
      word(tokens[i], 'IS') &&
      word(tokens[word(tokens[i + 1], 'NOT') ? i + 2 : i + 1], ...IS_TESTS),
  },
  {
    // docs/iris-sql.md#ctes-window-functions-and-locking-reads: IRIS's WITH goes before a SELECT.
    syntax: 'WITH ... INSERT, UPDATE, DELETE',
    section: 'ctes-window-functions-and-locking-reads',
    message: (tokens, i) =>
      `WITH before ${upper(tokens[i])} is not in IRIS documentation, whose WITH goes before a SELECT; read the CTE as a subquery, (SELECT ...) AS name`,
    at: (i, { tokens }) =>
      word(tokens[0], 'WITH') &&
      word(tokens[i], 'INSERT', 'UPDATE', 'DELETE') &&
      !word(tokens[i - 1], 'FOR', 'ON'),
  },
  {
    syntax: 'ROWS FROM (...), WITH ORDINALITY',
    section: 'postgresql-syntax',
    message: (tokens, i) =>
      `${word(tokens[i], 'ROWS') ? 'ROWS FROM (...)' : 'WITH ORDINALITY'} is not IRIS SQL, whose FROM takes no function calls; select the values in the select list`,
    at: (i, { tokens }) =>
      (word(tokens[i], 'ROWS') && word(tokens[i + 1], 'FROM')) ||
      (word(tokens[i], 'WITH') && word(tokens[i + 1], 'ORDINALITY')),
  },
  {
    syntax: '** (exponentiation)',
    section: 'operators',
    message: 'operator ** is not IRIS SQL, which has no exponentiation operator; write POWER(x, y)',
    at: (i, { tokens, touching }) =>
      touching(i) &&
      tokens[i]?.type === 'op' &&
      tokens[i]?.text === '*' &&
      tokens[i + 1]?.type === 'op' &&
      tokens[i + 1]?.text === '*',
  },
  {
    syntax: 'LIKE ANY, LIKE ALL',
    section: 'like',
    message: (tokens, i) =>
      `LIKE ${upper(tokens[i + 1])} is not IRIS SQL: IRIS's LIKE takes one pattern; join one LIKE per pattern with ${word(tokens[i + 1], 'ALL') ? 'AND' : 'OR'}, or test EXISTS (SELECT ... WHERE s LIKE pattern)`,
    at: (i, { tokens }) => word(tokens[i], 'LIKE') && word(tokens[i + 1], 'ANY', 'SOME', 'ALL'),
  },
  {
    syntax: 'dollar-quoted strings, bitwise and JSON operators',
    section: 'operators',
    message:
      "is not an IRIS SQL operator: write AND / OR between predicates, '...' strings, and IRIS's functions for the rest",
    at: (i, { tokens }) => tokens[i]?.type === 'op' && OPERATORS.includes(tokens[i]?.text ?? ''),
  },
]

/** Throws for the first PostgreSQL construct in the statement. */
export function rejectPostgresSyntax(all: readonly Token[]): void {
  const positions: number[] = []
  all.forEach((token, at) => {
    if (!isTrivia(token)) positions.push(at)
  })
  const tokens = positions.map((at) => all[at] as Token)
  const touching = (i: number) => (positions[i + 1] ?? -1) === (positions[i] ?? -2) + 1
  const query = !(word(tokens[0], 'CREATE', 'ALTER') && word(tokens[1], 'TABLE'))
  for (let i = 0; i < tokens.length; i++) {
    const found = POSTGRES_SYNTAX.find((rule) => rule.at(i, { tokens, touching, query }))
    if (!found) continue
    const message =
      typeof found.message === 'function'
        ? found.message(tokens, i)
        : found.message.startsWith('is not')
          ? `${tokens[i]?.text} ${found.message}`
          : found.message
    throw irisError(found.sqlcode ?? -1, message)
  }
}
