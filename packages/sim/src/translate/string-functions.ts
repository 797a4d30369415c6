/**
 * The runtime's string functions whose IRIS meaning PostgreSQL has under no name
 * (docs/iris-sql.md#string-functions): CHARINDEX (substring first, an optional start), STUFF
 * (replace by position) and LPAD (pad, never truncate). What IRIS does is documented only in part:
 * an undocumented case raises IR359 (SQLCODE -359) saying so, rather than return a guess.
 */
const unmodelled = (what: string) =>
  `raise exception using errcode = 'IR359', message = '${what} is IRIS SQL, but its result is not documented; test it on IRIS'`

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
-- docs/iris-sql.md#string-functions: LPAD(string, length [, padstring]) pads on the left, with blanks by default;
-- NULL string is NULL, '' becomes all pad characters.
create or replace function iris_sim.lpad(s text, n bigint, pad text default ' ') returns text language plpgsql immutable as
$f$ begin
  if s is null then return null; end if;
  if n is null or pad is null or pad = '' then ${unmodelled('LPAD with a NULL length or an empty or NULL pad string')}; end if;
  if char_length(s) > n then ${unmodelled('LPAD of a string longer than the length (which characters it keeps)')}; end if;
  if (n - char_length(s)) % char_length(pad) <> 0 then
    ${unmodelled('LPAD with a pad string that does not fill the gap a whole number of times')};
  end if;
  return lpad(s, n::integer, pad);
end $f$;
`
