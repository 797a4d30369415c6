/**
 * The SQL objects the translations rely on, created once at bootstrap (after `CREATE EXTENSION
 * vector` and METADATA_SQL). Idempotent, so a persistent data directory can run it again.
 *
 * Errors raised here use SQLSTATE `IRnnn`, meaning IRIS SQLCODE `-nnn` (see iris-error.ts): IR257
 * vectors of different element types, IR258 of different lengths, IR259 invalid vector arguments
 * (docs/iris-sql.md#vector-functions); IR001 an HNSW index on a column that cannot hold one
 * (docs/iris-sql.md#hnsw-indexes); IR333 DROP INDEX of an index that does not exist; IR473 DROP
 * SCHEMA of a schema that does not exist, IR475 of one not empty without CASCADE
 * (docs/iris-sql.md#schemas).
 */
import { HIDDEN_ROW_ID, OVERRIDES_SCHEMA } from '../catalog/metadata.js'
import { COLLATED_STRING_SQL } from './collated-string.js'
import {
  DATE_PART_NAMES,
  DATE_PART_SQL,
  DATE_PARTS_TAKEN,
  type DateFunction,
  unmodelledDatePart,
} from './date-parts.js'
import { CANONICAL_PATTERN, EXACT_ORDER_KEY, EXACT_ORDER_KEY_TYPE } from './exact-order.js'
import { quoteLiteral } from './names.js'
import { NVL_SQL } from './nvl.js'
import { STRING_FUNCTIONS_SQL } from './string-functions.js'
import { VECTOR_PG_TYPES, type VectorElementType } from './types.js'

/** Runs `sql` unless `exists` (a boolean query) is true: for objects without IF NOT EXISTS. */
function unless(exists: string, sql: string): string {
  return `do $do$ begin if not (${exists}) then ${sql}; end if; end $do$;`
}

const domains = [
  // docs/iris-sql.md#column-types: TINYINT is -128..127; BIT holds 0, 1 or NULL (docs/iris-sql.md#booleans).
  unless(
    "select exists (select 1 from pg_type where typname = 'tinyint' and typnamespace = 'iris_sim'::regnamespace)",
    'create domain iris_sim.tinyint as smallint check (value between -128 and 127)',
  ),
  unless(
    "select exists (select 1 from pg_type where typname = 'bit' and typnamespace = 'iris_sim'::regnamespace)",
    'create domain iris_sim.bit as smallint check (value in (0, 1))',
  ),
]

/**
 * Parameters are loosely typed as in IRIS (docs/iris-sql.md#parameter-re-typing): a text value
 * (e.g. a parameter under UNION ALL, which PostgreSQL types as text) is assigned to a numeric or
 * date/time column by conversion.
 */
const LOOSE_TARGETS = [
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'double precision',
  'date',
  'time',
  'timestamp',
  'uuid',
]
const looseCasts = LOOSE_TARGETS.map((target) =>
  unless(
    `select exists (select 1 from pg_cast where castsource = 'text'::regtype and casttarget = '${target}'::regtype)`,
    `create cast (text as ${target}) with inout as assignment`,
  ),
)

const scalarFunctions = `
-- docs/iris-sql.md#returning-and-last_identity: the engine stores the session's last identity with set_config('iris_sim.last_identity', value, false)
-- ('' when the last INSERT's table has no IDENTITY column) before running a plan that reads it.
create or replace function iris_sim.last_identity() returns bigint language sql stable as
$f$ select nullif(current_setting('iris_sim.last_identity', true), '')::bigint $f$;
-- docs/iris-sql.md#functions: IRIS's LENGTH does not count trailing blanks.
create or replace function iris_sim.length(text) returns integer language sql immutable as $f$ select char_length(rtrim($1, ' ')) $f$;
-- docs/iris-sql.md#functions: ROUND and TRUNCATE take any number; PostgreSQL's round and trunc
-- with a scale take only numeric.
create or replace function iris_sim.round(numeric, integer) returns numeric language sql immutable as $f$ select round($1, $2) $f$;
create or replace function iris_sim.truncate(numeric, integer) returns numeric language sql immutable as $f$ select trunc($1, $2) $f$;
create or replace function iris_sim.round(double precision, integer) returns double precision language sql immutable as $f$ select round($1::numeric, $2)::double precision $f$;
create or replace function iris_sim.truncate(double precision, integer) returns double precision language sql immutable as $f$ select trunc($1::numeric, $2)::double precision $f$;
create or replace function iris_sim.len(text) returns integer language sql immutable as $f$ select char_length($1) $f$;
-- docs/iris-sql.md#functions: GETDATE, NOW and CURRENT_TIMESTAMP give the local date and time with 0 fractional digits
-- (IRIS's default time precision), truncated; GETDATE(p) and CURRENT_TIMESTAMP(p) keep p digits (0 to 9; PostgreSQL
-- keeps 6). The clock is read once per statement, not per transaction as PostgreSQL's localtimestamp is.
-- GETUTCDATE and GETUTCDATE(p) do the same in UTC.
create or replace function iris_sim.clock_value(now timestamp, digits integer) returns timestamp language plpgsql immutable as $f$
begin
  if digits is null or digits < 0 or digits > 9 then
    raise exception using errcode = 'IR001', message = format('the time precision is a number of fractional digits from 0 to 9, not %s', coalesce(digits::text, 'NULL'));
  end if;
  return date_trunc('second', now) operator(pg_catalog.+) trunc(extract(microseconds from now)::numeric % 1000000 / 1000000, least(digits, 6)) * interval '1 second';
end $f$;
${['getdate', 'getutcdate']
  .map((fn) => {
    const now =
      fn === 'getdate'
        ? 'statement_timestamp()::timestamp'
        : "statement_timestamp() at time zone 'UTC'"
    return `create or replace function iris_sim.${fn}() returns timestamp language sql stable as $f$ select iris_sim.clock_value(${now}, 0) $f$;
create or replace function iris_sim.${fn}(digits integer) returns timestamp language sql stable as $f$ select iris_sim.clock_value(${now}, digits) $f$;`
  })
  .join('\n')}
-- docs/iris-sql.md#collation: the value a collation function returns: trailing whitespace (space, tab, LF,
-- VT, FF, CR) stripped, one leading space added; NULL gives ' '. An empty or all-blank value gives ' '
-- followed by $CHAR(0), which PostgreSQL text cannot hold, so the simulator refuses it (IR400) rather than
-- return something else.
create or replace function iris_sim.collated(value text) returns text language plpgsql immutable as $f$
begin
  if value is null then return ' '; end if;
  value := rtrim(value, E' \\t\\n\\x0B\\f\\r');
  if value = '' then
    raise exception using errcode = 'IR400', message = 'the collated form of an empty or all-blank string is a space followed by $CHAR(0) on IRIS, which the simulator cannot return; test for it with LENGTH(x) = 0 instead';
  end if;
  return ' ' || value;
end $f$;
-- %EXACT(x) compares x as text, trailing blanks counted (the translator adds the exact collation); a plain SQL
-- function, which the planner inlines.
create or replace function iris_sim.exact(text) returns text language sql immutable as $f$ select $1 $f$;
-- docs/iris-sql.md#collation: the sort key of EXACT order (exact-order.ts): canonical numbers first, in numeric order,
-- then the other strings character by character; NULL stays NULL. A plain SQL function, which the planner inlines.
${unless(
  `select exists (select 1 from pg_type where typname = '${EXACT_ORDER_KEY_TYPE.split('.')[1]}' and typnamespace = 'iris_sim'::regnamespace)`,
  `create type ${EXACT_ORDER_KEY_TYPE} as (not_number boolean, number numeric, string text collate "C")`,
)}
create or replace function ${EXACT_ORDER_KEY}(text) returns ${EXACT_ORDER_KEY_TYPE} language sql immutable as $f$
  select case when $1 ~ '${CANONICAL_PATTERN}' then row(false, $1::numeric, $1)::${EXACT_ORDER_KEY_TYPE}
    when $1 is not null then row(true, null, $1)::${EXACT_ORDER_KEY_TYPE} end $f$;
-- %SQLUPPER(x): upper-cased, then collated; %SQLSTRING(x): collated, case kept.
create or replace function iris_sim.sqlupper(text) returns text language sql immutable as $f$ select iris_sim.collated(upper($1)) $f$;
create or replace function iris_sim.sqlstring(text) returns text language sql immutable as $f$ select iris_sim.collated($1) $f$;
-- docs/iris-sql.md#odbc-escapes: CURDATE and CURTIME are the local date and time; IRIS truncates fractional seconds.
create or replace function iris_sim.curdate() returns date language sql stable as $f$ select statement_timestamp()::date $f$;
create or replace function iris_sim.curtime() returns time(0) language sql stable as $f$ select date_trunc('second', statement_timestamp()::timestamp)::time(0) $f$;
-- The keyword forms, under names of their own so that a column default shows as written (catalog/views.ts).
create or replace function iris_sim.current_timestamp_value() returns timestamp language sql stable as $f$ select iris_sim.getdate() $f$;
create or replace function iris_sim.current_timestamp_value(digits integer) returns timestamp language sql stable as $f$ select iris_sim.getdate(digits) $f$;
create or replace function iris_sim.current_time_value() returns time(0) language sql stable as $f$ select iris_sim.curtime() $f$;
-- docs/iris-sql.md#startswith: x %STARTSWITH p is x LIKE startswith_pattern(p) with backslash as the escape, every character of p
-- literal. IRIS ignores a %SQLUPPER prefix's trailing blanks and not a number's, which the simulator cannot tell
-- apart, so such a prefix (and the empty one) is refused (IR001, SQLCODE -1).
create or replace function iris_sim.startswith_pattern(prefix text) returns text language plpgsql immutable strict as
$f$ begin
  if prefix = '' or right(prefix, 1) = ' ' then
    raise exception using errcode = 'IR001', message = '%STARTSWITH with an empty prefix or one ending in a blank is IRIS SQL, but the simulator does not model it; test it on IRIS';
  end if;
  return replace(replace(replace(prefix, chr(92), chr(92) || chr(92)), '%', chr(92) || '%'), '_', chr(92) || '_') || '%';
end $f$;
-- docs/iris-sql.md#matches: a %MATCHES pattern as an anchored regular expression: ? one character, * any,
-- [set] and [a-z] kept, [^A-Z] [^a-z] [^0-9] the only negations IRIS documents, the escape character
-- (backslash by default) makes the next character literal. Every other character is matched literally.
create or replace function iris_sim.regex_literal(c text) returns text language sql immutable as
$f$ select case when c ~ '^[[:alnum:]]$' then c else chr(92) || c end $f$;
create or replace function iris_sim.matches_regex(pattern text, escape text) returns text language plpgsql immutable strict as
$f$ declare
  out text := '^';
  i integer := 1;
  c text;
  close integer;
  inside text;
begin
  if char_length(escape) <> 1 then
    raise exception using errcode = 'IR001', message = '%MATCHES ... ESCAPE takes exactly one character';
  end if;
  while i <= char_length(pattern) loop
    c := substr(pattern, i, 1);
    if c = escape and i < char_length(pattern) then
      i := i + 1;
      out := out || iris_sim.regex_literal(substr(pattern, i, 1));
    elsif c = '*' then out := out || '.*';
    elsif c = '?' then out := out || '.';
    elsif c = '[' then
      close := strpos(substr(pattern, i + 1), ']');
      inside := substr(pattern, i + 1, close - 1);
      if close = 0 or inside = '' or (left(inside, 1) = '^' and inside not in ('^A-Z', '^a-z', '^0-9'))
         or strpos(inside, chr(92)) > 0 or strpos(inside, '[') > 0 then
        raise exception using errcode = 'IR001', message = format('%%MATCHES set [%s is IRIS SQL, but the simulator does not model it; test it on IRIS', substr(pattern, i + 1));
      end if;
      out := out || '[' || inside || ']';
      i := i + close;
    else out := out || iris_sim.regex_literal(c);
    end if;
    i := i + 1;
  end loop;
  return out || '$';
end $f$;
-- docs/iris-sql.md#functions: SQUARE(x) has the type x * x has; an integer's square is computed one size up, so that
-- an INTEGER's square does not overflow as PostgreSQL's 32-bit product would.
create or replace function iris_sim.square(smallint) returns integer language sql immutable as $f$ select $1::integer * $1 $f$;
create or replace function iris_sim.square(integer) returns bigint language sql immutable as $f$ select $1::bigint * $1 $f$;
create or replace function iris_sim.square(bigint) returns bigint language sql immutable as $f$ select $1 * $1 $f$;
create or replace function iris_sim.square(numeric) returns numeric language sql immutable as $f$ select $1 * $1 $f$;
create or replace function iris_sim.square(double precision) returns double precision language sql immutable as $f$ select $1 * $1 $f$;
-- docs/iris-sql.md#functions: GREATEST and LEAST of numbers are NULL when any argument is (PostgreSQL's skip NULLs),
-- of the arguments' common type; strings (compared with canonical numbers first, under the collation) are refused.
${['greatest', 'least']
  .map(
    (
      fn,
    ) => `create or replace function iris_sim.${fn}(variadic v anycompatiblearray) returns anycompatible language plpgsql immutable as
$f$ begin
  if pg_typeof(v[1]) not in ('smallint'::regtype, 'integer', 'bigint', 'numeric', 'double precision', 'real') then
    raise exception using errcode = 'IR359', message = '${fn.toUpperCase()} of strings, dates or times is IRIS SQL, but the simulator does not compare them as IRIS does; test it on IRIS';
  end if;
  if array_position(v, null) is not null then return null; end if;
  return (select ${fn === 'greatest' ? 'max' : 'min'}(x) from unnest(v) x);
end $f$;`,
  )
  .join('\n')}
-- docs/iris-sql.md#functions: CONCAT of two strings, NULL when either is; numbers, which IRIS writes in canonical
-- form first, have overloads of their own (engine/number-string-operators.ts).
create or replace function iris_sim.concat(text, text) returns text language sql immutable as $f$ select $1 || $2 $f$;
-- docs/iris-sql.md#date-functions: LAST_DAY is the date of the month's last day.
create or replace function iris_sim.last_day(d timestamp) returns date language sql immutable as
$f$ select (date_trunc('month', d) operator(pg_catalog.+) interval '1 month' operator(pg_catalog.-) interval '1 day')::date $f$;
-- docs/iris-sql.md#date-functions: SECOND keeps the fraction, without trailing zeros; WEEK counts weeks from
-- Sunday, week 1 ending on the year's first Saturday; DAYNAME and MONTHNAME in English.
create or replace function iris_sim.second(d timestamp) returns numeric language sql immutable as $f$ select trim_scale(extract(second from d)) $f$;
create or replace function iris_sim.week(d timestamp) returns integer language sql immutable as
$f$ select floor((extract(doy from d) + extract(dow from date_trunc('year', d)) - 1) / 7)::integer + 1 $f$;
create or replace function iris_sim.dayname(d timestamp) returns varchar language sql immutable as
$f$ select (array['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'])[extract(dow from d)::integer + 1]::varchar $f$;
create or replace function iris_sim.monthname(d timestamp) returns varchar language sql immutable as
$f$ select (array['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'])[extract(month from d)::integer]::varchar $f$;
create or replace function iris_sim.vector_error(code text, message text) returns double precision language plpgsql as
$f$ begin raise exception using errcode = code, message = message; end $f$;
`

/** Conversion of the checked `numbers numeric[]` to each element type's representation. */
const FROM_NUMBERS: Record<VectorElementType, string> = {
  FLOAT: 'numbers::real[]::vector',
  DOUBLE: 'numbers::float8[]',
  DECIMAL: 'numbers',
  // docs/iris-sql.md#to_vector: a fraction in an INTEGER vector is truncated, not refused.
  INTEGER:
    '(select array_agg(trunc(x)::int8 order by i) from unnest(numbers) with ordinality as u(x, i))',
}

/**
 * TO_VECTOR(data, type [, length]) per element type (docs/iris-sql.md#to_vector): brackets
 * optional; a length pads with 0 or truncates. Text that is not a list of numbers raises IR259.
 */
function toVectorFunction(type: VectorElementType): string {
  return `
create or replace function iris_sim.to_vector_${type.toLowerCase()}(data text, length integer default null) returns ${VECTOR_PG_TYPES[type]}
language plpgsql immutable as $f$
declare numbers numeric[];
begin
  if data is null then return null; end if;
  begin
    numbers := string_to_array(btrim(btrim(data), '[]'), ',')::numeric[];
  exception when data_exception then
    raise exception using errcode = 'IR259', message = format('TO_VECTOR: %s is not a list of numbers', data);
  end;
  if length is not null then
    if length < 1 then raise exception using errcode = 'IR259', message = 'TO_VECTOR: the length must be positive'; end if;
    numbers := (numbers || array_fill(0::numeric, array[greatest(length - cardinality(numbers), 0)]))[1:length];
  end if;
  if cardinality(numbers) = 0 then raise exception using errcode = 'IR259', message = 'TO_VECTOR: empty vector'; end if;
  return ${FROM_NUMBERS[type]};
end $f$;`
}

const ELEMENT_TYPES: VectorElementType[] = ['FLOAT', 'DOUBLE', 'DECIMAL', 'INTEGER']

const lengthOf = (type: VectorElementType, arg: string) =>
  type === 'FLOAT' ? `vector_dims(${arg})` : `cardinality(${arg})`

/** Same element type: pgvector's fast operators for FLOAT (docs/iris-sql.md#vector-functions), arithmetic over unnest otherwise. */
function similarity(kind: 'cosine' | 'dot_product', type: VectorElementType): string {
  if (type === 'FLOAT') return kind === 'cosine' ? '1 - (a <=> b)' : '-(a <#> b)'
  const value =
    kind === 'cosine' ? 'sum(x * y) / (sqrt(sum(x * x)) * sqrt(sum(y * y)))' : 'sum(x * y)'
  return `(select ${value} from unnest(a::float8[], b::float8[]) as u(x, y))`
}

/** VECTOR_COSINE / VECTOR_DOT_PRODUCT for every pair of element types; mixed pairs raise -257. */
function similarityFunctions(): string {
  const statements: string[] = []
  for (const kind of ['cosine', 'dot_product'] as const) {
    for (const left of ELEMENT_TYPES) {
      for (const right of ELEMENT_TYPES) {
        const body =
          left === right
            ? `select case when ${lengthOf(left, 'a')} <> ${lengthOf(right, 'b')} then iris_sim.vector_error('IR258', format('vectors of different lengths (%s and %s)', ${lengthOf(left, 'a')}, ${lengthOf(right, 'b')})) else ${similarity(kind, left)} end`
            : `select iris_sim.vector_error('IR257', 'vectors of different types (${left} and ${right})')`
        statements.push(
          `create or replace function iris_sim.vector_${kind}(a ${VECTOR_PG_TYPES[left]}, b ${VECTOR_PG_TYPES[right]}) returns double precision language sql immutable as $f$ ${body} $f$;`,
        )
      }
    }
  }
  return statements.join('\n')
}

const sqlArray = (items: readonly string[]) => `array[${items.map((i) => `'${i}'`).join(', ')}]`

/**
 * iris_sim.date_part(part, fn): the datepart a parameter names, for function `fn`
 * (docs/iris-sql.md#date-parts); NULL for a name that is no datepart of `fn`, as IRIS answers a host
 * variable; IR359 for a part the simulator does not compute.
 */
function datePartFunction(): string {
  const names = [...DATE_PART_NAMES].map(([name, part]) => `when '${name}' then '${part}'`)
  const functions = Object.keys(DATE_PART_SQL) as DateFunction[]
  const taken = functions.map((fn) => `when '${fn}' then ${sqlArray(DATE_PARTS_TAKEN[fn])}`)
  const modelled = functions.map(
    (fn) => `when '${fn}' then ${sqlArray(Object.keys(DATE_PART_SQL[fn]))}`,
  )
  return `
create or replace function iris_sim.date_part(part text, fn text) returns text language plpgsql immutable strict as
$f$ declare canonical text := case lower(btrim(part)) ${names.join(' ')} end;
begin
  if canonical is null or not canonical = any(case fn ${taken.join(' ')} end) then return null; end if;
  if not canonical = any(case fn ${modelled.join(' ')} end) then
    raise exception using errcode = 'IR359', message = format('${unmodelledDatePart('%s', '%s')}', fn, canonical);
  end if;
  return canonical;
end $f$;`
}

const DATE_FUNCTION_SIGNATURES: Record<DateFunction, { args: string; returns: string }> = {
  DATEADD: { args: 'n numeric, d timestamp', returns: 'timestamp' },
  DATEDIFF: { args: 's timestamp, e timestamp', returns: 'integer' },
  DATEPART: { args: 'd timestamp', returns: 'integer' },
  DATENAME: { args: 'd timestamp', returns: 'varchar' },
}

/** DATEADD, DATEDIFF, DATEPART and DATENAME over DATE_PART_SQL (date-parts.ts, docs/iris-sql.md#date-parts). */
function dateFunctions(): string {
  return (Object.keys(DATE_PART_SQL) as DateFunction[])
    .map((fn) => {
      const arms = Object.entries(DATE_PART_SQL[fn]).map(
        ([part, sql]) => `when '${part}' then ${sql}`,
      )
      const part = `case iris_sim.date_part(part, '${fn}') ${arms.join(' ')} end`
      // DATEADD adds whole units (the number truncated); DATENAME returns a string, the others an INTEGER.
      const body =
        fn === 'DATEADD'
          ? `d operator(pg_catalog.+) trunc(n) * ${part}`
          : fn === 'DATENAME'
            ? `(${part})::varchar`
            : `(${part})::integer`
      const { args, returns } = DATE_FUNCTION_SIGNATURES[fn]
      return `create or replace function iris_sim.${fn.toLowerCase()}(part text, ${args}) returns ${returns} language sql immutable as $f$ select ${body} $f$;`
    })
    .join('\n')
}

/**
 * LIST(x) over text and integers (docs/iris-sql.md#functions): the values joined by commas, NULLs
 * left out, an empty string kept (as an empty item). Over no value at all, what IRIS returns is not
 * documented, so the simulator refuses it (IR359, SQLCODE -359).
 */
const LIST_TYPES = ['text', 'bigint']
const listAggregate = `
create or replace function iris_sim.list_append(list text, value anyelement) returns text language sql immutable as
$f$ select case when value is null then list when list is null then value::text else list || ',' || value::text end $f$;
create or replace function iris_sim.list_result(list text) returns text language plpgsql immutable as
$f$ begin
  if list is null then
    raise exception using errcode = 'IR359', message = 'LIST over no value (no rows, or only NULLs) is IRIS SQL, but its result is not documented; test it on IRIS';
  end if;
  return list;
end $f$;
${LIST_TYPES.map((type) => `create or replace aggregate iris_sim.list(${type}) (sfunc = iris_sim.list_append, stype = text, finalfunc = iris_sim.list_result);`).join('\n')}
`

const indexProcedures = `
-- docs/iris-sql.md#hnsw-indexes: an HNSW index needs a fixed-length FLOAT, DOUBLE or DECIMAL vector column.
create or replace procedure iris_sim.check_hnsw_column(table_oid regclass, column_name text) language plpgsql as $f$
begin
  if not exists (select 1 from iris_sim.column_info c where c.table_oid = check_hnsw_column.table_oid and c.column_name = check_hnsw_column.column_name
                 and c.vector_element_type in ('FLOAT', 'DOUBLE', 'DECIMAL') and c.vector_length is not null) then
    raise exception using errcode = 'IR001', message = format('HNSW index needs a fixed-length FLOAT, DOUBLE or DECIMAL VECTOR column, not %s', column_name);
  end if;
end $f$;
-- DROP INDEX: a recorded HNSW index is forgotten, any other index dropped.
create or replace procedure iris_sim.drop_index(schema_name text, index_name text, table_name text, if_exists boolean) language plpgsql as $f$
begin
  delete from iris_sim.hnsw_index h where h.index_name = drop_index.index_name
    and (table_name is null or h.table_oid = to_regclass(table_name));
  if found then return; end if;
  if exists (select 1 from pg_class c where c.relkind in ('i', 'I') and c.relname = drop_index.index_name and c.relnamespace = (select n.oid from pg_namespace n where n.nspname = schema_name)) then
    execute format('drop index %I.%I', schema_name, index_name);
  elsif not if_exists then
    raise exception using errcode = 'IR333', message = format('index %s does not exist', index_name);
  end if;
end $f$;
`

/** docs/iris-sql.md#create-and-drop: CREATE OR REPLACE VIEW drops the view it replaces (a view, never a table). */
const viewProcedures = `
create or replace procedure iris_sim.drop_replaced_view(view_name text) language plpgsql as $f$
begin
  if (select c.relkind from pg_class c where c.oid = to_regclass(view_name)) = 'v' then
    execute format('drop view %s', view_name);
  end if;
end $f$;
`

/**
 * docs/iris-sql.md#schemas: DROP SCHEMA with IRIS's SQLCODEs; CASCADE also forgets what the sim
 * records about the schema's tables (display names go with PostgreSQL's own drop).
 */
const schemaProcedures = `
create or replace procedure iris_sim.drop_schema(schema_name text, if_exists boolean, cascade boolean) language plpgsql as $f$
declare
  schema_oid oid := (select n.oid from pg_namespace n where n.nspname = schema_name);
begin
  if schema_oid is null then
    if if_exists then return; end if;
    raise exception using errcode = 'IR473', message = format('schema %s does not exist', schema_name);
  end if;
  if exists (select 1 from pg_class c where c.relnamespace = schema_oid) then
    if not cascade then
      raise exception using errcode = 'IR475', message = format('schema %s is not empty; drop it with CASCADE, or drop its tables and views first', schema_name);
    end if;
    delete from iris_sim.column_info i using pg_class c where c.oid = i.table_oid and c.relnamespace = schema_oid;
    delete from iris_sim.hnsw_index h using pg_class c where c.oid = h.table_oid and c.relnamespace = schema_oid;
  end if;
  execute format('drop schema %I cascade', schema_name);
end $f$;
`

/**
 * docs/iris-sql.md#create-and-drop: DROP TABLE of a table a foreign key of another table references
 * fails with SQLCODE -320, with RESTRICT and with CASCADE alike (CASCADE drops views, not foreign
 * keys); PostgreSQL's CASCADE would drop the foreign key, so the check runs before it.
 */
const referencedTableCheck = `
create or replace procedure iris_sim.refuse_drop_of_referenced_table(t regclass) language plpgsql as $f$
declare
  referencing regclass;
  foreign_key name;
begin
  if t is null then return; end if;
  select c.conrelid, c.conname into referencing, foreign_key
    from pg_constraint c where c.contype = 'f' and c.confrelid = t and c.conrelid <> t
    order by c.conrelid, c.conname limit 1;
  if referencing is null then return; end if;
  raise exception using errcode = 'IR320', message = format(
    'table %s is referenced by foreign key %s of table %s, and CASCADE does not drop foreign keys: drop it first with ALTER TABLE %s DROP FOREIGN KEY %s',
    t, foreign_key, referencing, referencing, foreign_key);
end $f$;
`

/**
 * docs/iris-sql.md#foreign-keys: what `REFERENCES t` without columns references when t has no
 * primary key, checked before PostgreSQL, which takes the primary key only (default-references.ts).
 */
const defaultReferenceCheck = `
create or replace procedure iris_sim.check_default_reference(t regclass) language plpgsql as $f$
begin
  if t is null or exists (select 1 from pg_constraint c where c.conrelid = t and c.contype = 'p') then return; end if;
  if exists (select 1 from iris_sim.column_info i where i.table_oid = t and i.row_id) then
    raise exception using errcode = 'IR001', message = format(
      'the foreign key names no columns and %s has no primary key, so IRIS references its IDENTITY column, which the simulator does not model: declare that column PRIMARY KEY too, or name a primary key or UNIQUE column of %s',
      t, t);
  end if;
  raise exception using errcode = 'IR315', message = format(
    'the foreign key names no columns and %s has no primary key, no IDENTITY column and no public RowID for it to reference: name a primary key or UNIQUE column of %s',
    t, t);
end $f$;
`

/**
 * docs/iris-sql.md#rowid: a table with a RowID gets a function `"%id"(its row type)` in the
 * overrides schema, returning it, which `t."%id"` calls (row-id.ts): its column declared IDENTITY
 * (`row_id` in column_info), else its hidden RowID column (row-id-steps.ts).
 * DDL calls define_row_id after changing a table, and drop_row_id before dropping it: the function
 * depends on the table's row type.
 */
const rowIdProcedures = `
create or replace procedure iris_sim.drop_row_id(t regclass) language plpgsql as $f$
begin
  if t is null then return; end if;
  execute format('drop function if exists ${OVERRIDES_SCHEMA}."%%id"(%s)', (select c.reltype::regtype from pg_class c where c.oid = t));
end $f$;
create or replace procedure iris_sim.define_row_id(t regclass) language plpgsql as $f$
declare
  column_name name;
  column_type text;
begin
  call iris_sim.drop_row_id(t);
  select a.attname, format_type(a.atttypid, a.atttypmod) into column_name, column_type
    from pg_attribute a left join iris_sim.column_info i on i.table_oid = a.attrelid and i.column_name = a.attname
    where a.attrelid = t and not a.attisdropped and (i.row_id or a.attname = ${quoteLiteral(HIDDEN_ROW_ID)})
    order by i.row_id is true desc limit 1;
  if column_name is null then return; end if;
  execute format('create function ${OVERRIDES_SCHEMA}."%%id"(%s) returns %s language sql stable as %L',
    (select c.reltype::regtype from pg_class c where c.oid = t), column_type, format('select ($1).%I', column_name));
end $f$;
`

/**
 * docs/iris-sql.md#create-table-as-select: what a table made by `CREATE TABLE t AS query` records
 * once PostgreSQL has made it (its columns carry the query's types and collations, no constraints,
 * defaults or identities). Each column copied from a column of one of the query's tables (`sources`;
 * under its own name, or under an alias: `aliases` pairs each aliased column with the column it
 * reads, null for an expression) takes that column's IRIS type and name as created; one copied from
 * an IDENTITY column becomes a plain BIGINT. Any other column gets the IRIS type of its PostgreSQL
 * type (iris_type_of).
 */
const copiedTableProcedures = `
create or replace function iris_sim.iris_type_of(type_oid oid, typmod integer,
  out iris_type text, out data_type text, out character_maximum_length integer, out numeric_precision integer, out numeric_scale integer)
language plpgsql stable as $f$
declare pg_type text := format_type(type_oid, null);
begin
  case pg_type
    when 'integer' then select 'INTEGER', 'integer', 10, 0 into iris_type, data_type, numeric_precision, numeric_scale;
    when 'bigint' then select 'BIGINT', 'bigint', 19, 0 into iris_type, data_type, numeric_precision, numeric_scale;
    when 'smallint' then select 'SMALLINT', 'smallint', 5, 0 into iris_type, data_type, numeric_precision, numeric_scale;
    when 'iris_sim.tinyint' then select 'TINYINT', 'tinyint', 3, 0 into iris_type, data_type, numeric_precision, numeric_scale;
    when 'iris_sim.bit', 'boolean' then select 'BIT', 'bit', 1, 0 into iris_type, data_type, numeric_precision, numeric_scale;
    when 'double precision', 'real' then select 'DOUBLE', 'double', 15 into iris_type, data_type, numeric_precision;
    when 'numeric' then
      if typmod < 4 then
        select 'NUMERIC', 'numeric' into iris_type, data_type;
      else
        numeric_precision := ((typmod - 4) >> 16) & 65535;
        numeric_scale := (typmod - 4) & 65535;
        select format('NUMERIC(%s,%s)', numeric_precision, numeric_scale), 'numeric' into iris_type, data_type;
      end if;
    when 'character varying', 'character', 'iris_sim.string' then
      if typmod < 4 then
        select 'VARCHAR', 'varchar' into iris_type, data_type;
      else
        character_maximum_length := typmod - 4;
        select format('VARCHAR(%s)', character_maximum_length), 'varchar' into iris_type, data_type;
      end if;
    when 'text' then select 'LONGVARCHAR', 'longvarchar' into iris_type, data_type;
    when 'date' then select 'DATE', 'date' into iris_type, data_type;
    when 'time without time zone' then select 'TIME', 'time' into iris_type, data_type;
    when 'timestamp without time zone' then select 'TIMESTAMP', 'timestamp' into iris_type, data_type;
    when 'bytea' then select 'LONGVARBINARY', 'longvarbinary' into iris_type, data_type;
    when 'uuid' then select 'UNIQUEIDENTIFIER', 'uniqueidentifier' into iris_type, data_type;
    else select upper(format_type(type_oid, typmod)), lower(pg_type) into iris_type, data_type;
  end case;
end $f$;
create or replace procedure iris_sim.describe_copied_table(target regclass, sources regclass[], aliases text[], alias_sources text[]) language plpgsql as $f$
declare
  a record;
  origin name;
  position integer;
  matches integer;
  source_oid oid;
  source_attnum smallint;
  source_identity boolean;
  source_info boolean;
begin
  for a in select attname, attnum, atttypid, atttypmod from pg_attribute where attrelid = target and attnum > 0 and not attisdropped order by attnum loop
    position := array_position(aliases, a.attname::text);
    origin := case when position is null then a.attname else alias_sources[position] end;
    -- The one column of that name and type among the sources, if there is exactly one.
    select count(*), min(c.attrelid), min(c.attnum), bool_or(c.attidentity <> ''), bool_or(i.table_oid is not null)
      into matches, source_oid, source_attnum, source_identity, source_info
      from unnest(sources) as s(oid) join pg_attribute c on c.attrelid = s.oid and c.attname = origin and not c.attisdropped
        and c.atttypid = a.atttypid and c.atttypmod = a.atttypmod
      left join iris_sim.column_info i on i.table_oid = c.attrelid and i.column_name = c.attname;
    if matches <> 1 then
      source_identity := false;
      source_info := false;
    else
      insert into iris_sim.display_name (classid, objid, objsubid, name)
        select d.classid, target, a.attnum, d.name from iris_sim.display_name d
        where d.classid = 'pg_class'::regclass and d.objid = source_oid and d.objsubid = source_attnum
        on conflict (classid, objid, objsubid) do update set name = excluded.name;
    end if;
    if source_identity then
      execute format('alter table %s alter column %I type bigint', target, a.attname);
      insert into iris_sim.column_info (table_oid, column_name, iris_type, data_type, character_maximum_length, numeric_precision, numeric_scale)
        select target, a.attname, t.* from iris_sim.iris_type_of('bigint'::regtype, -1) t;
    elsif source_info then
      insert into iris_sim.column_info (table_oid, column_name, iris_type, data_type, character_maximum_length, numeric_precision, numeric_scale, vector_element_type, vector_length)
        select target, a.attname, i.iris_type, i.data_type, i.character_maximum_length, i.numeric_precision, i.numeric_scale, i.vector_element_type, i.vector_length
        from iris_sim.column_info i where i.table_oid = source_oid and i.column_name = origin;
    else
      insert into iris_sim.column_info (table_oid, column_name, iris_type, data_type, character_maximum_length, numeric_precision, numeric_scale)
        select target, a.attname, t.* from iris_sim.iris_type_of(a.atttypid, a.atttypmod) t;
    end if;
  end loop;
end $f$;
`

export const RUNTIME_SQL = [
  ...domains,
  COLLATED_STRING_SQL,
  ...looseCasts,
  scalarFunctions,
  STRING_FUNCTIONS_SQL,
  NVL_SQL,
  ...ELEMENT_TYPES.map(toVectorFunction),
  similarityFunctions(),
  datePartFunction(),
  dateFunctions(),
  listAggregate,
  indexProcedures,
  viewProcedures,
  schemaProcedures,
  rowIdProcedures,
  referencedTableCheck,
  defaultReferenceCheck,
  copiedTableProcedures,
].join('\n')
