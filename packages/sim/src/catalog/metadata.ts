/**
 * What the sim remembers about IRIS DDL that PostgreSQL's own catalog cannot hold: each column's
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

/** Collation that gives strings IRIS's default SQLUPPER semantics: case-insensitive =, LIKE, unique, DISTINCT (docs/iris-sql.md#collation). */
export const SQLUPPER_COLLATION = 'iris_sim.sqlupper'

export const METADATA_SQL = `
create schema if not exists iris_sim;
create collation if not exists iris_sim.sqlupper (provider = icu, locale = 'und@colStrength=secondary', deterministic = false);
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
  primary key (table_oid, column_name)
);
create table if not exists iris_sim.hnsw_index (
  table_oid oid not null,
  index_name name not null,
  column_name name not null,
  distance text not null,
  m integer,
  ef_construct integer,
  primary key (table_oid, index_name)
);
`
