/**
 * The runtime's string functions whose IRIS meaning PostgreSQL has under no name
 * (docs/iris-sql.md#string-functions): CHARINDEX (substring first, an optional start), STUFF
 * (replace by position), LPAD and RPAD (pad; RPAD also truncates), SPACE, and STRING (concatenation
 * that skips NULLs). What IRIS does is documented only in part:
 * an undocumented case raises IR359 (SQLCODE -359) saying so, rather than return a guess.
 */
/** Raises IR359 for `what` (a format() string, its arguments in `args`: `, fn`). */
const unmodelled = (what: string, args = '') =>
  `raise exception using errcode = 'IR359', message = format('${what} is IRIS SQL, but its result is not documented; test it on IRIS'${args})`

export const STRING_FUNCTIONS_SQL = `
-- docs/iris-sql.md#string-functions: CHARINDEX(substring, string [, start]) counts from 1, 0 when not found; a start
-- below 1 or NULL searches from the beginning; NULL for either string is NULL.
create or replace function iris_sim.charindex(sub text, s text, start bigint default 0) returns integer language plpgsql immutable as
$f$ declare from_pos integer; found integer;
begin
  if sub is null or s is null then return null; end if;
  if sub = '' then ${unmodelled('CHARINDEX of an empty substring')}; end if;
  from_pos := least(greatest(coalesce(start, 0), 1), char_length(s) + 1);
  found := strpos(substr(s, from_pos), sub);
  return case when found = 0 then 0 else found + from_pos - 1 end;
end $f$;
-- docs/iris-sql.md#string-functions: STUFF(string, start, length, substring) replaces length characters from start
-- (all the rest when length reaches past the end); start 0 with length 0 puts substring in front; NULL start, length
-- or substring is NULL.
create or replace function iris_sim.stuff(s text, start bigint, len bigint, sub text) returns text language plpgsql immutable as
$f$ begin
  if start is null or len is null or sub is null then return null; end if;
  if s is null then ${unmodelled('STUFF of a NULL string')}; end if;
  if start < 0 or start > char_length(s) or len < 0 or (start = 0 and len <> 0) then
    ${unmodelled('STUFF with a start outside 1 to the string length (or 0 with length 0), or a negative length')};
  end if;
  if start = 0 then return sub || s; end if;
  return left(s, start::integer - 1) || sub || substr(s, least(start + len, char_length(s) + 1)::integer);
end $f$;
-- docs/iris-sql.md#string-functions: SPACE(count) is count blanks, its integer part; a negative count is 0.
create or replace function iris_sim.space(n numeric) returns text language plpgsql immutable as
$f$ begin
  if n is null then ${unmodelled('SPACE of NULL')}; end if;
  return repeat(' ', greatest(trunc(n), 0)::integer);
end $f$;
-- docs/iris-sql.md#string-functions: STRING(s, ...) concatenates its strings, leaving NULLs out; NULL when all are.
-- (A function named iris_sim.string would read as the string type's cast, collated-string.ts.)
create or replace function iris_sim.string_concat(variadic v text[]) returns text language sql immutable as
$f$ select case when exists (select 1 from unnest(v) x where x is not null) then array_to_string(v, '') end $f$;
-- docs/iris-sql.md#string-functions: LPAD and RPAD(string, length [, padstring]) pad on their side, with blanks by
-- default; NULL string is NULL, '' becomes all pad characters; RPAD truncates a longer string on the right.
create or replace function iris_sim.pad(fn text, s text, n bigint, pad text) returns text language plpgsql immutable as
$f$ begin
  if s is null then return null; end if;
  if n is null or n < 0 or pad is null or pad = '' then
    ${unmodelled('%s with a NULL or negative length, or an empty or NULL pad string', ', fn')};
  end if;
  if char_length(s) > n then
    if fn = 'RPAD' then return left(s, n::integer); end if;
    ${unmodelled('%s of a string longer than the length (which end it cuts)', ', fn')};
  end if;
  if (n - char_length(s)) % char_length(pad) <> 0 then
    ${unmodelled('%s with a pad string that does not fill the gap a whole number of times', ', fn')};
  end if;
  return case fn when 'LPAD' then lpad(s, n::integer, pad) else rpad(s, n::integer, pad) end;
end $f$;
create or replace function iris_sim.lpad(s text, n bigint, pad text default ' ') returns text language sql immutable as
$f$ select iris_sim.pad('LPAD', s, n, pad) $f$;
create or replace function iris_sim.rpad(s text, n bigint, pad text default ' ') returns text language sql immutable as
$f$ select iris_sim.pad('RPAD', s, n, pad) $f$;
`
