/**
 * What the sim remembers about IRIS DDL that PostgreSQL's own catalog cannot hold: each object's
 * name as created (PostgreSQL stores every name in lower case, docs/iris-sql.md#identifiers), each column's
 * declared IRIS type (INFORMATION_SCHEMA.COLUMNS.DATA_TYPE, docs/iris-sql.md#information_schema;
 * VECTOR element type and length, docs/iris-sql.md#vector-columns-in-the-catalog) and the HNSW
 * indexes, which are recorded but not built (search stays exact).
 *
 * The translator writes these tables from the `after` steps of DDL plans; the engine creates them
 * at bootstrap, reads them to describe result columns (docs/iris-sql.md#simulator-profiles) and
 * builds the catalog views on them.
 */

/** PostgreSQL schema for the sim's own objects (bookkeeping tables, support functions, domains). */
export const SIM_SCHEMA = 'iris_sim'

/** Functions and operators that replace PostgreSQL's own under IRIS's face; on the search path before pg_catalog. */
export const OVERRIDES_SCHEMA = `${SIM_SCHEMA}_overrides`

/** Collation that gives strings IRIS's default SQLUPPER semantics: case-insensitive =, LIKE, unique, DISTINCT (docs/iris-sql.md#collation). */
export const SQLUPPER_COLLATION = 'iris_sim.sqlupper'

/** Exact, case-sensitive collation for %EXACT (docs/iris-sql.md#collation): PostgreSQL's "C", under a name that needs no quotes. */
export const EXACT_COLLATION = 'iris_sim.exact'

/** The type of VARCHAR / CHAR columns whose collation ignores trailing blanks (translate/collated-string.ts, docs/iris-sql.md#collation). */
export const STRING_TYPE = 'iris_sim.string'

/**
 * The hidden RowID of a table without an IDENTITY column (docs/iris-sql.md#rowid): a column no IRIS
 * statement can name (a control character starts it), which `%ID` reads and which `*`, INSERT
 * without a column list and the catalog leave out.
 */
export const HIDDEN_ROW_ID = '\u0001rowid'

/** Display names (the case an object was created with), keyed as pg_description keys objects. */
export const DISPLAY_NAME_TABLE = 'iris_sim.display_name'

export const METADATA_SQL = `
create schema if not exists iris_sim;
create schema if not exists ${OVERRIDES_SCHEMA};
create collation if not exists iris_sim.sqlupper (provider = icu, locale = 'und@colStrength=secondary', deterministic = false);
create collation if not exists iris_sim.exact from "C";
-- docs/iris-sql.md#identifiers: the name a schema (pg_namespace), table, view or index (pg_class, objsubid 0),
-- column (pg_class, objsubid = attnum) or constraint (pg_constraint) was created with; PostgreSQL holds it lower-cased.
create table if not exists iris_sim.display_name (
  classid regclass not null,
  objid oid not null,
  objsubid integer not null,
  name text not null,
  primary key (classid, objid, objsubid)
);
-- A dropped object's names go with it (a dropped table takes its columns' too).
create or replace function iris_sim.forget_display_names() returns event_trigger language plpgsql as $f$
begin
  delete from iris_sim.display_name d using pg_event_trigger_dropped_objects() o
  where d.classid = o.classid and d.objid = o.objid and (d.objsubid = o.objsubid or o.objsubid = 0);
end $f$;
do $do$ begin
  if not exists (select 1 from pg_event_trigger where evtname = 'iris_sim_forget_display_names') then
    create event trigger iris_sim_forget_display_names on sql_drop execute function iris_sim.forget_display_names();
  end if;
end $do$;
-- The name an object shows: its display name, else the name PostgreSQL stores.
create or replace function iris_sim.display_name_of(catalog regclass, object oid, column_number integer, stored name) returns text
language sql stable as $f$
  select coalesce((select d.name from iris_sim.display_name d where d.classid = catalog and d.objid = object and d.objsubid = column_number), stored)
$f$;
create table if not exists iris_sim.column_info (
  table_oid oid not null,
  column_name name not null,
  -- The declared type as IRIS would show it in DDL, e.g. VARCHAR(50), NUMERIC(10,2), VECTOR(FLOAT,384).
  iris_type text not null,
  -- INFORMATION_SCHEMA.COLUMNS.DATA_TYPE: the ODBC type name, lower case (docs/iris-sql.md#information_schema); varchar for VECTOR (docs/iris-sql.md#vector-columns-in-the-catalog).
  data_type text not null,
  character_maximum_length integer,
  numeric_precision integer,
  numeric_scale integer,
  -- VECTOR columns only (docs/iris-sql.md#vector-columns-in-the-catalog): FLOAT | DOUBLE | DECIMAL | INTEGER, and the length.
  vector_element_type text,
  vector_length integer,
  -- Declared IDENTITY, so the table's RowID under a name: %ID reads it (docs/iris-sql.md#rowid).
  row_id boolean not null default false,
  primary key (table_oid, column_name)
);
create table if not exists iris_sim.hnsw_index (
  table_oid oid not null,
  index_name name not null,
  -- The index name as created (docs/iris-sql.md#identifiers).
  display_name text not null,
  column_name name not null,
  distance text not null,
  m integer,
  ef_construct integer,
  primary key (table_oid, index_name)
);
`
