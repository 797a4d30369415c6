/**
 * IRIS's catalog as views over PostgreSQL's (docs/iris-sql.md#information_schema,
 * docs/iris-sql.md#vector-columns-in-the-catalog), with exactly the schema, view and column names
 * of names.ts. Values are IRIS's own: names as created (docs/iris-sql.md#identifiers, from
 * iris_sim.display_name), TABLE_SCHEMA is `SQLUser` for the default schema
 * (docs/iris-sql.md#catalog-values), DATA_TYPE is the ODBC name recorded in `iris_sim.column_info`
 * (VECTOR shows `varchar`), flags are `YES`/`NO`, descriptions come from `%DESCRIPTION` (stored as
 * comments). Name columns use the SQLUPPER collation, so they compare case-insensitively. Only user
 * schemas are listed: not PostgreSQL's, not the sim's, not the catalog schemas themselves. Values
 * guessed where IRIS's are unknown (index flags, property types) are marked [unverified] in
 * docs/iris-sql.md#information_schema.
 */

import { HIDDEN_ROW_ID, SIM_SCHEMA, SQLUPPER_COLLATION, STRING_TYPE } from './metadata.js'
import { DICTIONARY_SCHEMA, INFORMATION_SCHEMA } from './names.js'

const IS = `"${INFORMATION_SCHEMA}"`
const DICT = `"${DICTIONARY_SCHEMA}"`

/** A name as IRIS shows it: varchar, compared case-insensitively. */
const name = (expression: string) => `(${expression})::varchar(128) collate ${SQLUPPER_COLLATION}`
/** The name an object was created with (docs/iris-sql.md#identifiers), from iris_sim.display_name (metadata.ts). */
const shown = (catalog: string, object: string, column: string, stored: string) =>
  `${SIM_SCHEMA}.display_name_of('${catalog}', ${object}, ${column}, ${stored})`
const shownColumn = (attribute: string) =>
  shown('pg_class', `${attribute}.attrelid`, `${attribute}.attnum`, `${attribute}.attname`)
const constraintName = (constraint: string) =>
  shown('pg_constraint', `${constraint}.oid`, '0', `${constraint}.conname`)
const yesNo = (condition: string) => `(case when ${condition} then 'YES' else 'NO' end)::varchar(3)`

/** The sim's own helper views (schema iris_sim), which the IRIS views are built on. */
const HELPER_VIEWS = `
create view ${SIM_SCHEMA}.user_relation as
select relid, schema_name, table_name, relkind,
  case when schema_name = 'SQLUser' then 'User.' || table_name else schema_name || '.' || table_name end as class_name
from (select c.oid as relid, ${shown('pg_namespace', 'n.oid', '0', 'n.nspname')} as schema_name,
    ${shown('pg_class', 'c.oid', '0', 'c.relname')} as table_name, c.relkind
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v')
  and n.nspname not like 'pg\\_%' and n.nspname not like '${SIM_SCHEMA}%' and n.nspname not in ('information_schema', 'public', '${INFORMATION_SCHEMA}', '${DICTIONARY_SCHEMA}')) as named;

create view ${SIM_SCHEMA}.user_column as
select r.relid, r.schema_name, r.table_name, r.class_name, a.attnum, ${shownColumn('a')} as column_name,
  row_number() over (partition by r.relid order by a.attnum) as ordinal_position,
  not a.attnotnull as nullable,
  (a.attidentity <> '' or coalesce(pg_get_expr(d.adbin, d.adrelid), '') like 'nextval(%') as auto_increment,
  ${SIM_SCHEMA}.default_text(case when a.attidentity = '' then pg_get_expr(d.adbin, d.adrelid) end) as column_default,
  -- A column without column_info (a view's): PostgreSQL's type name; the sim's string type as the varchar it stands for.
  coalesce(i.data_type, lower(format_type(case when a.atttypid = '${STRING_TYPE}'::regtype then 'varchar'::regtype else a.atttypid end, null))) as data_type,
  i.character_maximum_length, i.numeric_precision, i.numeric_scale, i.vector_element_type, i.vector_length,
  exists (select 1 from pg_constraint k where k.conrelid = r.relid and k.contype = 'p' and a.attnum = any (k.conkey)) as primary_key,
  exists (select 1 from pg_index x where x.indrelid = r.relid and x.indisunique and x.indnatts = 1 and x.indkey[0] = a.attnum) as unique_column,
  col_description(r.relid, a.attnum) as description
from ${SIM_SCHEMA}.user_relation r
join pg_attribute a on a.attrelid = r.relid and a.attnum > 0 and not a.attisdropped
  -- docs/iris-sql.md#rowid: the catalog does not list a hidden RowID.
  and a.attname <> '${HIDDEN_ROW_ID}'
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join ${SIM_SCHEMA}.column_info i on i.table_oid = r.relid and i.column_name = a.attname;
`

const INFORMATION_SCHEMA_VIEWS = `
create schema ${IS};

create view ${IS}."SCHEMATA" as
select null::varchar(128) as "CATALOG_NAME", ${name(shown('pg_namespace', 'n.oid', '0', 'n.nspname'))} as "SCHEMA_NAME", '_SYSTEM'::varchar(128) as "SCHEMA_OWNER"
from pg_namespace n
where n.nspname not like 'pg\\_%' and n.nspname not like '${SIM_SCHEMA}%' and n.nspname not in ('information_schema', 'public', '${INFORMATION_SCHEMA}', '${DICTIONARY_SCHEMA}')
  -- docs/iris-sql.md#schemas: a schema is listed once it holds a table or view.
  and exists (select 1 from pg_class c where c.relnamespace = n.oid and c.relkind in ('r', 'p', 'v'));

create view ${IS}."TABLES" as
select null::varchar(128) as "TABLE_CATALOG", ${name('r.schema_name')} as "TABLE_SCHEMA", ${name('r.table_name')} as "TABLE_NAME",
  (case when r.relkind = 'v' then 'VIEW' else 'BASE TABLE' end)::varchar(20) as "TABLE_TYPE",
  ${name('r.class_name')} as "CLASSNAME", obj_description(r.relid, 'pg_class')::varchar(4096) as "DESCRIPTION"
from ${SIM_SCHEMA}.user_relation r;

create view ${IS}."COLUMNS" as
select null::varchar(128) as "TABLE_CATALOG", ${name('c.schema_name')} as "TABLE_SCHEMA", ${name('c.table_name')} as "TABLE_NAME",
  ${name('c.column_name')} as "COLUMN_NAME", c.ordinal_position::integer as "ORDINAL_POSITION",
  c.column_default::varchar(4096) as "COLUMN_DEFAULT", ${yesNo('c.nullable')} as "IS_NULLABLE",
  c.data_type::varchar(128) as "DATA_TYPE", c.character_maximum_length as "CHARACTER_MAXIMUM_LENGTH",
  c.numeric_precision as "NUMERIC_PRECISION", c.numeric_scale as "NUMERIC_SCALE",
  ${yesNo('c.auto_increment')} as "AUTO_INCREMENT", ${yesNo('c.auto_increment')} as "IS_IDENTITY",
  ${yesNo('c.primary_key')} as "PRIMARY_KEY", ${yesNo('c.unique_column')} as "UNIQUE_COLUMN",
  c.description::varchar(4096) as "DESCRIPTION"
from ${SIM_SCHEMA}.user_column c;

create view ${IS}."TABLE_CONSTRAINTS" as
select null::varchar(128) as "CONSTRAINT_CATALOG", ${name('r.schema_name')} as "CONSTRAINT_SCHEMA", ${name(constraintName('k'))} as "CONSTRAINT_NAME",
  ${name('r.schema_name')} as "TABLE_SCHEMA", ${name('r.table_name')} as "TABLE_NAME",
  (case k.contype when 'p' then 'PRIMARY KEY' when 'u' then 'UNIQUE' when 'f' then 'FOREIGN KEY' else 'CHECK' end)::varchar(20) as "CONSTRAINT_TYPE"
from pg_constraint k join ${SIM_SCHEMA}.user_relation r on r.relid = k.conrelid
where k.contype in ('p', 'u', 'f', 'c');

create view ${IS}."KEY_COLUMN_USAGE" as
select ${name('r.schema_name')} as "CONSTRAINT_SCHEMA", ${name(constraintName('k'))} as "CONSTRAINT_NAME",
  ${name('r.schema_name')} as "TABLE_SCHEMA", ${name('r.table_name')} as "TABLE_NAME", ${name(shownColumn('a'))} as "COLUMN_NAME",
  u.position::integer as "ORDINAL_POSITION",
  ${name('f.schema_name')} as "REFERENCED_TABLE_SCHEMA", ${name('f.table_name')} as "REFERENCED_TABLE_NAME", ${name(shownColumn('fa'))} as "REFERENCED_COLUMN_NAME"
from pg_constraint k
join ${SIM_SCHEMA}.user_relation r on r.relid = k.conrelid
cross join lateral unnest(k.conkey) with ordinality as u(attnum, position)
join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
left join ${SIM_SCHEMA}.user_relation f on f.relid = k.confrelid
left join pg_attribute fa on fa.attrelid = k.confrelid and fa.attnum = k.confkey[u.position]
where k.contype in ('p', 'u', 'f');

create view ${IS}."REFERENTIAL_CONSTRAINTS" as
select ${name('r.schema_name')} as "CONSTRAINT_SCHEMA", ${name(constraintName('k'))} as "CONSTRAINT_NAME",
  ${name('f.schema_name')} as "UNIQUE_CONSTRAINT_SCHEMA", ${name(constraintName('uk'))} as "UNIQUE_CONSTRAINT_NAME",
  ${SIM_SCHEMA}.fk_rule(k.confupdtype) as "UPDATE_RULE", ${SIM_SCHEMA}.fk_rule(k.confdeltype) as "DELETE_RULE",
  ${name('r.table_name')} as "TABLE_NAME", ${name('f.table_name')} as "REFERENCED_TABLE_NAME"
from pg_constraint k
join ${SIM_SCHEMA}.user_relation r on r.relid = k.conrelid
join ${SIM_SCHEMA}.user_relation f on f.relid = k.confrelid
left join pg_constraint uk on uk.conindid = k.conindid and uk.contype in ('p', 'u') and uk.conrelid = k.confrelid
where k.contype = 'f';

create view ${IS}."INDEXES" as
select ${name('r.schema_name')} as "TABLE_SCHEMA", ${name('r.table_name')} as "TABLE_NAME", ${name(shown('pg_class', 'ic.oid', '0', 'ic.relname'))} as "INDEX_NAME",
  ${name(shownColumn('a'))} as "COLUMN_NAME", u.position::integer as "ORDINAL_POSITION",
  (case when x.indisunique then 0 else 1 end)::smallint as "NON_UNIQUE", (case when x.indisprimary then 1 else 0 end)::smallint as "PRIMARY_KEY",
  'index'::varchar(32) as "INDEX_TYPE", null::varchar(4096) as "INDEX_PARAMETERS"
from pg_index x
join ${SIM_SCHEMA}.user_relation r on r.relid = x.indrelid
join pg_class ic on ic.oid = x.indexrelid
cross join lateral unnest(x.indkey::int2[]) with ordinality as u(attnum, position)
join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.attnum
union all
select ${name('r.schema_name')}, ${name('r.table_name')}, ${name('h.display_name')}, ${name(shownColumn('a'))}, 1,
  1::smallint, 0::smallint, 'HNSW'::varchar(32),
  (concat_ws(',', 'Distance=''' || h.distance || '''', 'M=' || h.m, 'efConstruct=' || h.ef_construct))::varchar(4096)
from ${SIM_SCHEMA}.hnsw_index h join ${SIM_SCHEMA}.user_relation r on r.relid = h.table_oid
join pg_attribute a on a.attrelid = h.table_oid and a.attname = h.column_name;

create view ${IS}."VIEWS" as
select ${name('r.schema_name')} as "TABLE_SCHEMA", ${name('r.table_name')} as "TABLE_NAME",
  pg_get_viewdef(r.relid)::varchar(32000) as "VIEW_DEFINITION",
  ${yesNo('pg_relation_is_updatable(r.relid, false) & 4 = 4')} as "IS_UPDATABLE"
from ${SIM_SCHEMA}.user_relation r where r.relkind = 'v';
`

/** The class-dictionary projection: property types, and the vector parameters (docs/iris-sql.md#vector-columns-in-the-catalog). */
const DICTIONARY_VIEWS = `
create schema ${DICT};

create view ${DICT}."CompiledProperty" as
select ${name("c.class_name || '||' || c.column_name")} as "ID", ${name('c.class_name')} as "parent",
  ${name('c.column_name')} as "Name", ${name('c.column_name')} as "SqlFieldName",
  ${SIM_SCHEMA}.property_type(c.data_type, c.vector_element_type)::varchar(128) as "Type"
from ${SIM_SCHEMA}.user_column c;

create view ${DICT}."CompiledProperty_Parameters" as
select ${name("c.class_name || '||' || c.column_name || '||' || p.element_key")} as "ID",
  ${name("c.class_name || '||' || c.column_name")} as "CompiledProperty",
  p.element_key::varchar(128) as "element_key", p.value::varchar(128) as "Parameters"
from ${SIM_SCHEMA}.user_column c
cross join lateral (values ('DATATYPE', c.vector_element_type), ('LEN', c.vector_length::text)) as p(element_key, value)
where c.vector_element_type is not null and p.value is not null;
`

/** Small functions the views use. */
const HELPER_FUNCTIONS = `
-- A column default as written in the DDL: a quoted literal without PostgreSQL's cast ('a''b'::varchar → a'b), and
-- the keywords CURRENT_TIMESTAMP and CURRENT_TIME, which the translator writes as the runtime's clock.
create function ${SIM_SCHEMA}.default_text(expression text) returns text language sql immutable as $$
  select case
    when expression like 'nextval(%' then null
    when expression ~ '^''.*''::[^'']+$' then replace(substring(expression from '^''(.*)''::[^'']+$'), '''''', '''')
    else replace(replace(replace(expression,
      'iris_sim.current_timestamp_value()', 'CURRENT_TIMESTAMP'),
      'iris_sim.current_timestamp_value(', 'CURRENT_TIMESTAMP('),
      'iris_sim.current_time_value()', 'CURRENT_TIME') end
$$;

create function ${SIM_SCHEMA}.fk_rule(action "char") returns varchar(11) language sql immutable as $$
  select case action when 'c' then 'CASCADE' when 'n' then 'SET NULL' when 'd' then 'SET DEFAULT' when 'r' then 'RESTRICT' else 'NO ACTION' end
$$;

-- docs/iris-sql.md#vector-columns-in-the-catalog: the class each column's property has in IRIS; '%Library.Vector' for VECTOR columns.
create function ${SIM_SCHEMA}.property_type(data_type text, vector_element_type text) returns text language sql immutable as $$
  select case
    when vector_element_type is not null then '%Library.Vector'
    else case data_type
      when 'integer' then '%Library.Integer' when 'bigint' then '%Library.BigInt' when 'smallint' then '%Library.SmallInt'
      when 'tinyint' then '%Library.TinyInt' when 'numeric' then '%Library.Numeric' when 'double' then '%Library.Double'
      when 'longvarchar' then '%Stream.GlobalCharacter' when 'bit' then '%Library.Boolean' when 'date' then '%Library.Date'
      when 'time' then '%Library.Time' when 'timestamp' then '%Library.TimeStamp' when 'posixtime' then '%Library.PosixTime'
      when 'varbinary' then '%Library.Binary' when 'longvarbinary' then '%Stream.GlobalBinary'
      when 'uniqueidentifier' then '%Library.UniqueIdentifier'
      else '%Library.String' end
  end
$$;
`

/** Creates the catalog views; run once at bootstrap, after METADATA_SQL. */
export const CATALOG_VIEWS_SQL = [
  HELPER_FUNCTIONS,
  HELPER_VIEWS,
  INFORMATION_SCHEMA_VIEWS,
  DICTIONARY_VIEWS,
].join('\n')
